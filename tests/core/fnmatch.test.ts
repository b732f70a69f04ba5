import { describe, expect, it } from 'vitest';
import { fnmatch } from '../../src/core/index';

describe('fnmatch (Python rules)', () => {
  it('lets * match across /', () => {
    expect(fnmatch('SA1_XTD2_XGM/DOOCS/MAIN', '*XGM*')).toBe(true);
    expect(fnmatch('SA1_XTD2_XGM/DOOCS/MAIN:output', '*_XGM/*')).toBe(true);
    expect(fnmatch('FXE_DET_LPD1M-1/DET/0CH0:xtdf', '*/DET/*')).toBe(true);
  });

  it('matches the whole name, case-sensitively', () => {
    expect(fnmatch('beamPosition.ixPos.value', 'beamPosition.*')).toBe(true);
    expect(fnmatch('beamPosition.ixPos.value', 'ixPos')).toBe(false);
    expect(fnmatch('BEAMPOSITION.ixPos', 'beamPosition.*')).toBe(false);
  });

  it('handles ?, [seq], [!seq] and a lone [', () => {
    expect(fnmatch('beamPosition.ixPos', '*.i[xy]Pos')).toBe(true);
    expect(fnmatch('beamPosition.izPos', '*.i[xy]Pos')).toBe(false);
    expect(fnmatch('beamPosition.izPos', '*.i[!xy]Pos')).toBe(true);
    expect(fnmatch('a[b', 'a[b')).toBe(true);
    expect(fnmatch('ab', 'a?')).toBe(true);
    expect(fnmatch('a', 'a?')).toBe(false);
  });

  it("reads a ']' first in a set as a literal, and '^' as a plain character", () => {
    expect(fnmatch(']', '[]a]')).toBe(true);
    expect(fnmatch('a', '[]a]')).toBe(true);
    expect(fnmatch('b', '[]a]')).toBe(false);
    expect(fnmatch('a', '[!]]')).toBe(true);
    expect(fnmatch(']', '[!]]')).toBe(false);
    expect(fnmatch('^', '[^a]')).toBe(true);
    expect(fnmatch('b', '[^a]')).toBe(false);
  });

  it('treats regex characters literally', () => {
    expect(fnmatch('a.b', 'a.b')).toBe(true);
    expect(fnmatch('axb', 'a.b')).toBe(false);
    expect(fnmatch('x+(y)', 'x+(y)')).toBe(true);
  });
});

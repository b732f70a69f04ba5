// The CrystFEL .geom parser on hand-written text: the format's rules, and
// malformed files, whose errors must name the line.
import { describe, expect, it } from 'vitest';
import { CrystfelGeomError, parseCrystfelGeom } from '../../src/core/geometry/crystfelParser';
import { npPositionalSigned, pyRepr, roundHalfEven } from '../../src/core/geometry/pyFloat';

const panel = (name: string, extra = '') => `
${name}/min_fs = 0
${name}/max_fs = 127
${name}/min_ss = 0
${name}/max_ss = 63
${name}/fs = -x
${name}/ss = +1.0y
${name}/corner_x = -10 ; trailing comment
${name}/corner_y = 20.5
${extra}`;

describe('parseCrystfelGeom: format rules', () => {
  it('reads panels, comments, bare-sign vectors and globals that come before a panel', () => {
    const g = parseCrystfelGeom(`; a comment line\nres = 5000\nclen = 0.1 ; metres\nphoton_energy = 9300\n${panel('q0')}\nres = 1000\n${panel('q1')}`);
    expect(g.panels.map((p) => p.name)).toEqual(['q0', 'q1']);
    const [p0, p1] = g.panels;
    expect(p0.fs).toEqual([-1, 0, 0]);
    expect(p0.ss).toEqual([0, 1, 0]);
    expect([p0.cornerX, p0.cornerY, p0.coffset]).toEqual([-10, 20.5, 0]);
    expect(p0.res).toBe(5000); // the later res applies only to panels after it
    expect(p1.res).toBe(1000);
    expect(p0.clen).toBe(0.1);
    expect(g.photonEnergy).toBe(9300);
    expect(p0.dims).toEqual(['%', 'ss', 'fs']);
  });

  it('applies default fields given after the last panel to every panel lacking them', () => {
    const g = parseCrystfelGeom(`res = 5000\ndim0 = %\n${panel('a', 'a/dim1 = 3')}\n${panel('b', 'b/dim1 = 4')}\ndim2 = ss\ndim3 = fs\ndata = /data/data`);
    expect(g.panels.map((p) => p.dims)).toEqual([['%', 3, 'ss', 'fs'], ['%', 4, 'ss', 'fs']]);
    expect(g.panels.every((p) => p.data === '/data/data')).toBe(true);
  });

  it('reads vectors with z, exponents and no spaces', () => {
    const g = parseCrystfelGeom(`res = 1\n${panel('p', 'p/fs = 0.5x+1e-3y -0.25z')}`);
    expect(g.panels[0].fs).toEqual([0.5, 1e-3, -0.25]);
  });

  it('collects rigid groups and bad regions', () => {
    const g = parseCrystfelGeom(`res = 1\n${panel('p0a0')}\nrigid_group_q0 = p0a0\nrigid_group_collection_quads = q0\nbad_x/min_x = -1\nbad_x/max_x = 1\nbad_x/min_y = -2\nbad_x/max_y = 2\nbad_p/panel = p0a0\nbad_p/min_fs = 0\nbad_p/max_fs = 3\nbad_p/min_ss = 1\nbad_p/max_ss = 2`);
    expect(g.rigidGroups).toEqual({ q0: ['p0a0'] });
    expect(g.rigidGroupCollections).toEqual({ quads: ['q0'] });
    expect(g.bad).toEqual([
      { name: 'bad_x', isFsss: false, panel: undefined, minX: -1, maxX: 1, minY: -2, maxY: 2 },
      { name: 'bad_p', isFsss: true, panel: 'p0a0', minFs: 0, maxFs: 3, minSs: 1, maxSs: 2 },
    ]);
  });
});

describe('parseCrystfelGeom: malformed files name the line', () => {
  const good = `res = 5000\n${panel('p0a0')}`; // the panel is lines 3-10; appended lines start at 12
  const cases: Array<[string, string, number, RegExp]> = [
    ['a line without =', `${good}\nthis is not a setting`, 12, /expected 'key = value'/],
    ['a key without a value', `${good}\np0a0/coffset =`, 12, /no value for 'p0a0\/coffset'/],
    ['a non-numeric number', good.replace('p0a0/min_fs = 0', 'p0a0/min_fs = zero'), 3, /min_fs must be a number/],
    ['a fractional pixel index', good.replace('p0a0/max_ss = 63', 'p0a0/max_ss = 63.5'), 6, /must be an integer/],
    ['an unreadable vector', good.replace('p0a0/fs = -x', 'p0a0/fs = -1q'), 7, /cannot read vector/],
    ['an axis given twice', good.replace('p0a0/fs = -x', 'p0a0/fs = -x +1x'), 7, /'x' given twice/],
    ['max below min', good.replace('p0a0/max_fs = 127', 'p0a0/max_fs = -1'), 4, /max_fs \(-1\) is less than min_fs/],
    ['a missing required field', good.replace('p0a0/corner_x = -10 ; trailing comment', ''), 3, /has no corner_x/],
    ['no res anywhere', panel('p0a0'), 2, /has no res/],
    ['an unknown panel field', `${good}\np0a0/colour = red`, 12, /unknown panel field 'colour'/],
    ['an unknown top-level key', `wibble = 3\n${good}`, 1, /unknown top-level key 'wibble'/],
    ['a bad dim value', `${good}\np0a0/dim1 = sideways`, 12, /dim1 must be '%', 'ss', 'fs' or an index/],
    ['two slow-scan dims', `${good}\np0a0/dim0 = ss\np0a0/dim1 = ss\np0a0/dim2 = fs`, 3, /exactly one slow scan dim/],
    ['a gap in the dims', `${good}\np0a0/dim0 = %\np0a0/dim2 = ss`, 13, /has dim2 but no dim1/],
    ['a key with two slashes', `${good}\np0a0/x/y = 1`, 12, /cannot read key/],
    ['a bad region mixing x/y and fs/ss', `${good}\nbad_m/min_x = 1\nbad_m/max_fs = 2`, 12, /mixes x\/y and fs\/ss/],
    ['a bad region field that does not exist', `${good}\nbad_m/colour = red`, 12, /unknown bad region field/],
    ['a coffset that overflows to Infinity', `${good}\np0a0/coffset = 1e400`, 12, /p0a0\/coffset: '1e400' is out of range/],
    ['a negative overflow', good.replace('p0a0/corner_y = 20.5', 'p0a0/corner_y = -1e400'), 10, /corner_y: '-1e400' is out of range/],
    ['a NaN corner', good.replace('p0a0/corner_x = -10 ; trailing comment', 'p0a0/corner_x = nan'), 9, /corner_x must be a number, not 'nan'/],
    ['a vector component that overflows', good.replace('p0a0/fs = -x', 'p0a0/fs = -1e400x'), 7, /fs: '1e400' is out of range/],
    ['a clen that overflows', `${good}\np0a0/clen = 1e999`, 12, /clen: '1e999' is out of range/],
    ['a photon energy that overflows', `photon_energy = 1e400\n${good}`, 1, /photon_energy: '1e400' is out of range/],
  ];
  it.each(cases)('%s', (_what, text, line, problem) => {
    let err: unknown;
    try {
      parseCrystfelGeom(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CrystfelGeomError);
    expect((err as CrystfelGeomError).line).toBe(line);
    expect((err as Error).message).toMatch(new RegExp(`^line ${line}: `));
    expect((err as Error).message).toMatch(problem);
  });
});

describe('Python float text', () => {
  it.each([
    [-525, '-525.0'], [0.0075, '0.0075'], [1.3e-5, '1.3e-05'], [1e-5, '1e-05'], [1e16, '1e+16'],
    [123456789012345.6, '123456789012345.6'], [0.0001, '0.0001'], [5000, '5000.0'], [-0, '-0.0'], [0.1 + 0.2, '0.30000000000000004'],
  ])('repr(%s) = %s', (v, text) => expect(pyRepr(v)).toBe(text));

  it.each([
    [1, '+1.'], [0, '+0.'], [-0, '-0.'], [-0.003556, '-0.003556'], [0.9999899999999999, '+0.9999899999999999'], [1e-7, '+0.0000001'], [-1.5e20, '-150000000000000000000.'],
  ])('format_float_positional(%s, sign=True) = %s', (v, text) => expect(npPositionalSigned(v)).toBe(text));

  it('rounds halves to even like numpy', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 2, -3]);
  });
});

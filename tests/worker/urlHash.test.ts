// The view in the URL hash: what a shared link restores.
import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../src/app/store/urlHash';
import type { RunSummary } from '../../src/worker/api';

describe('URL hash', () => {
  it('round-trips run, source, key, train, pulse and tab', () => {
    const view = {
      run: { name: 'r0450' } as RunSummary,
      source: 'SA1_XTD2_XGM/DOOCS/MAIN:output',
      key: 'data.intensityTD',
      trainId: 2147483647,
      pulse: 2,
      tab: 'detector' as const,
    };
    const hash = formatHash(view);
    expect(parseHash(hash)).toEqual({ run: 'r0450', source: view.source, key: view.key, train: 2147483647, pulse: 2, view: 'detector' });
  });

  it('ignores what it does not know', () => {
    expect(parseHash('#view=nonsense&train=abc')).toEqual({
      run: undefined, source: undefined, key: undefined, train: undefined, pulse: undefined, view: undefined,
    });
  });
});

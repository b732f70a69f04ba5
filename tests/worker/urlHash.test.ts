// The view in the URL hash: what a shared link restores.
import { describe, expect, it } from 'vitest';
import { applyHashToRun, formatHash, parseHash } from '../../src/app/store/urlHash';
import { getState } from '../../src/app/store/viewerStore';
import type { RunSummary } from '../../src/worker/api';

describe('URL hash', () => {
  it('round-trips run, source, key, train, pulse, tab and detector ROI', () => {
    const view = {
      run: { name: 'r0450' } as RunSummary,
      source: 'SA1_XTD2_XGM/DOOCS/MAIN:output',
      key: 'data.intensityTD',
      trainId: 2147483647,
      pulse: 2,
      tab: 'detector' as const,
      roi: { x0: 10, x1: 42, y0: 0, y1: 7 },
    };
    const hash = formatHash(view);
    expect(parseHash(hash)).toEqual({ run: 'r0450', source: view.source, key: view.key, train: 2147483647, pulse: 2, view: 'detector', roi: view.roi });
  });

  it('ignores what it does not know', () => {
    expect(parseHash('#view=nonsense&train=abc&roi=1,2,x,4')).toEqual({
      run: undefined, source: undefined, key: undefined, train: undefined, pulse: undefined, view: undefined, roi: undefined,
    });
    expect(parseHash('#roi=1,2,3').roi).toBeUndefined();
    expect(parseHash('#roi=1,,3,4').roi).toBeUndefined();
  });

  it('restores the detector ROI with the run it names', () => {
    applyHashToRun(parseHash('#run=r0450&view=detector&roi=5,9,100,120'), 'r0450', [10, 11]);
    expect(getState().roi).toEqual({ x0: 5, x1: 9, y0: 100, y1: 120 });
    applyHashToRun(parseHash('#run=r0450'), 'r0450', [10, 11]);
    expect(getState().roi).toBeNull();
  });
});

// The ROI panel's series on a pool of real worker threads: the rectangle taken on module data
// (only the modules it touches read) equals the same rectangle summed on each assembled frame
// the viewer shows — with missing modules and trains, with a dark subtracted — and cancels.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ViewerApi, type FrameRequest } from '../../src/worker/api';
import { spawnNodeReducer } from '../../src/worker/pool/nodePool';
import type { Rect, Reduction } from '../../src/core/index';
import { FIXTURES, requireOracle } from '../oracle/oracle';

describe.runIf(requireOracle())('detector ROI over trains, on a Worker pool', () => {
  async function opened(fixture: string, pool = true) {
    const api = new ViewerApi(pool ? { spawnReducer: spawnNodeReducer, poolSize: 2 } : {});
    const run = await api.openRun(join(FIXTURES, fixture), fixture);
    const det = run.detectors[0];
    const geometry = api.geometry.default(det.type);
    const frame = (trainId: number, pulse: number): FrameRequest => ({
      detector: det.name, geometryId: geometry.geometryId, trainId, pulse, pulseBy: 'index', plane: 'data', applyMask: false,
    });
    const roi = (rect: Rect, how: Reduction, trains = det.trainIds) =>
      api.detector.roi(run.runId, { detector: det.name, geometryId: geometry.geometryId, plane: 'data' }, rect, how, trains);
    return { api, runId: run.runId, det, frame, roi };
  }

  /** The rectangle of each frame as the viewer assembles it: nansum / nanmean, NaN when empty. */
  function onAssembled(o: Awaited<ReturnType<typeof opened>>, rect: Rect, how: Reduction, trainId: number) {
    const out: number[] = [];
    for (let p = 0, n = 1; p < n; p++) {
      const f = o.api.detector.frame(o.runId, o.frame(trainId, p));
      n = f.framesPerTrain ?? 0;
      if (!n) break;
      let sum = 0;
      let count = 0;
      for (let y = rect.y0; y < rect.y1; y++) {
        for (let x = rect.x0; x < rect.x1; x++) {
          const v = f.image[y * f.shape[1] + x];
          if (v === v) (sum += v, count++);
        }
      }
      out.push(count ? (how === 'sum' ? sum : sum / count) : NaN);
    }
    return out;
  }

  function expectSame(got: ArrayLike<number>, want: number[]) {
    expect(got.length).toBe(want.length);
    want.forEach((w, i) => (Number.isNaN(w) ? expect(got[i]).toBeNaN() : expect(got[i]).toBeCloseTo(w, 6 - Math.ceil(Math.log10(Math.abs(w) + 1)))));
  }

  it('equals the rectangle on assembled frames, across modules, with missing modules and trains (AGIPD)', async () => {
    const o = await opened('spb-agipd-run');
    // Across the centre: parts of several modules, gaps, module 03 (absent), 07 and 11 (missing a train)
    const rect = { x0: 300, x1: 900, y0: 250, y1: 1000 };
    for (const how of ['sum', 'mean'] as const) {
      const r = await o.roi(rect, how);
      const want = o.det.trainIds.flatMap((t) => onAssembled(o, rect, how, t));
      expectSame(r.perPulse, want);
      expect(Array.from(r.trainIds)).toEqual(o.det.trainIds);
    }
  });

  it('gives the same with or without the pool, and subtracts the dark like the frames shown (LPD)', async () => {
    const pooled = await opened('fxe-lpd-run');
    const alone = await opened('fxe-lpd-run', false);
    const rect = { x0: 100, x1: 420, y0: 200, y1: 500 };
    const a = await pooled.roi(rect, 'mean');
    const b = await alone.roi(rect, 'mean');
    expect(a).toEqual(b);
    await pooled.api.detector.setDark(pooled.runId, pooled.det.name, pooled.det.trainIds.slice(0, 2), 'cellId');
    const trains = pooled.det.trainIds.slice(2);
    const r = await pooled.roi(rect, 'sum', trains);
    expectSame(r.perPulse, trains.flatMap((t) => onAssembled(pooled, rect, 'sum', t)));
    const perTrain = trains.map((t) => onAssembled(pooled, rect, 'sum', t).reduce((x, y) => x + y, 0));
    expectSame(r.perTrain, perTrain);
  });

  it('stops when cancelled', async () => {
    const o = await opened('fxe-lpd-run');
    const p = o.roi({ x0: 0, x1: 1000, y0: 0, y1: 1000 }, 'sum');
    o.api.detector.cancel();
    await expect(p).rejects.toThrow(/abort/i);
  });
});

// Calibrated data with a bad-pixel mask (image.mask): single frames show masked pixels as
// NaN, and the mean per pulse over trains leaves them out pixel by pixel (on the pool).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewerApi, type FrameRequest } from '../../src/worker/api';
import { spawnNodeReducer } from '../../src/worker/pool/nodePool';
import { writeSyntheticRun, type FrameContext } from '../../src/core/synthetic';
import { meanModules } from '../../src/worker/pulseMeans';

const SIZE = 256 * 256;
/** Bad where (pixel + pulse + train) % 5 == 0: a pixel is masked in some frames only. */
const bad = (i: number, ctx: FrameContext) => (i + ctx.pulse + ctx.toff) % 5 === 0;

describe('masked calibrated data', () => {
  let tmp = '';
  let run = '';
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'xfel-mask-'));
    run = join(tmp, 'r0009');
    process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
    await writeSyntheticRun(run, {
      runNumber: 9, nTrains: 4, prefix: 'CORR',
      detector: { type: 'LPD', framesPerTrain: 3, modules: [0, 1, 2], gzip: 0, maskFrame: (out, ctx) => out.forEach((_, i) => (out[i] = bad(i, ctx) ? 4 : 0)) },
    });
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('leaves masked pixels out of single frames and of the mean per pulse', async () => {
    const api = new ViewerApi({ spawnReducer: spawnNodeReducer, poolSize: 2 });
    const opened = await api.openRun(run, 'r0009');
    const det = opened.detectors[0];
    expect(det.hasMask).toBe(true);
    const geometry = api.geometry.default('LPD');
    const frame = (trainId: number, pulse: number, applyMask: boolean): FrameRequest => ({
      detector: det.name, geometryId: geometry.geometryId, trainId, pulse, pulseBy: 'index', plane: 'data', applyMask,
    });
    const trains = det.trainIds;
    const raw = trains.map((t) => api.detector.modules(opened.runId, frame(t, 1, false)).modules);
    const masked = api.detector.modules(opened.runId, frame(trains[0], 1, true)).modules;
    const ctx = (t: number): FrameContext => ({ module: 0, trainId: trains[t], toff: t, pulse: 1, frameShape: [1, 256, 256] });
    for (const i of [0, 1, 5, 6, 1234]) expect(Number.isNaN(masked[i])).toBe(bad(i, ctx(0)));
    // A train's mean over its pulses: each pixel over its unmasked frames
    const pulses = [0, 1, 2].map((p) => api.detector.modules(opened.runId, frame(trains[0], p, false)).modules);
    const trainMean = api.detector.modules(opened.runId, { ...frame(trains[0], 0, true), pulseBy: 'mean' }).modules;
    for (const i of [0, 1, 2, 3, 4, 999]) {
      const good = [0, 1, 2].filter((p) => !bad(i, { ...ctx(0), pulse: p }));
      expect(trainMean[i]).toBeCloseTo(good.reduce((a, p) => a + pulses[p][i], 0) / good.length, 3);
    }

    const info = await api.detector.trainMean(opened.runId, { detector: det.name, trainIds: trains, applyMask: true });
    expect(info.masked).toBe(true);
    const kept = api.detector['trainMeans'].get(`${opened.runId}/${det.name}`)!.mean;
    const mean = meanModules(kept, 16, [256, 256], 1);
    for (const i of [0, 1, 2, 3, 4, 5, 17, 4321]) {
      const good = trains.map((_, t) => t).filter((t) => !bad(i, ctx(t)));
      const want = good.reduce((a, t) => a + raw[t][i], 0) / good.length;
      expect(mean[i]).toBeCloseTo(want, 3);
    }
    expect(Number.isNaN(mean[5 * SIZE])).toBe(true); // module 5 was not written
    api.detector.cancel();
  });
});

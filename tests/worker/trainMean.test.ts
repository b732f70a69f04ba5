// Per-pulse means over a train range (docs 3.19) on a pool of real worker threads: equal to
// the core's single-thread computation and to a plain average of the frames; progress,
// cancel (the pool's workers are stopped, the next mean still works), dark subtraction.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ViewerApi, type FrameRequest } from '../../src/worker/api';
import { spawnNodeReducer } from '../../src/worker/pool/nodePool';
import { LPD1M, RunDirectory, detectorPulseMean, byId } from '../../src/core/index';
import { meanModules } from '../../src/worker/pulseMeans';
import { FIXTURES, requireOracle } from '../oracle/oracle';

describe.runIf(requireOracle())('detector mean per pulse over trains, on a Worker pool', () => {
  const apis: ViewerApi[] = [];
  afterAll(() => apis.forEach((a) => a.detector.cancel()));

  async function opened(pool: boolean) {
    let spawned = 0;
    const api = new ViewerApi(pool ? { spawnReducer: () => (spawned++, spawnNodeReducer()), poolSize: 2 } : {});
    apis.push(api);
    const run = await api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');
    const geometry = api.geometry.default('LPD');
    const det = run.detectors[0];
    const frame = (trainId: number, pulse: number, pulseBy: FrameRequest['pulseBy'] = 'index'): FrameRequest => ({
      detector: det.name, geometryId: geometry.geometryId, trainId, pulse, pulseBy, plane: 'data', applyMask: false,
    });
    return { api, runId: run.runId, det, geometry, frame, spawned: () => spawned };
  }

  it('equals the single-thread core result, byte for byte, and reports progress', async () => {
    const { api, runId, det, spawned } = await opened(true);
    const progress: number[] = [];
    const info = await api.detector.trainMean(runId, { detector: det.name, trainIds: det.trainIds }, (done, total) => progress.push(done / total));
    expect(spawned()).toBe(2);
    expect(progress.at(-1)).toBe(1);
    expect(info.pulses).toEqual([0, 2, 4, 6]);
    expect(info.frames).toEqual([5, 5, 5, 5]);

    const run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'));
    const single = await detectorPulseMean(new LPD1M(run), { trains: byId.list(info.trainIds) });
    const kept = api.detector['trainMeans'].get(`${runId}/${det.name}`)!.mean;
    expect(kept.pulses).toEqual(single.pulses);
    expect(Buffer.from(kept.data.buffer).equals(Buffer.from(single.data.buffer))).toBe(true);
    expect(Array.from(kept.counts)).toEqual(Array.from(single.counts));
  });

  it('shows each pulse as the plain average of that pulse’s frames, and all pulses as the mean of every frame', async () => {
    const { api, runId, det, geometry, frame } = await opened(true);
    const trains = det.trainIds.slice(1, 4);
    await api.detector.trainMean(runId, { detector: det.name, trainIds: trains });
    const plain = (pulses: number[]) => {
      const images = trains.flatMap((t) => pulses.map((p) => api.detector.frame(runId, frame(t, p)).image));
      return Float32Array.from(images[0], (_, i) => images.reduce((a, img) => a + img[i], 0) / images.length);
    };
    for (const [pulse, pulses] of [[2, [2]], [null, [0, 1, 2, 3]]] as const) {
      const got = api.detector.meanImage(runId, { detector: det.name, geometryId: geometry.geometryId, pulse, plane: 'data' }).image;
      const want = plain([...pulses]);
      let checked = 0;
      for (let i = 0; i < got.length; i += 97) {
        if (Number.isNaN(want[i])) expect(got[i]).toBeNaN();
        else {
          expect(got[i]).toBeCloseTo(want[i], 2);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
    }
  });

  it('gives the same images with or without the pool', async () => {
    const pooled = await opened(true);
    const alone = await opened(false);
    const req = (o: typeof pooled) => ({ detector: o.det.name, trainIds: o.det.trainIds, pulses: { start: 1, step: 2 } });
    const a = await pooled.api.detector.trainMean(pooled.runId, req(pooled));
    const b = await alone.api.detector.trainMean(alone.runId, req(alone));
    expect(a).toEqual(b);
    expect(a.pulses).toEqual([2, 6]);
    const image = (o: typeof pooled) => o.api.detector.meanImage(o.runId, { detector: o.det.name, geometryId: o.geometry.geometryId, pulse: 1, plane: 'data' }).image;
    expect(Buffer.from(image(pooled).buffer).equals(Buffer.from(image(alone).buffer))).toBe(true);
  });

  it('stops when cancelled (its workers terminated), and the next mean works', async () => {
    const { api, runId, det, spawned } = await opened(true);
    let reports = 0;
    const p = api.detector.trainMean(runId, { detector: det.name, trainIds: det.trainIds }, () => {
      if (++reports === 1) api.detector.cancel();
    });
    await expect(p).rejects.toThrow(/abort/i);
    expect(reports).toBeLessThan(16);
    const before = spawned();
    const info = await api.detector.trainMean(runId, { detector: det.name, trainIds: det.trainIds.slice(0, 2) });
    expect(info.frames).toEqual([2, 2, 2, 2]);
    expect(spawned()).toBeGreaterThan(before); // terminated workers were replaced
  });

  it('a second reduction stops the first with a message that says why, and gives its own result', async () => {
    const { api, runId, det } = await opened(true);
    const first = api.detector.trainMean(runId, { detector: det.name, trainIds: det.trainIds });
    const dark = api.detector.setDark(runId, det.name, det.trainIds.slice(0, 2), 'pulseId');
    await expect(first).rejects.toMatchObject({ name: 'AbortError', message: expect.stringMatching(/another one was started/) });
    expect((await dark).trainIds).toEqual(det.trainIds.slice(0, 2));
  });

  it('subtracts the dark from the mean per pulse, per cell, and from a train’s mean over its pulses', async () => {
    for (const by of ['pulseId', 'cellId'] as const) {
      const { api, runId, det, geometry, frame } = await opened(true);
      await api.detector.setDark(runId, det.name, det.trainIds.slice(0, 2), by);
      const trains = det.trainIds.slice(2);
      await api.detector.trainMean(runId, { detector: det.name, trainIds: trains });
      // The frames as shown (dark subtracted), averaged plainly
      const modules = (t: number, p: number) => api.detector.modules(runId, frame(t, p)).modules;
      const perPulse = trains.map((t) => modules(t, 1));
      const want = Float32Array.from(perPulse[0], (_, i) => perPulse.reduce((a, m) => a + m[i], 0) / perPulse.length);
      const kept = api.detector['trainMeans'].get(`${runId}/${det.name}`)!;
      const got = meanModules(kept.mean, 16, [256, 256], 1, 0, api.detector['darks'].get(`${runId}/${det.name}`));
      expectClose(got, want);
      // One train's mean over its pulses, with the dark: the mean of its dark-subtracted pulses
      const t = trains[0];
      const pulses = [0, 1, 2, 3].map((p) => modules(t, p));
      const trainMean = api.detector.modules(runId, frame(t, 0, 'mean')).modules;
      expectClose(trainMean, Float32Array.from(pulses[0], (_, i) => pulses.reduce((a, m) => a + m[i], 0) / 4));
      expect(api.detector.meanImage(runId, { detector: det.name, geometryId: geometry.geometryId, pulse: null, plane: 'data' }).image.length).toBeGreaterThan(0);
    }
  });

  it('closing the run drops its mean, dark and frame readers', async () => {
    const { api, runId, det, frame } = await opened(false);
    await api.detector.setDark(runId, det.name, det.trainIds.slice(0, 2), 'pulseId');
    await api.detector.trainMean(runId, { detector: det.name, trainIds: det.trainIds.slice(2) });
    api.detector.modules(runId, frame(det.trainIds[2], 0));
    const d = api.detector;
    const kept = () => [d['trainMeans'].size, d['darks'].size, d['frameReaders'].size];
    expect(kept()).toEqual([1, 1, 1]);
    api.closeRun(runId);
    expect(kept()).toEqual([0, 0, 0]);
  });

  function expectClose(got: Float32Array, want: Float32Array) {
    expect(got.length).toBe(want.length);
    let checked = 0;
    for (let i = 0; i < got.length; i += 31) {
      if (Number.isNaN(want[i])) expect(got[i]).toBeNaN();
      else {
        expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(want[i])));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  }
});

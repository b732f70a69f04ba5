// Dark subtraction in the worker: the frame handed to assembly equals raw − the dark's mean
// for the same pulse (or cell), the mean computed plainly here from the dark trains' frames.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ViewerApi, type FrameRequest } from '../../src/worker/api';
import { FIXTURES, requireOracle } from '../oracle/oracle';

describe.runIf(requireOracle())('dark subtraction before assembly', () => {
  async function opened() {
    const api = new ViewerApi();
    const run = await api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');
    const geometry = api.geometry.default('LPD');
    const det = run.detectors[0];
    const req = (pulse: number, trainId: number, pulseBy: FrameRequest['pulseBy'] = 'index'): FrameRequest => ({
      detector: det.name, geometryId: geometry.geometryId, trainId, pulse, pulseBy, plane: 'data', applyMask: false,
    });
    return { api, runId: run.runId, det, req };
  }

  /** Mean of the dark trains' frames with this pulse (or cell) ID, pixel by pixel, in float64. */
  function plainMean(api: ViewerApi, runId: number, darkTrains: number[], by: 'pulseId' | 'cellId', id: number, req: (p: number, t: number, b: FrameRequest['pulseBy']) => FrameRequest) {
    let sum: Float64Array | null = null;
    let n = 0;
    for (const t of darkTrains) {
      const m = api.detector.modules(runId, req(id, t, by)).modules;
      if (!m.some((v) => v === v)) continue; // no frame with that ID in this train
      sum ??= new Float64Array(m.length);
      for (let i = 0; i < m.length; i++) sum[i] += m[i];
      n++;
    }
    return Float64Array.from(sum!, (v) => v / n);
  }

  for (const by of ['pulseId', 'cellId'] as const) {
    it(`gives raw − the dark's per-${by === 'pulseId' ? 'pulse' : 'cell'} mean, and raw again once cleared`, async () => {
      const { api, runId, det, req } = await opened();
      const darkTrains = det.trainIds.slice(0, 3);
      const target = det.trainIds[det.trainIds.length - 1];
      const pulse = 1;
      const raw = api.detector.modules(runId, req(pulse, target)).modules;
      const plain = await opened();
      const reader = plain.api.detector['frameReader'](plain.runId, det.name);
      const ids = by === 'pulseId' ? reader.pulseIds(target) : reader.cellIds(target);
      const mean = plainMean(plain.api, plain.runId, darkTrains, by, ids[pulse], plain.req);

      const progress: number[] = [];
      const info = await api.detector.setDark(runId, det.name, darkTrains, by, (done, total) => progress.push(done / total));
      expect(info.trainIds).toEqual(darkTrains);
      expect(progress.at(-1)).toBe(1);
      const got = api.detector.modules(runId, req(pulse, target)).modules;
      let checked = 0;
      for (let i = 0; i < got.length; i++) {
        const want = raw[i] - mean[i];
        if (Number.isNaN(want)) expect(got[i]).toBeNaN();
        else {
          expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(want)));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
      // the assembled image is the assembly of the subtracted modules
      const assembled = api.detector.frame(runId, req(pulse, target));
      const darkFree = await opened();
      expect(assembled.image.length).toBe(darkFree.api.detector.frame(darkFree.runId, darkFree.req(pulse, target)).image.length);
      api.detector.clearDark(runId, det.name);
      expect(api.detector.modules(runId, req(pulse, target)).modules).toEqual(raw);
    });
  }

  it('takes the dark from a dark run opened beside the shown one, as from the same trains of the shown run', async () => {
    const { api, runId, det, req } = await opened();
    const darkRun = await api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'dark run');
    const darkTrains = darkRun.detectors[0].trainIds.slice(0, 2);
    const target = det.trainIds[3];
    const info = await api.detector.setDark(runId, det.name, darkTrains, 'cellId', undefined, darkRun.runId);
    expect(info.trainIds).toEqual(darkTrains);
    const fromOther = api.detector.modules(runId, req(2, target)).modules;
    await api.detector.setDark(runId, det.name, darkTrains, 'cellId');
    expect(api.detector.modules(runId, req(2, target)).modules).toEqual(fromOther);
    await expect(api.detector.setDark(runId, 'NO_SUCH_DET', darkTrains, 'cellId', undefined, darkRun.runId)).rejects.toThrow(/No detector NO_SUCH_DET/);
  });

  it('stops when cancelled', async () => {
    const { api, runId, det } = await opened();
    const p = api.detector.setDark(runId, det.name, det.trainIds, 'pulseId');
    api.detector.cancel();
    await expect(p).rejects.toThrow(/abort/i);
  });
});

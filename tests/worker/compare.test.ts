// "Compare with run…": two runs open side by side in one worker, each one's photon flux and
// suppression ratio computed where it lives, equal to the core on each run alone.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ViewerApi } from '../../src/worker/api';
import { suppressionRatio } from '../../src/core/index';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const FLUX = 'SA1_XTD2_XGM/DOOCS/MAIN';
const PULSES = 'SA1_XTD2_XGM/DOOCS/MAIN:output';
const on = { start: 0, stop: 20, step: 2 };
const off = { start: 1, stop: 20, step: 2 };

describe.runIf(requireOracle())('AnalysisApi.compareXgm', () => {
  it('computes both runs of the same worker, each as the core does alone', async () => {
    const api = new ViewerApi();
    const a = await api.openRun(join(FIXTURES, 'format-1.0-run'), 'format-1.0-run');
    const b = await api.openRun(join(FIXTURES, 'format-0.5-run'), 'format-0.5-run');
    expect(a.runId).not.toBe(b.runId);
    const choice = { fluxSource: FLUX, pulseSource: PULSES, pulseKey: 'data.intensityTD' };
    const [ra, rb] = await api.analysis.compareXgm([{ runId: a.runId, ...choice }, { runId: b.runId, ...choice }], on, off);
    for (const [summary, side, dir] of [[a, ra, 'format-1.0-run'], [b, rb, 'format-0.5-run']] as const) {
      expect([...side.fluxTrainIds]).toEqual(summary.trainIds);
      expect([...side.trainIds]).toEqual(summary.trainIds);
      const flux = api.array(summary.runId, FLUX, 'pulseEnergy.photonFlux.value');
      expect(side.flux.length).toBe(summary.trainIds.length);
      expect(side.flux.every(Number.isFinite)).toBe(true);
      expect(flux.shape[0]).toBe(side.flux.length);
      // The same as the core on a fresh collection of that run alone.
      const alone = new ViewerApi();
      const s = await alone.openRun(join(FIXTURES, dir), dir);
      const arr = alone.analysis['runOf'](s.runId).getArray(PULSES, 'data.intensityTD');
      const expected = suppressionRatio({ data: Float32Array.from(arr.data as ArrayLike<number>), shape: arr.shape, dtype: 'float32' }, on, off);
      expect([...side.ratio]).toEqual([...expected.perTrain.ratio]);
      expect([...side.error]).toEqual([...expected.perTrain.error]);
      expect(side.overall).toEqual(expected.overall);
    }
    // Closing one run leaves the other comparable.
    api.closeRun(b.runId);
    await expect(api.analysis.compareXgm([{ runId: b.runId, ...choice }], on, off)).rejects.toThrow();
    expect((await api.analysis.compareXgm([{ runId: a.runId, ...choice }], on, off))[0].trainIds.length).toBe(a.trainIds.length);
  });
});

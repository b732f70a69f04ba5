// The worker API used directly in Node (no Worker): what the panels get for a fixture run.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ViewerApi } from '../../src/worker/api';
import { FIXTURES, loadRef, requireOracle } from '../oracle/oracle';

const XGM = 'SA1_XTD2_XGM/DOOCS/MAIN';

describe.runIf(requireOracle())('ViewerApi on fxe-lpd-run', () => {
  const api = new ViewerApi();
  const opened = api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');

  it('summarises the run as info() does', async () => {
    const run = await opened;
    const ref = loadRef('fxe-lpd-run', 'open').cases[0].result;
    expect(run.trainIds).toEqual(ref.train_ids);
    expect(run.nTrains).toBe(260);
    expect(run.durationSeconds).toBe(26);
    expect(run.detectors).toEqual([{ name: 'FXE_DET_LPD1M-1', type: 'LPD', modules: [...Array(16).keys()], trainIds: [10197, 10198, 10199, 10200, 10201], hasMask: false }]);
    expect(run.info).toContain('# of trains:    260');
  });

  it('lists sources with their keys, detector modules grouped', async () => {
    const { runId } = await opened;
    const rows = api.sources(runId);
    const xgm = rows.find((r) => r.source === XGM)!;
    expect(xgm.kind).toBe('control');
    expect(xgm.keys).toContain('beamPosition.ixPos.value');
    expect(rows.find((r) => r.source === 'FXE_DET_LPD1M-1/DET/0CH0:xtdf')?.detector).toBe('FXE_DET_LPD1M-1');
  });

  it('gives a series as doubles, equal to the reference', async () => {
    const { runId } = await opened;
    const ref = loadRef('fxe-lpd-run', 'get_series').cases[0];
    const s = api.series(runId, XGM, 'beamPosition.ixPos.value');
    expect(Array.from(s.trainIds)).toEqual(ref.result.index);
    expect(Array.from(s.values)).toEqual(ref.result.values);
  });

  it('describes keys and shows a train', async () => {
    const { runId } = await opened;
    const info = api.keyInfo(runId, 'SA1_XTD2_XGM/DOOCS/MAIN:output', 'data.intensityTD');
    expect(info).toMatchObject({ dtype: 'float32', trainsWithData: 260 });
    expect(info.shape).toEqual([1000]);
    expect(api.keyInfo(runId, 'FXE_DET_LPD1M-1/DET/0CH0:xtdf', 'image.data')).toMatchObject({ dtype: 'uint16', shape: [1, 256, 256], trainsWithData: 5, entries: 20 });
    expect(api.keyInfo(runId, XGM, 'beamPosition.ixPos.value')).toMatchObject({ dtype: 'float32', shape: [], trainsWithData: 260 });
    expect(api.keyInfo(runId, 'FXE_XAD_GEC/CAM/CAMERA:daqOutput', 'data.image.pixels')).toMatchObject({ dtype: 'uint16', shape: [255, 1024] });
    const train = api.train(runId, 10010);
    expect(train.trainId).toBe(10010);
    const ixPos = train.rows.find((r) => r.source === XGM && r.key === 'beamPosition.ixPos.value');
    expect(ixPos?.value).toBe(Math.fround(Math.sin(1)).toPrecision(6));
    expect(ixPos?.runValue).toBe('0'); // RUN holds the first train's value: sin(0)
  });

  it('gives a train without detector frames as gaps only', async () => {
    const { runId } = await opened;
    const g = api.geometry.default('LPD');
    const f = api.detector.frame(runId, { detector: 'FXE_DET_LPD1M-1', geometryId: g.geometryId, trainId: 10000, pulse: 0, pulseBy: 'index', plane: 'data', applyMask: false });
    expect(f.framesPerTrain).toBe(0);
    expect(f.image.every((v) => Number.isNaN(v))).toBe(true);
    expect(f.stats.finiteCount).toBe(0);
  });

  it('draws and writes the default LPD geometry', () => {
    const g = api.geometry.default('LPD');
    const d = api.geometry.inspect(g.geometryId);
    expect(d.tiles).toHaveLength(16 * 16);
    expect(api.geometry.writeCrystfelGeom(g.geometryId)).toContain('p0a0/');
  });
});

describe.runIf(requireOracle())('ViewerApi detector frames on spb-agipd-run', () => {
  const api = new ViewerApi();
  const opened = api.openRun(join(FIXTURES, 'spb-agipd-run'), 'spb-agipd-run');

  /** The raw value the fixture wrote: 1000·m + 100·toff + 10·p + (ss+fs)%7. */
  const pixel = (m: number, toff: number, p: number, ss: number, fs: number) => 1000 * m + 100 * toff + 10 * p + ((ss + fs) % 7);

  it('assembles a pulse with missing modules as gaps, and looks pixels up by index image', async () => {
    const run = await opened;
    const g = api.geometry.default('AGIPD');
    const tid = 2147483647; // module 07 lacks it, module 11 has 0 frames in it, module 03 is missing
    const frame = api.detector.frame(run.runId, { detector: 'SPB_DET_AGIPD1M-1', geometryId: g.geometryId, trainId: tid, pulse: 1, pulseBy: 'index', plane: 'data', applyMask: false });
    expect(frame.shape).toEqual([1256, 1092]);
    expect(frame.pulseIds).toEqual([4, 12, 20]);
    const { index, moduleShape: [ss, fs] } = api.geometry.pixelIndexImage(g.geometryId);
    const seen = new Map<number, number>();
    for (let i = 0; i < index.length; i++) {
      if (!(index[i] >= 0)) continue;
      const m = Math.floor(index[i] / (ss * fs));
      const r = index[i] % (ss * fs);
      const v = frame.image[i];
      if ([3, 7, 11].includes(m)) expect(v).toBeNaN();
      else expect(v).toBe(pixel(m, 2, 1, Math.floor(r / fs), r % fs));
      seen.set(m, (seen.get(m) ?? 0) + 1);
    }
    expect(seen.size).toBe(16);
  });

  it('picks a pulse by pulse ID or cell ID, the gain plane, and the mean over the train', async () => {
    const run = await opened;
    const g = api.geometry.default('AGIPD');
    const base = { detector: 'SPB_DET_AGIPD1M-1', geometryId: g.geometryId, trainId: 2147483645, pulse: 12, applyMask: false };
    const byId = api.detector.frame(run.runId, { ...base, pulseBy: 'pulseId', plane: 'data' });
    const byIndex = api.detector.frame(run.runId, { ...base, pulse: 1, pulseBy: 'index', plane: 'data' });
    expect(byId.image).toEqual(byIndex.image);
    expect(api.detector.frame(run.runId, { ...base, pulse: 1, pulseBy: 'cellId', plane: 'data' }).image).toEqual(byIndex.image);
    const gain = api.detector.frame(run.runId, { ...base, pulse: 1, pulseBy: 'index', plane: 'gain' });
    const mean = api.detector.frame(run.runId, { ...base, pulseBy: 'mean', plane: 'data' });
    const i = byIndex.image.findIndex((v) => v === v);
    expect(gain.image[i] - byIndex.image[i]).toBe(20000);
    expect(mean.image[i]).toBe(byIndex.image[i]); // pulses 0, 1, 2: the mean is pulse 1's value
  });
});

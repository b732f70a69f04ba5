// The worker's validation and analysis methods used directly in Node, on fixture runs and
// on a synthetic run with a digitizer: the XGM and waveform analyses read in chunks of
// trains give the one-shot results, report progress, and stop reading when cancelled.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { ViewerApi } from '../../src/worker/api';
import { DataCollection, H5File, alignTrains, byId, pulseIntensityImage, reduceOverTrains, suppressionRatio, type NumericArray } from '../../src/core/index';
import { digitizer, digitizerKey, writeSyntheticRun, xgm } from '../../src/core/synthetic';
import { arrayOverview } from '../../src/worker/arrayOverview';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const XGM_OUT = 'SA1_XTD2_XGM/DOOCS/MAIN:output';

describe.runIf(requireOracle())('AnalysisApi and ValidationApi', () => {
  const api = new ViewerApi();
  const opened = api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');

  it('validates the files a run was opened from', async () => {
    const broken = await api.openRun(join(FIXTURES, 'broken-index-past-end'), 'broken');
    const done: number[] = [];
    const result = await api.validation.validateRun(broken.runId, (d) => done.push(d));
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.check && p.msg)).toBe(true);
    expect(done.at(-1)).toBe(result.files);
    const clean = await api.validation.validateRun((await opened).runId);
    expect(clean.problems).toEqual([]);
  });

  it('writes a selection that reads back with the chosen trains', async () => {
    const { runId, trainIds } = await opened;
    const spec = { sourceGlob: 'SA1_XTD2_XGM/*', keyGlob: '*', firstTrainId: trainIds[10], lastTrainId: trainIds[19] };
    expect(api.analysis.selectionSummary(runId, spec)).toEqual({ nTrains: 10, sources: ['SA1_XTD2_XGM/DOOCS/MAIN', XGM_OUT] });
    const bytes = await api.analysis.selectionHdf5(runId, spec);
    const dir = await mkdtemp(join(tmpdir(), 'analysis-test-'));
    try {
      await writeFile(join(dir, 'sel.h5'), bytes);
      const f = await H5File(join(dir, 'sel.h5'));
      expect([...f.trainIds]).toEqual(trainIds.slice(10, 20));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the XGM pulse image and the core suppression ratio', async () => {
    const { runId, nTrains } = await opened;
    const on = { start: 0, stop: 20, step: 2 };
    const off = { start: 1, stop: 20, step: 2 };
    const r = await api.analysis.xgmPulses(runId, XGM_OUT, 'data.intensityTD', on, off, 10);
    expect(r.shape[1]).toBe(nTrains);
    expect(r.image.length).toBe(r.shape[0] * r.shape[1]);
    expect(r.ratio.length).toBe(nTrains);
    const a = api.array(runId, XGM_OUT, 'data.intensityTD');
    const ref = suppressionRatio({ data: a.data, shape: a.shape, dtype: 'float32' }, on, off);
    expect(r.overall).toEqual(ref.overall);
    expect(r.histogram.counts.reduce((x, y) => x + y, 0)).toBe(Array.from(r.ratio).filter(Number.isFinite).length);
  });

  it('sums a vector key over trains', async () => {
    const { runId, nTrains } = await opened;
    const [sum] = await api.analysis.waveform(runId, [{ source: XGM_OUT, key: 'data.intensityTD' }], 'sum');
    const [mean] = await api.analysis.waveform(runId, [{ source: XGM_OUT, key: 'data.intensityTD' }], 'mean');
    expect(sum.nTrains).toBe(nTrains);
    expect(mean.values[0]).toBeCloseTo(sum.values[0] / nTrains, 6);
  });
});

describe('chunked XGM and waveform analyses on a synthetic run with a digitizer', () => {
  const ADC = 'SA3_XTD10_PES/ADC/1:network';
  const XGM = 'SA3_XTD10_XGM/XGM/DOOCS';
  const A = { source: ADC, key: digitizerKey('1_A') };
  const B = { source: ADC, key: digitizerKey('1_B') };
  const on = { start: 0, stop: 20, step: 2 };
  const off = { start: 1, stop: 20, step: 2 };
  const api = new ViewerApi();
  let dir: string;
  let runId: number;
  let trainIds: number[];
  const run = () => api.analysis['runOf'](runId) as DataCollection;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'analysis-chunks-'));
    // 45 trains in sequences of 20: chunks of 7 trains cross file boundaries.
    await writeSyntheticRun(join(dir, 'r0001'), {
      runNumber: 1, nTrains: 45,
      aggregators: [{
        name: 'DA02', trainsPerSequence: 20, devices: [xgm(XGM), digitizer(ADC, {
          samples: 500, seed: 3, hasTrace: (toff) => toff % 9 !== 4, // a few missed triggers
          channels: { '1_A': [{ sample: 100, width: 5, height: 80 }], '1_B': [{ sample: 300, width: 8, height: 150 }] },
        })],
      }],
    });
    ({ runId, trainIds } = await api.openRun(join(dir, 'r0001'), 'r0001'));
    api.analysis.chunkTrains = 7;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const oneShot = (source: string, key: string, sel: DataCollection = run()) => {
    const a = sel.getArray(source, key);
    return { ...a, data: a.data as NumericArray };
  };

  it('sums and averages digitizer channels over trains or a train range as one pass does', async () => {
    const progress: Array<[number, number]> = [];
    const [sumA, sumB] = await api.analysis.waveform(runId, [A, B], 'sum', {}, (d, t) => progress.push([d, t]));
    expect(progress).toEqual(Array.from({ length: 7 }, (_, i) => [i + 1, 7]));
    expect(sumA.nTrains).toBe(40);
    expect([...sumA.values]).toEqual([...reduceOverTrains(oneShot(A.source, A.key), 'sum').data]);
    expect([...sumB.values]).toEqual([...reduceOverTrains(oneShot(B.source, B.key), 'sum').data]);
    // Peaks at each channel's flight time: the sum dips deepest there.
    expect(sumA.values.indexOf(Math.min(...sumA.values))).toBe(100);
    expect(sumB.values.indexOf(Math.min(...sumB.values))).toBe(300);

    const range = { firstTrainId: trainIds[5], lastTrainId: trainIds[30] };
    const [meanA] = await api.analysis.waveform(runId, [A], 'mean', range);
    expect(meanA.nTrains).toBe(24); // toffs 5–30 without 13 and 22
    const sel = run().selectTrains(byId.slice(trainIds[5], trainIds[30] + 1));
    expect([...meanA.values]).toEqual([...reduceOverTrains(oneShot(A.source, A.key, sel), 'mean').data]);
  });

  it('keeps only the trains both channels have, as xarray.align(join="inner")', async () => {
    const xgmKey = { source: `${XGM}:output`, key: 'data.intensityTD' };
    const [x, y] = await api.analysis.waveform(runId, [A, xgmKey], 'sum');
    const [a, b] = alignTrains(oneShot(A.source, A.key), oneShot(xgmKey.source, xgmKey.key));
    expect(b.shape[0]).toBe(40);
    expect([x.nTrains, y.nTrains]).toEqual([40, 40]);
    expect([...x.values]).toEqual([...reduceOverTrains(a, 'sum').data]);
    expect([...y.values]).toEqual([...reduceOverTrains(b, 'sum').data]);
  });

  it('gives the XGM pulse image and suppression ratio of one pass, and compares runs', async () => {
    const done: number[] = [];
    const r = await api.analysis.xgmPulses(runId, `${XGM}:output`, 'data.intensityTD', on, off, 10, (d) => done.push(d));
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const a = oneShot(`${XGM}:output`, 'data.intensityTD');
    const intensity = { data: Float32Array.from(a.data as Float32Array), shape: a.shape, dtype: 'float32' as const };
    expect([...r.image]).toEqual([...pulseIntensityImage(intensity).data]);
    const ref = suppressionRatio(intensity, on, off);
    expect([...r.ratio]).toEqual([...ref.perTrain.ratio]);
    expect([...r.error]).toEqual([...ref.perTrain.error]);
    expect(r.overall).toEqual(ref.overall);

    const totals: number[] = [];
    const choice = { runId, fluxSource: XGM, pulseSource: `${XGM}:output`, pulseKey: 'data.intensityTD' };
    const sides = await api.analysis.compareXgm([choice, choice], on, off, (_, t) => totals.push(t));
    expect(totals).toEqual(Array(14).fill(14));
    for (const side of sides) expect(side.overall).toEqual(ref.overall);
  });

  let reports: number[] = [];
  function stopAfterFirst(done: number): void {
    reports.push(done);
    if (done === 1) api.analysis.cancelAnalysis();
  }

  it.each([
    ['waveform', () => api.analysis.waveform(runId, [A, B], 'mean', {}, stopAfterFirst)],
    ['xgmPulses', () => api.analysis.xgmPulses(runId, `${XGM}:output`, 'data.intensityTD', on, off, 10, stopAfterFirst)],
    ['compareXgm', () => api.analysis.compareXgm([{ runId, fluxSource: XGM, pulseSource: `${XGM}:output`, pulseKey: 'data.intensityTD' }], on, off, stopAfterFirst)],
  ])('%s: a cancel after the first progress report rejects and reads no more chunks', async (name, start) => {
    reports = [];
    const reads = vi.spyOn(DataCollection.prototype, 'getArray');
    try {
      await expect(start()).rejects.toThrow(/cancelled/);
      // The first chunk's reads (both channels for the waveform; the flux for compareXgm), then none.
      const chunkReads = reads.mock.calls.filter(([, key]) => key !== 'pulseEnergy.photonFlux.value').length;
      expect(chunkReads).toBe(name === 'waveform' ? 2 : 1);
      expect(reports).toEqual([1]);
    } finally {
      reads.mockRestore();
    }
    // The next analysis is not cancelled.
    const [mean] = await api.analysis.waveform(runId, [A], 'mean');
    expect(mean.nTrains).toBe(40);
  });

  it('draws a large key as an overview: every n-th train, values averaged in bins; whole when it fits', () => {
    const full = run().getArray(A.source, A.key);
    const whole = arrayOverview(run(), A.source, A.key);
    expect([whole.trainStride, whole.columnBin, whole.shape]).toEqual([1, 1, full.shape]);
    expect(Array.from(whole.trainIds)).toEqual(full.coords.trainId);
    // 40 traces × 500 samples, read at most 5,000 values and drawn at most 64 wide
    const o = arrayOverview(run(), A.source, A.key, 5000, 64);
    expect([o.trainStride, o.columnBin, o.shape]).toEqual([4, 8, [10, 63]]);
    const picked = trainIds.filter((_, i) => i % 4 === 0);
    const rows = full.coords.trainId.map((t, i) => [t, i] as const).filter(([t]) => picked.includes(t));
    expect(Array.from(o.trainIds)).toEqual(rows.map(([t]) => t));
    const data = full.data as Int16Array;
    const [t, i] = rows[2];
    expect(o.trainIds[2]).toBe(t);
    const bin = (c: number) => { const v = data.subarray(i * 500 + c * 8, i * 500 + Math.min(500, (c + 1) * 8)); return v.reduce((a, b) => a + b, 0) / v.length; };
    for (const c of [0, 12, 62]) expect(o.data[2 * 63 + c]).toBeCloseTo(bin(c), 4);
  });

  it('a progress report answered true stops that analysis only, not one running beside it', async () => {
    const stopped: number[] = [];
    const cancelledOne = api.analysis.waveform(runId, [A, B], 'sum', {}, (done) => {
      stopped.push(done);
      return true; // the page's task was cancelled
    });
    const other = api.analysis.xgmPulses(runId, `${XGM}:output`, 'data.intensityTD', on, off, 10, () => false);
    await expect(cancelledOne).rejects.toThrow(/cancelled/);
    expect(stopped).toEqual([1]);
    const r = await other;
    const a = oneShot(`${XGM}:output`, 'data.intensityTD');
    const intensity = { data: Float32Array.from(a.data as Float32Array), shape: a.shape, dtype: 'float32' as const };
    expect([...r.ratio]).toEqual([...suppressionRatio(intensity, on, off).perTrain.ratio]);
  });
});

// Analysis computations: XGM suppression ratio and histogram against numpy (when python3
// has it), waveform reductions, ROI series, the per-pulse detector mean against a plain
// single-thread computation, and dark subtraction.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { byId, byIndex, LPD1M, RunDirectory, type DataCollection } from '../../src/core/index';
import { pulseIntensityImage, suppressionRatio } from '../../src/core/analysis/xgm';
import { histogram } from '../../src/core/analysis/histogram';
import { alignTrains, normalisePeak, reduceOverTrains, TrainAccumulator } from '../../src/core/analysis/waveform';
import { perTrain, roiSeries } from '../../src/core/analysis/roi';
import { combinePulseSums, detectorPulseMean, pulseMeanTasks, pulseSumsOfTask } from '../../src/core/analysis/detectorMean';
import { subtractDark } from '../../src/core/analysis/dark';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const have = requireOracle();

/** Intensities like docs 3.16: even pulses lasing ~2000, odd ones suppressed ~80, 1 beyond pulse 20. */
function alternatingIntensity(nT: number, nP: number) {
  const data = new Float32Array(nT * nP);
  for (let t = 0; t < nT; t++) {
    for (let p = 0; p < nP; p++) data[t * nP + p] = p >= 20 ? 1 : p % 2 === 0 ? 2000 + ((t * 37 + p * 11) % 200) : 80 + ((t * 13 + p * 7) % 30);
  }
  return { data, shape: [nT, nP], dtype: 'float32' as const };
}

const numpyPython = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import numpy']).status === 0);

/** Runs a numpy snippet on `flux` (trains × pulses), printing JSON. */
function numpy(flux: { data: Float32Array; shape: number[] }, code: string): any {
  const script = `import json, sys, numpy as np
flux = np.array(json.load(sys.stdin), dtype=np.float32).reshape(${flux.shape.join(', ')})
${code}`;
  const res = spawnSync(numpyPython!, ['-c', script], { input: JSON.stringify(Array.from(flux.data)), encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout);
}

describe('XGM analyses', () => {
  const flux = alternatingIntensity(40, 30);

  it('transposes the intensity to (pulses, trains), optionally cut to the first pulses', () => {
    const img = pulseIntensityImage(flux, { pulses: 21 });
    expect(img.shape).toEqual([21, 40]);
    expect(img.data[3 * 40 + 5]).toBe(flux.data[5 * 30 + 3]);
  });

  it('computes the on/off suppression ratio per train and overall with the docs’ error formula', () => {
    const r = suppressionRatio(flux, { start: 0, stop: 20, step: 2 }, { start: 1, stop: 21, step: 2 });
    // Train 0 by hand: population std, relative errors added in quadrature
    const on = Array.from({ length: 10 }, (_, i) => flux.data[2 * i]);
    const off = Array.from({ length: 10 }, (_, i) => flux.data[2 * i + 1]);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const std = (a: number[]) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));
    const ratio0 = mean(off) / mean(on);
    expect(r.perTrain.ratio[0]).toBeCloseTo(ratio0, 12);
    expect(r.perTrain.error[0]).toBeCloseTo(ratio0 * Math.hypot(std(off) / mean(off), std(on) / mean(on)), 12);
    expect(r.perTrain.ratio.length).toBe(40);
    expect(() => suppressionRatio(flux, { start: 40, stop: 50, step: 1 }, { start: 1, stop: 21, step: 2 })).toThrow(/at least one/);
  });

  it.skipIf(!numpyPython)('matches numpy as the docs compute it (3.16 [6]–[9], 3.17)', () => {
    const r = suppressionRatio(flux, { start: 0, stop: 20, step: 2 }, { start: 1, stop: 21, step: 2 });
    const ref = numpy(flux, `f = flux.astype(np.float64)
on, off = f[:, :20:2], f[:, 1:21:2]
sup = off.mean(axis=1) / on.mean(axis=1)
err = np.sqrt(np.square(off.std(axis=1) / off.mean(axis=1)) + np.square(on.std(axis=1) / on.mean(axis=1))) * sup
o_on, o_off = on.flatten(), off.flatten()
o = o_off.mean() / o_on.mean()
o_err = np.sqrt(np.square(o_off.std() / o_off.mean()) + np.square(o_on.std() / o_on.mean())) * o
counts, edges = np.histogram(sup, bins=7)
print(json.dumps({'sup': sup.tolist(), 'err': err.tolist(), 'o': o, 'o_err': o_err, 'counts': counts.tolist(), 'edges': edges.tolist()}))`);
    Array.from(r.perTrain.ratio).forEach((v, i) => expect(v).toBeCloseTo(ref.sup[i], 12));
    Array.from(r.perTrain.error).forEach((v, i) => expect(v).toBeCloseTo(ref.err[i], 12));
    expect(r.overall.ratio).toBeCloseTo(ref.o, 12);
    expect(r.overall.error).toBeCloseTo(ref.o_err, 12);
    const h = histogram(r.perTrain.ratio, { bins: 7 });
    expect(Array.from(h.counts)).toEqual(ref.counts);
    Array.from(h.edges).forEach((e, i) => expect(e).toBeCloseTo(ref.edges[i], 12));
  });

  it('histograms like numpy: last bin closed, NaN left out, fixed range', () => {
    const h = histogram([0, 1, 2, 3, 4, NaN, 9], { bins: 4, range: [0, 4] });
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 2]);
    expect(Array.from(h.edges)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(histogram([5, 5], { bins: 2 }).edges)).toEqual([4.5, 5, 5.5]);
  });
});

describe('waveforms and ROI', () => {
  const waves = { data: Int16Array.from([1, -2, 3, 5, 6, -7]), shape: [2, 3], dtype: 'int16' as const };

  it('sums and averages a waveform over trains', () => {
    expect(Array.from(reduceOverTrains(waves, 'sum').data)).toEqual([6, 4, -4]);
    expect(Array.from(reduceOverTrains(waves, 'mean').data)).toEqual([3, 2, -2]);
  });

  it('accumulates chunks of trains to the one-pass sum and mean', () => {
    const rows = Float64Array.from({ length: 7 * 3 }, (_, i) => Math.sin(i) * 1e3 + 0.1 * i);
    const all = { data: rows, shape: [7, 3], dtype: 'float64' as const };
    const acc = new TrainAccumulator();
    for (const [a, b] of [[0, 3], [3, 3], [3, 7]]) acc.add({ data: rows.subarray(a * 3, b * 3), shape: [b - a, 3], dtype: 'float64' });
    expect(acc.nTrains).toBe(7);
    expect(Array.from(acc.result('sum').data)).toEqual(Array.from(reduceOverTrains(all, 'sum').data));
    expect(Array.from(acc.result('mean').data)).toEqual(Array.from(reduceOverTrains(all, 'mean').data));
    expect(() => acc.add({ data: new Float64Array(2), shape: [1, 2], dtype: 'float64' })).toThrow(RangeError);
  });

  it('normalises a spectrum to its largest absolute value', () => {
    expect(Array.from(normalisePeak([2, -4, 1]))).toEqual([0.5, -1, 0.25]);
    expect(Array.from(normalisePeak([0, 0]))).toEqual([0, 0]);
  });

  it('aligns two channels on the trains both have', () => {
    const a = { ...waves, coords: { trainId: [10, 11] }, dims: ['trainId', 'dim_0'] };
    const b = { data: Int16Array.from([7, 8, 9]), shape: [3, 1], dtype: 'int16' as const, coords: { trainId: [9, 11, 12] }, dims: ['trainId', 'dim_0'] };
    const [x, y] = alignTrains(a, b);
    expect([x.coords.trainId, Array.from(x.data), y.coords.trainId, Array.from(y.data)]).toEqual([[11], [5, 6, -7], [11], [8]]);
  });

  it('reduces a region per image, skipping NaN gaps, on assembled or module images', () => {
    // 2 trains × 2 pulses of 3×4 images; image k holds k + pixel index, with one NaN
    const data = Float32Array.from({ length: 4 * 12 }, (_, i) => Math.floor(i / 12) + (i % 12));
    data[5] = NaN;
    const images = { data, shape: [2, 2, 3, 4], dtype: 'float32' as const };
    const rect = { y0: 1, y1: 3, x0: 1, x1: 3 }; // pixels 5, 6, 9, 10
    const sums = roiSeries(images, rect, 'sum');
    expect(Array.from(sums)).toEqual([6 + 9 + 10, 1 * 4 + 30, 2 * 4 + 30, 3 * 4 + 30]);
    expect(roiSeries(images, rect, 'mean')[0]).toBe(25 / 3);
    expect(Array.from(perTrain(sums, 2, 'sum'))).toEqual([25 + 34, 38 + 42]);
    expect(Number.isNaN(roiSeries(images, { y0: 5, y1: 9, x0: 0, x1: 1 }, 'sum')[0])).toBe(true);
    // As module data: (frames, modules=2, 3, 2) with module 1's region
    const mod = { data, shape: [4, 2, 3, 2], dtype: 'float32' as const };
    expect(roiSeries(mod, { y0: 0, y1: 1, x0: 0, x1: 2 }, 'sum', { module: 1 })[0]).toBe(6 + 7);
  });
});

describe.skipIf(!have)('detector mean per pulse and dark subtraction', () => {
  let run: DataCollection;
  beforeAll(async () => {
    process.env.XFEL_RUN_VIEWER_CACHE = join(mkdtempSync(join(tmpdir(), 'xrv-analysis-')), 'cache');
    run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'));
  });

  /** The plain computation: every frame of each module source, averaged per pulse ID. */
  function plainMean(modules: number[], trainIds: number[]): Map<string, Float64Array> {
    const out = new Map<string, Float64Array>();
    for (const m of modules) {
      const source = `FXE_DET_LPD1M-1/DET/${m}CH0:xtdf`;
      const sel = run.selectTrains(byId.list(trainIds));
      const data = sel.getArray(source, 'image.data');
      const pulses = Array.from(sel.getArray(source, 'image.pulseId').data as ArrayLike<number | bigint>, Number);
      const size = 256 * 256;
      const n = new Map<number, number>();
      pulses.forEach((p, row) => {
        const key = `${m}/${p}`;
        const sum = out.get(key) ?? new Float64Array(size);
        for (let i = 0; i < size; i++) sum[i] += (data.data as Uint16Array)[row * size + i];
        out.set(key, sum);
        n.set(p, (n.get(p) ?? 0) + 1);
      });
      for (const [p, count] of n) out.get(`${m}/${p}`)!.forEach((v, i, a) => (a[i] = v / count));
    }
    return out;
  }

  it('equals a plain single-thread computation, reporting progress', async () => {
    const det = new LPD1M(run, { modules: [0, 3, 9] });
    const progress: number[] = [];
    const mean = await detectorPulseMean(det, { trains: byIndex.slice(0, 4), chunkTrains: 3, onProgress: (done, total) => progress.push(done / total) });
    expect(mean.shape).toEqual([3, 4, 256, 256]);
    expect(mean.pulses).toEqual([0, 2, 4, 6]);
    expect(progress).toEqual([1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1]);
    const plain = plainMean([0, 3, 9], det.trainIds.slice(0, 4));
    mean.modules.forEach((m, mi) => mean.pulses.forEach((p, pi) => {
      const got = mean.data.subarray((mi * 4 + pi) * 65536, (mi * 4 + pi + 1) * 65536);
      expect(Array.from(got)).toEqual(Array.from(Float32Array.from(plain.get(`${m}/${p}`)!)));
    }));
    expect(Array.from(mean.counts)).toEqual(Array(12).fill(4));
  });

  it('adds up tasks done in any order (as a Worker pool would) to the same result', async () => {
    const det = new LPD1M(run, { modules: [1, 2] });
    const opts = { chunkTrains: 2, pulses: byIndex.slice(1, 3) };
    const parts = pulseMeanTasks(det, opts).reverse().map((t) => pulseSumsOfTask(det.data, t, opts));
    const pooled = combinePulseSums([1, 2], parts);
    const direct = await detectorPulseMean(det, opts);
    expect(pooled.pulses).toEqual([2, 4]);
    expect(Buffer.from(pooled.data.buffer).equals(Buffer.from(direct.data.buffer))).toBe(true);
  });

  it('stops when aborted', async () => {
    const det = new LPD1M(run, { modules: [0, 1] });
    const ctl = new AbortController();
    let tasksDone = 0;
    const onProgress = () => (++tasksDone, ctl.abort());
    await expect(detectorPulseMean(det, { chunkTrains: 1, signal: ctl.signal, onProgress })).rejects.toThrow(/abort/i);
    expect(tasksDone).toBe(1);
  });

  it('subtracts the per-cell dark mean from module images before assembly', async () => {
    const det = new LPD1M(run, { modules: [0, 1, 2] });
    const dark = await detectorPulseMean(det, { by: 'cellId', trains: byIndex.slice(0, 2) });
    expect(dark.pulses).toEqual([0, 1, 2, 3]); // cellId = pulse index
    const tid = det.trainIds[3];
    const frame = det.getFrame(tid, 2);
    const out = subtractDark(frame, dark, 2);
    // Fixture: the dark's trains differ from this one only in the 100·(toff%10) term
    const expected = (m: number) => frame.data[m * 65536 + 7] - dark.data[(m * 4 + 2) * 65536 + 7];
    expect([out.data[7], out.data[65536 + 7]]).toEqual([expected(0), expected(1)]);
    expect(Number.isNaN(out.data[5 * 65536])).toBe(true); // module 5 has no dark
  });
});

// Detector components on a synthetic AGIPD run with gaps (modules 0, 3, 7 only; module 3
// has 0 frames in one train, module 7 lacks another; files split into 2 sequences), and
// the fill/cast rules of stackDetectorData.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AGIPD1M, HDF5File, LPD1M, RunDirectory, SourceNameError, byId, byIndex, castLikeNumpy, stackDetectorData, writeEuxfelFile, writeSyntheticRun,
  type ArrayValue, type DataCollection, type NumericArray, type TrainData,
} from '../../src/core/index';

const FIRST = 10000;
const TRAINS = [10000, 10001, 10002, 10003];
const [T0, T1, T2, T3] = TRAINS;
const src = (m: number) => `SPB_DET_AGIPD1M-1/DET/${m}CH0:xtdf`;
/** The fixtures' raw value at (ss, fs) = (0, 0). */
const pixel0 = (m: number, tid: number, p: number, plane = 0) => 1000 * m + 100 * ((tid - FIRST) % 10) + 10 * p + (plane ? 20000 : 0);

const tmp = mkdtempSync(join(tmpdir(), 'xfel-detectors-'));
process.env.XFEL_RUN_VIEWER_CACHE ??= join(tmp, 'cache');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let run: DataCollection;
beforeAll(async () => {
  await writeSyntheticRun(tmp, {
    runNumber: 7, firstTrainId: FIRST, nTrains: 4,
    detector: { type: 'AGIPD', framesPerTrain: 3, modules: [0, 3, 7], trainsPerSequence: 2, gzip: 0, missingTrainIds: { 7: [T2] }, emptyTrainIds: { 3: [T1] } },
  });
  run = await RunDirectory(tmp);
}, 60_000);

/** Element at a C-order index. */
const at = (a: ArrayValue, index: number[]) => Number((a.data as ArrayLike<number | bigint>)[index.reduce((acc, x, d) => acc * a.shape[d] + x, 0)]);

describe('AGIPD1M on a run with missing modules and trains', () => {
  it('finds the modules and keeps every train with a module', () => {
    const det = new AGIPD1M(run);
    expect(det.detectorName).toBe('SPB_DET_AGIPD1M-1');
    expect([...det.modnoToSource]).toEqual([[0, src(0)], [3, src(3)], [7, src(7)]]);
    expect(det.trainIds).toEqual(TRAINS);
    expect(det.framesPerTrain).toBe(3);
    expect(String(det)).toBe("<AGIPD1M: Data interface for detector 'SPB_DET_AGIPD1M-1' - raw data with 3 modules>");
  });

  it('drops trains with fewer than minModules modules', () => {
    expect(new AGIPD1M(run, { minModules: 3 }).trainIds).toEqual([T0, T3]);
    expect(() => new AGIPD1M(run, { minModules: 4 })).toThrow('No data found with >= 4 modules present');
    expect(new AGIPD1M(run, { modules: [7] }).trainIds).toEqual([T0, T1, T3]);
  });

  it('names what it cannot find', () => {
    expect(() => new LPD1M(run)).toThrow(SourceNameError);
    expect(() => new AGIPD1M(run, { detectorName: 'NOSUCHDET' })).toThrow("NOSUCHDET/(DET|CORR)/...");
    expect(() => new AGIPD1M(run, { modules: [5] })).toThrow(SourceNameError);
  });

  it('aligns frames by train and pulse, filling gaps with 0 for integers', () => {
    const a = new AGIPD1M(run).getArray('image.data');
    expect(a.shape).toEqual([3, 4, 3, 2, 512, 128]);
    expect(a.dims).toEqual(['module', 'train', 'pulse', 'data_gain', 'slow_scan', 'fast_scan']);
    expect(a.coords).toEqual({ module: [0, 3, 7], train: TRAINS, pulse: [4, 12, 20] });
    const empty = new Set([`3,${T1}`, `7,${T2}`]);
    [0, 3, 7].forEach((m, mi) => TRAINS.forEach((t, ti) => [0, 1, 2].forEach((p) => [0, 1].forEach((plane) => {
      const want = empty.has(`${m},${t}`) ? 0 : pixel0(m, t, p, plane);
      expect(at(a, [mi, ti, p, plane, 0, 0]), `module ${m} train ${t} pulse ${p}`).toBe(want);
    }))));
  });

  it('selects pulses by index and by pulse ID', () => {
    const det = new AGIPD1M(run, { modules: [0] });
    const byPos = det.getArray('image.data', { pulses: byIndex.slice(1) });
    expect(byPos.coords.pulse).toEqual([12, 20]);
    expect(at(byPos, [0, 2, 0, 0, 0, 0])).toBe(pixel0(0, T2, 1));
    const byPulse = det.getArray('image.data', { pulses: byId.list([20, 4]) });
    expect(byPulse.coords.pulse).toEqual([4, 20]);
    expect(at(byPulse, [0, 3, 1, 1, 0, 0])).toBe(pixel0(0, T3, 2, 1));
    const none = det.getArray('image.data', { pulses: byId.list([9999]) });
    expect(none.shape).toEqual([1, 0, 0, 2, 512, 128]);
    expect(() => det.getArray('image.data', { pulses: byIndex.list([-1]) })).toThrow('Negative pulse indices not supported');
  });

  it('gives per-train keys by (module, trainId)', () => {
    const a = new AGIPD1M(run).getArray('header.pulseCount');
    expect(a.dims).toEqual(['module', 'trainId']);
    expect(a.coords).toEqual({ module: [0, 3, 7], trainId: TRAINS });
    expect(Array.from(a.data as BigUint64Array, Number)).toEqual([3, 3, 3, 3, 3, 0, 3, 3, 3, 3, 0, 3]);
  });

  it('reads one hyperslab per module file for whole trains', () => {
    const read = vi.spyOn(HDF5File.prototype, 'read');
    try {
      new AGIPD1M(run).getArray('image.data');
      const imageReads = read.mock.calls.filter(([path]) => path.endsWith('/image/data'));
      expect(imageReads).toHaveLength(6); // 3 modules × 2 sequence files
    } finally {
      read.mockRestore();
    }
  });

  it('iterates only over trains where every module has frames', async () => {
    const seen: number[] = [];
    for await (const [tid, data] of new AGIPD1M(run).trains({ pulses: byIndex.list([2]) })) {
      seen.push(tid);
      expect(data['image.data'].shape).toEqual([3, 1, 1, 2, 512, 128]);
      expect(data['image.data'].coords).toEqual({ module: [0, 3, 7], train: [tid], pulse: [20] });
      expect(at(data['image.data'], [2, 0, 0, 0, 0, 0])).toBe(pixel0(7, tid, 2));
      expect(data['header.pulseCount'].dims).toEqual(['module']);
    }
    expect(seen).toEqual([T0, T3]);
  });

  it('reads one frame of every module slot for geometry, NaN where a module has none', () => {
    const det = new AGIPD1M(run);
    const frame = det.getFrame(T2, 1);
    expect(frame.shape).toEqual([16, 512, 128]);
    const size = 512 * 128;
    const slot = (m: number) => frame.data.subarray(m * size, (m + 1) * size);
    expect(slot(0)[0]).toBe(pixel0(0, T2, 1));
    expect(slot(0)[1]).toBe(pixel0(0, T2, 1) + 1);
    expect(slot(3)[0]).toBe(pixel0(3, T2, 1));
    expect(slot(7).every(Number.isNaN)).toBe(true); // train missing
    expect(slot(5).every(Number.isNaN)).toBe(true); // module absent
    const gain = det.getFrame(T1, 2, { plane: 1, out: frame.data });
    expect(gain.data).toBe(frame.data);
    expect(slot(0)[0]).toBe(pixel0(0, T1, 2, 1));
    expect(slot(3).every(Number.isNaN)).toBe(true); // 0 frames
    expect(() => det.getFrame(99, 0)).toThrow('Train ID 99 not found');
    expect(() => det.getFrame(T0, -1)).toThrow('pulse index -1');
    expect(det.pulseIdsOf(T1)).toEqual([4, 12, 20]);
  });

  it('stacks a train of the run like stack_detector_data', () => {
    const [, train] = run.trainFromId(T1);
    const stacked = stackDetectorData(train, 'image.data', { fillvalue: -1.5 });
    expect(stacked.shape).toEqual([3, 2, 16, 512, 128]);
    expect(at(stacked, [2, 1, 7, 0, 0])).toBe(pixel0(7, T1, 2, 1));
    expect(at(stacked, [0, 0, 3, 0, 0])).toBe(65535); // 0 frames: filled
  });
});

describe('LPD1M on corrected (float) data', () => {
  /** A CORR module file: 2 frames per train, each of value 10·module + its row in the file; pulse IDs 0 and 2. */
  const writeModule = (dir: string, m: number, trainIds: number[]) => {
    const n = trainIds.length * 2;
    const data = Float32Array.from({ length: n * 256 * 256 }, (_, i) => 10 * m + Math.floor(i / (256 * 256)));
    return writeEuxfelFile(join(dir, `CORR-R0001-LPD0${m}-S00000.h5`), {
      formatVersion: '1.0', trainIds,
      sources: [{
        kind: 'instrument', name: `FXE_DET_LPD1M-1/CORR/${m}CH0:output`,
        groups: { image: { counts: trainIds.map(() => 2), keys: {
          data: { value: { data, shape: [n, 256, 256], dtype: 'float32' } },
          pulseId: { value: { data: BigUint64Array.from({ length: n }, (_, i) => BigInt(2 * (i % 2))), shape: [n], dtype: 'uint64' } },
        } } },
      }],
    });
  };

  it('fills a module missing a train with NaN', async () => {
    const dir = join(tmp, 'corr');
    mkdirSync(dir);
    await writeModule(dir, 0, [T0, T1, T2]);
    await writeModule(dir, 1, [T0, T2]);
    const det = new LPD1M(await RunDirectory(dir));
    expect(String(det)).toContain('corrected data with 2 modules');
    const a = det.getArray('image.data');
    expect(a).toMatchObject({ shape: [2, 3, 2, 256, 256], dtype: 'float32', dims: ['module', 'train', 'pulse', 'slow_scan', 'fast_scan'] });
    expect(a.coords).toEqual({ module: [0, 1], train: [T0, T1, T2], pulse: [0, 2] });
    expect([at(a, [0, 1, 1, 0, 0]), at(a, [1, 0, 1, 0, 0]), at(a, [1, 1, 0, 5, 5]), at(a, [1, 2, 0, 0, 0])]).toEqual([3, 11, NaN, 12]);
  });
});

describe('stackDetectorData fill and cast rules', () => {
  const module = (dtype: 'float32' | 'uint16', value: number): { 'image.data': ArrayValue<NumericArray> } => ({
    'image.data': { data: dtype === 'float32' ? new Float32Array(6).fill(value) : new Uint16Array(6).fill(value), shape: [1, 2, 3], dtype },
  });
  const train = (dtype: 'float32' | 'uint16', modules: number[]): TrainData =>
    Object.fromEntries(modules.map((m) => [`X_DET/DET/${m}CH0:xtdf`, module(dtype, m + 1)])) as unknown as TrainData;

  it('fills missing float modules with NaN, integers with 0, and casts fills as numpy', () => {
    const f = stackDetectorData(train('float32', [0, 2]), 'image.data', { modules: 4 });
    expect(f.shape).toEqual([1, 4, 2, 3]);
    expect(Array.from(f.data as Float32Array).slice(0, 24).map((v) => (Number.isNaN(v) ? 'nan' : v))).toEqual([
      ...Array(6).fill(1), ...Array(6).fill('nan'), ...Array(6).fill(3), ...Array(6).fill('nan'),
    ]);
    const firstOfSlot = (a: ArrayValue, m: number) => at(a, [0, m, 0, 0]);
    expect(firstOfSlot(stackDetectorData(train('uint16', [0]), 'image.data', { modules: 2 }), 1)).toBe(0);
    expect(firstOfSlot(stackDetectorData(train('uint16', [0]), 'image.data', { modules: 2, fillvalue: NaN }), 1)).toBe(0);
    expect(firstOfSlot(stackDetectorData(train('uint16', [0]), 'image.data', { modules: 2, fillvalue: -1.5 }), 1)).toBe(65535);
    expect(firstOfSlot(stackDetectorData(train('float32', [0]), 'image.data', { modules: 2, fillvalue: 0.1 }), 1)).toBe(Math.fround(0.1));
  });

  it('puts the module axis where asked', () => {
    const first = stackDetectorData(train('uint16', [1]), 'image.data', { modules: 2, axis: 0 });
    expect(first.shape).toEqual([2, 1, 2, 3]);
    expect(at(first, [1, 0, 0, 0])).toBe(2);
    const last = stackDetectorData(train('uint16', [1]), 'image.data', { modules: 2, axis: -1 });
    expect(last.shape).toEqual([1, 2, 3, 2]);
    expect(Array.from(last.data as Uint16Array).slice(0, 4)).toEqual([0, 2, 0, 2]);
  });

  it('gives a view that copies nothing until asked', () => {
    const view = stackDetectorData(train('uint16', [1]), 'image.data', { modules: 3, realArray: false });
    expect(view.shape).toEqual([1, 3, 2, 3]);
    expect(Array.from(view.module(0).data as Uint16Array)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(view.asArray()).toEqual(stackDetectorData(train('uint16', [1]), 'image.data', { modules: 3 }));
  });

  it('refuses mismatched dtypes, shapes and out-of-range modules', () => {
    const mixed = { ...train('uint16', [0]), ...train('float32', [1]) };
    expect(() => stackDetectorData(mixed, 'image.data')).toThrow('mismatched dtypes');
    const odd = train('uint16', [0, 1]);
    (odd['X_DET/DET/1CH0:xtdf']['image.data'] as ArrayValue).shape = [2, 3, 1];
    expect(() => stackDetectorData(odd, 'image.data')).toThrow('mismatched shapes');
    expect(() => stackDetectorData(train('uint16', [16]), 'image.data')).toThrow('Module 16 is out of range for a detector with 16 modules');
    expect(() => stackDetectorData({ 'XGM/DOOCS': {} } as unknown as TrainData, 'image.data')).toThrow("doesn't match pattern");
  });

  it('counts a module with 0 frames as missing', () => {
    const t = train('uint16', [0, 1]);
    t['X_DET/DET/1CH0:xtdf']['image.data'] = { data: new Uint16Array(0), shape: [0, 2, 3], dtype: 'uint16' };
    const a = stackDetectorData(t, 'image.data', { modules: 2, fillvalue: 9 });
    expect(at(a, [0, 1, 0, 0])).toBe(9);
  });
});

describe('castLikeNumpy', () => {
  // np.full(1, x, dtype)[0] on x86-64 for x in [nan, -1.5, 1e10, -1e10, inf, 70000.7]
  const xs = [NaN, -1.5, 1e10, -1e10, Infinity, 70000.7];
  it.each([
    ['uint8', [0, 255, 0, 0, 0, 112]],
    ['int8', [0, -1, 0, 0, 0, 112]],
    ['uint16', [0, 65535, 0, 0, 0, 4464]],
    ['int16', [0, -1, 0, 0, 0, 4464]],
    ['uint32', [0, 4294967295, 1410065408, 2884901888, 0, 70000]],
    ['int32', [-2147483648, -1, -2147483648, -2147483648, -2147483648, 70000]],
    ['uint64', [9223372036854775808n, 18446744073709551615n, 10000000000n, 18446744063709551616n, 0n, 70000n]],
    ['int64', [-9223372036854775808n, -1n, 10000000000n, -10000000000n, -9223372036854775808n, 70000n]],
  ] as const)('%s', (dtype, want) => {
    expect(xs.map((x) => castLikeNumpy(x, dtype))).toEqual(want);
  });
});

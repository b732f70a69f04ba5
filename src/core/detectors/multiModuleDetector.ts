// A multi-module detector over a run (EXtra-data's AGIPD1M/LPD1M/DSSC1M): modules found
// from source names, trains aligned across modules, and missing data filled, never shifted.
import type { DataCollection } from '../data/dataCollection';
import { PropertyNameError, TrainIDError } from '../data/errors';
import { entryInfo } from '../data/readKey';
import { byId, byIndex } from '../data/trainSelectors';
import { allocate, product, type ArrayValue, type NumericArray } from '../h5/dtypes';
import type { Hyperslab } from '../h5/h5File';
import { AGIPD_SPEC, DSSC_SPEC, LPD_SPEC, type DetectorSpec } from './detectorSpecs';
import { entryDims, frameAxes } from './frameAxes';
import { findDetectorName, moduleSources } from './moduleSources';
import { RowPlan, rowSpans, type RowSpan } from './moduleRows';
import { fillElement } from './numpyCast';
import { checkPulseSelection, selectedPositions, type PulseSelector } from './pulseSelection';

export interface DetectorOptions {
  /** e.g. 'SPB_DET_AGIPD1M-1': needed only when the data has several detectors of the kind. */
  detectorName?: string;
  /** Module numbers to use (default: all found). */
  modules?: readonly number[];
  /** Keep only trains where at least this many modules have frames (default 1). */
  minModules?: number;
}

/** A labelled array: `dims` name the axes, `coords` label some of them. */
export interface DetectorArray extends ArrayValue<NumericArray> {
  dims: string[];
  coords: Record<string, number[]>;
}

export type DetectorTrainData = Record<string, DetectorArray>;

export interface FrameOptions {
  /** Default 'image.data'. */
  key?: string;
  /** Which plane of frames that have several (AGIPD raw: 0 data, 1 gain); default 0. */
  plane?: number;
  /** Reused output of nModules × ss × fs. */
  out?: Float32Array;
}

const ALL_PULSES = byIndex.slice();

/** Per-frame keys live in the 'image' index group; the others have one entry per train. */
const isPulseKey = (key: string) => key.startsWith('image.');

interface PulseLayout {
  trains: number[];
  pulses: number[];
  /** Per train with frames selected: their positions in the train and pulse IDs. */
  picked: Map<number, { positions: number[]; pulseIds: number[] }>;
}

export class MultiModuleDetector {
  readonly detectorName: string;
  readonly modnoToSource: ReadonlyMap<number, string>;
  /** The run restricted to this detector's sources and trains. */
  readonly data: DataCollection;
  readonly trainIds: number[];
  /** Frames of each train in trainIds (modules with frames agree). */
  private readonly frameCounts: Map<number, number>;
  private readonly spansCache = new Map<string, Map<number, RowSpan>>();
  /** Module numbers and their sources, in module order. */
  private readonly modules: number[];
  private readonly sources: string[];

  constructor(readonly spec: DetectorSpec, run: DataCollection, options: DetectorOptions = {}) {
    this.detectorName = options.detectorName ?? findDetectorName(spec, run);
    this.modnoToSource = moduleSources(run, this.detectorName, options.modules);
    this.modules = [...this.modnoToSource.keys()];
    this.sources = [...this.modnoToSource.values()];
    const selected = run.select(Object.fromEntries(this.sources.map((s) => [s, []])));
    const counts = trainFrameCounts(this.sources.map((s) => rowSpans(selected, s, 'image.data')));
    const minModules = options.minModules ?? 1;
    this.trainIds = [...counts].filter(([, c]) => c.modules >= minModules).map(([t]) => t).sort((a, b) => a - b);
    if (!this.trainIds.length) throw new RangeError(`No data found with >= ${minModules} modules present`);
    this.data = selected.selectTrains(byId.list(this.trainIds));
    this.frameCounts = new Map(this.trainIds.map((t) => [t, counts.get(t)!.frames]));
  }

  /** Frames per train; throws if trains differ. */
  get framesPerTrain(): number {
    const counts = new Set([...this.frameCounts.values()].filter((n) => n > 0));
    if (counts.size > 1) throw new RangeError(`Varying number of frames per train: ${[...counts].join(', ')}`);
    return counts.values().next().value ?? 0;
  }

  toString(): string {
    const kind = this.firstSource().includes('/CORR/') ? 'corrected' : 'raw';
    return `<${this.spec.name}: Data interface for detector '${this.detectorName}' - ${kind} data with ${this.modnoToSource.size} modules>`;
  }

  /**
   * One key of every module: per-frame keys as (module, train, pulse, …frame axes), others as
   * (module, trainId, …). A module without a train (or with 0 frames) is filled: NaN for
   * floats, 0 for integers.
   */
  getArray(key: string, options: { pulses?: PulseSelector } = {}): DetectorArray {
    this.checkKey(key);
    if (!isPulseKey(key)) return this.trainArray(key);
    const pulses = options.pulses ?? ALL_PULSES;
    checkPulseSelection(pulses);
    return this.pulseArray(key, this.pulseLayout(this.trainIds, pulses));
  }

  /** Train by train, every key of the modules; trains where a module has no frames are skipped. */
  async *trains(options: { pulses?: PulseSelector } = {}): AsyncGenerator<[number, DetectorTrainData]> {
    const pulses = options.pulses ?? ALL_PULSES;
    checkPulseSelection(pulses);
    const keys = [...this.data.keysForSource(this.firstSource())].sort();
    for (const tid of this.trainIds) {
      if (this.sources.some((s) => !this.spans(s, 'image.data').get(tid)?.count)) continue;
      const layout = this.pulseLayout([tid], pulses);
      const data: DetectorTrainData = {};
      for (const key of keys) data[key] = isPulseKey(key) ? this.pulseArray(key, layout) : this.trainEntries(key, tid);
      yield [tid, data];
    }
  }

  /**
   * The fast path for viewing: one frame of every module slot, [nModules, ss, fs] float32,
   * NaN where a module lacks the train or pulse — the input positionModulesFast expects.
   * One small hyperslab per module.
   */
  getFrame(trainId: number, pulseIndex: number, options: FrameOptions = {}): ArrayValue<Float32Array> {
    const { key = 'image.data', plane = 0 } = options;
    this.checkKey(key);
    if (!this.frameCounts.has(trainId)) throw new TrainIDError(trainId, this.trainIds);
    if (!Number.isInteger(pulseIndex) || pulseIndex < 0) throw new RangeError(`pulse index ${pulseIndex} should be an integer ≥ 0`);
    const [ss, fs] = this.spec.moduleShape;
    const size = ss * fs;
    const out = options.out ?? new Float32Array(this.spec.nModules * size);
    if (out.length !== this.spec.nModules * size) throw new RangeError(`out needs ${this.spec.nModules * size} elements, has ${out.length}`);
    let slab: Hyperslab | undefined; // modules share a frame shape: worked out once
    for (let m = 0; m < this.spec.nModules; m++) {
      const source = this.modnoToSource.get(m);
      const span = source && this.spans(source, key).get(trainId);
      if (!source || !span || pulseIndex >= span.count) {
        out.fill(NaN, m * size, (m + 1) * size);
        continue;
      }
      slab ??= this.frameSlab(source, key, plane);
      const row = span.first + pulseIndex;
      const v = span.file.h5.read(span.file.datasetPath(source, key), [[row, row + 1], ...slab]);
      out.set(v.data as Uint16Array, m * size);
    }
    return { data: out, shape: [this.spec.nModules, ss, fs], dtype: 'float32' };
  }

  /** Pulse IDs of a train's frames (from the first module with frames): labels for getFrame's pulse index. */
  pulseIdsOf(trainId: number): number[] {
    if (!this.frameCounts.has(trainId)) throw new TrainIDError(trainId, this.trainIds);
    return this.pulseIds([trainId]).get(trainId) ?? [];
  }

  /** The hyperslab picking one (ss, fs) plane from a stored frame. */
  private frameSlab(source: string, key: string, plane: number): Hyperslab {
    const { entryShape } = entryInfo(this.data.sourceEntry(source), key);
    const [ss, fs] = this.spec.moduleShape;
    if (entryShape.at(-2) !== ss || entryShape.at(-1) !== fs) {
      throw new RangeError(`${source} ${key}: frames of (${entryShape.join(', ')}) are not ${this.spec.name} modules of (${ss}, ${fs})`);
    }
    const planeAxis = frameAxes(entryShape).shape.length === 3 ? entryShape.length - 3 : -1;
    return entryShape.map((n, d): [number, number] => {
      if (d !== planeAxis) return [0, n];
      if (plane < 0 || plane >= n) throw new RangeError(`plane ${plane} is out of range for ${n} planes`);
      return [plane, plane + 1];
    });
  }

  private pulseArray(key: string, layout: PulseLayout): DetectorArray {
    const { entryShape, dtype } = entryInfo(this.data.sourceEntry(this.firstSource()), key);
    const axes = frameAxes(entryShape);
    const frameSize = product(axes.shape);
    const nT = layout.trains.length;
    const nP = layout.pulses.length;
    const column = new Map(layout.pulses.map((p, i) => [p, i]));
    const out = this.filled(dtype, this.modnoToSource.size * nT * nP * frameSize);
    this.sources.forEach((source, mi) => {
      const spans = this.spans(source, key);
      const plan = new RowPlan();
      layout.trains.forEach((t, ti) => {
        const span = spans.get(t);
        if (!span?.count) return;
        const { positions, pulseIds } = layout.picked.get(t)!;
        positions.forEach((pos, k) => plan.add(span.file, span.first + pos, ((mi * nT + ti) * nP + column.get(pulseIds[k])!) * frameSize));
      });
      plan.run(source, key, out, frameSize);
    });
    return {
      data: out,
      shape: [this.modnoToSource.size, nT, nP, ...axes.shape],
      dtype,
      dims: ['module', 'train', 'pulse', ...axes.dims],
      coords: { module: [...this.modules], train: layout.trains, pulse: layout.pulses },
    };
  }

  /** Which frames of each train are selected, and the pulse axis (sorted pulse IDs) they make. */
  private pulseLayout(trainIds: readonly number[], pulses: PulseSelector): PulseLayout {
    const ids = this.pulseIds(trainIds);
    const picked: PulseLayout['picked'] = new Map();
    const all = new Set<number>();
    for (const t of trainIds) {
      const trainPulseIds = ids.get(t) ?? [];
      const positions = selectedPositions(pulses, this.frameCounts.get(t) ?? 0, () => trainPulseIds);
      if (!positions.length) continue;
      const pulseIds = positions.map((p) => trainPulseIds[p]);
      pulseIds.forEach((p) => all.add(p));
      picked.set(t, { positions, pulseIds });
    }
    return { trains: [...picked.keys()], pulses: [...all].sort((a, b) => a - b), picked };
  }

  /** Pulse IDs of each train, from the first module that has frames for it. */
  private pulseIds(trainIds: readonly number[]): Map<number, number[]> {
    const key = 'image.pulseId';
    const byModule = new Map<string, number[]>();
    for (const t of trainIds) {
      const source = this.sources.find((s) => this.spans(s, key).get(t)?.count);
      if (!source) continue;
      const list = byModule.get(source) ?? [];
      list.push(t);
      byModule.set(source, list);
    }
    const out = new Map<number, number[]>();
    for (const [source, tids] of byModule) {
      const spans = this.spans(source, key);
      const { dtype } = entryInfo(this.data.sourceEntry(source), key);
      const total = tids.reduce((n, t) => n + spans.get(t)!.count, 0);
      const values = allocate(dtype, total);
      const plan = new RowPlan();
      let at = 0;
      for (const t of tids) {
        const { file, first, count } = spans.get(t)!;
        for (let k = 0; k < count; k++) plan.add(file, first + k, at++);
      }
      plan.run(source, key, values, 1);
      at = 0;
      for (const t of tids) {
        const n = spans.get(t)!.count;
        out.set(t, Array.from(values.subarray(at, at + n) as ArrayLike<number | bigint>, Number));
        at += n;
      }
    }
    return out;
  }

  private trainArray(key: string): DetectorArray {
    const { data, entryShape, dtype } = this.readTrainEntries(key, this.trainIds);
    return {
      data,
      shape: [this.modnoToSource.size, this.trainIds.length, ...entryShape],
      dtype,
      dims: ['module', 'trainId', ...entryDims(entryShape)],
      coords: { module: [...this.modules], trainId: this.trainIds },
    };
  }

  /** One train's entry of a per-train key for each module, as (module, …). */
  private trainEntries(key: string, tid: number): DetectorArray {
    const { data, entryShape, dtype } = this.readTrainEntries(key, [tid]);
    return { data, shape: [this.modnoToSource.size, ...entryShape], dtype, dims: ['module', ...entryDims(entryShape)], coords: { module: [...this.modules] } };
  }

  /** A per-train key's entries as (module, train, …) in C order, filled where a module lacks a train. */
  private readTrainEntries(key: string, trainIds: readonly number[]) {
    const { entryShape, dtype } = entryInfo(this.data.sourceEntry(this.firstSource()), key);
    const rowSize = product(entryShape);
    const data = this.filled(dtype, this.modnoToSource.size * trainIds.length * rowSize);
    this.sources.forEach((source, mi) => {
      const spans = this.spans(source, key);
      const plan = new RowPlan();
      trainIds.forEach((t, ti) => {
        const span = spans.get(t);
        if (!span?.count) return;
        if (span.count > 1) throw new RangeError(`${source} ${key} has ${span.count} entries for train ${t}; per-train keys need one`);
        plan.add(span.file, span.first, (mi * trainIds.length + ti) * rowSize);
      });
      plan.run(source, key, data, rowSize);
    });
    return { data, entryShape, dtype };
  }

  /** An output array holding the fill value (typed arrays start at 0: only NaN needs writing). */
  private filled(dtype: ArrayValue['dtype'], length: number): NumericArray {
    const out = allocate(dtype, length);
    const fill = fillElement(undefined, dtype);
    if (fill !== 0 && fill !== 0n) (out as Float64Array).fill(fill as number);
    return out;
  }

  private spans(source: string, key: string): Map<number, RowSpan> {
    const id = `${source}\n${key}`;
    let spans = this.spansCache.get(id);
    if (!spans) this.spansCache.set(id, (spans = rowSpans(this.data, source, key)));
    return spans;
  }

  private firstSource(): string {
    return this.sources[0];
  }

  private checkKey(key: string): void {
    const source = this.firstSource();
    const keys = this.data.keysForSource(source);
    if (!keys.has(key)) throw new PropertyNameError(source, key, keys);
  }
}

/** Per train: how many modules have frames and how many frames they have (they must agree). */
function trainFrameCounts(modules: ReadonlyArray<Map<number, RowSpan>>): Map<number, { frames: number; modules: number }> {
  const out = new Map<number, { frames: number; modules: number }>();
  for (const spans of modules) {
    for (const [tid, { count }] of spans) {
      const c = out.get(tid) ?? { frames: 0, modules: 0 };
      out.set(tid, c);
      if (count === 0) continue;
      if (c.frames && c.frames !== count) throw new RangeError(`Inconsistent frame counts for train ${tid}: ${c.frames}, ${count}`);
      c.frames = count;
      c.modules++;
    }
  }
  return out;
}

export class AGIPD1M extends MultiModuleDetector {
  constructor(run: DataCollection, options?: DetectorOptions) {
    super(AGIPD_SPEC, run, options);
  }
}

export class LPD1M extends MultiModuleDetector {
  constructor(run: DataCollection, options?: DetectorOptions) {
    super(LPD_SPEC, run, options);
  }
}

export class DSSC1M extends MultiModuleDetector {
  constructor(run: DataCollection, options?: DetectorOptions) {
    super(DSSC_SPEC, run, options);
  }
}

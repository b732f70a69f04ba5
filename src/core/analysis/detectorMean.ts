// Detector data averaged over trains with pulses kept apart (docs 3.19): one mean image per
// pulse and module. The work is cut into (module, train chunk) tasks a Worker pool can share:
// each task gives sums and counts per pulse, which add up in any order to the same mean.
import type { DataCollection } from '../data/dataCollection';
import { byId, selectTrainIds, type TrainSelector } from '../data/trainSelectors';
import type { MultiModuleDetector } from '../detectors/multiModuleDetector';
import { checkPulseSelection, selectedPositions, type PulseSelector } from '../detectors/pulseSelection';
import { product } from '../h5/dtypes';
import { ReadBuffers } from './readBuffers';

export interface PulseMeanOptions {
  /** Default 'image.data'. */
  key?: string;
  trains?: TrainSelector;
  pulses?: PulseSelector;
  /** Group frames by pulse ID (default) or by memory cell (dark frames). */
  by?: 'pulseId' | 'cellId';
  /** Trains read at once per module (default 16): bounds memory per task. */
  chunkTrains?: number;
  /** Calibrated data: leave out pixels flagged in `image.mask` (the mean is then per pixel over unmasked frames). */
  skipMasked?: boolean;
}

/** One unit of work: some trains of one module. Plain data, so it can go to a Worker. */
export interface PulseMeanTask {
  module: number;
  source: string;
  trainIds: number[];
}

/** One group's (pulse or cell ID's) frames added up. */
export interface GroupSum {
  sum: Float64Array;
  count: number;
  /** How many of its frames came from each memory cell: what a per-cell dark subtracts from the mean. */
  cells: Map<number, number>;
  /** With skipMasked: frames added per pixel (masked ones left out). */
  pixelCounts?: Uint32Array;
}

/** What a task gives back: per group (pulse or cell ID) the sum of its frames and how many. */
export interface PulseSums {
  module: number;
  groups: Map<number, GroupSum>;
  /** Frame shape without the raw files' length-1 axis. */
  frameShape: number[];
}

/** The result: (module, pulse, …frame) float32, NaN where a module never had that pulse. */
export interface PulseMean {
  data: Float32Array;
  shape: number[];
  modules: number[];
  /** Pulse (or cell) IDs along axis 1, sorted. */
  pulses: number[];
  /** Frames averaged per (module, pulse). */
  counts: Uint32Array;
  /** Per (module, pulse): frames from each memory cell. */
  cells: Array<Map<number, number>>;
  /** With skipMasked: frames averaged per pixel, shaped like `data`. */
  pixelCounts?: Uint32Array;
}

export function pulseMeanTasks(det: MultiModuleDetector, options: PulseMeanOptions = {}): PulseMeanTask[] {
  const trainIds = options.trains ? selectTrainIds(det.trainIds, options.trains) : det.trainIds;
  const chunk = options.chunkTrains ?? 16;
  const tasks: PulseMeanTask[] = [];
  for (const [module, source] of [...det.modnoToSource].sort(([a], [b]) => a - b)) {
    for (let i = 0; i < trainIds.length; i += chunk) tasks.push({ module, source, trainIds: trainIds.slice(i, i + chunk) });
  }
  return tasks;
}

/**
 * Reads one task's frames and sums them per pulse (or cell) ID, in float64. `buffers`: frames
 * are read into reused memory; `into`: sums of the same module's earlier tasks to add to
 * (no new arrays for groups it has).
 */
export function pulseSumsOfTask(data: DataCollection, task: PulseMeanTask, options: PulseMeanOptions = {}, buffers?: ReadBuffers, into?: PulseSums): PulseSums {
  if (into && into.module !== task.module) throw new Error(`sums of module ${into.module} cannot take module ${task.module}`);
  const key = options.key ?? 'image.data';
  const pulses = options.pulses;
  if (pulses) checkPulseSelection(pulses);
  const hasCells = data.keysForSource(task.source).has('image.cellId');
  const keys = [key, 'image.pulseId', ...(hasCells ? ['image.cellId'] : []), ...(options.skipMasked ? ['image.mask'] : [])];
  const view = data.select({ [task.source]: keys }).selectTrains(byId.list(task.trainIds));
  const frames = buffers ? buffers.getArray(view, task.source, key) : view.getArray(task.source, key);
  const entry = frames.shape.slice(1);
  const frameShape = entry[0] === 1 ? entry.slice(1) : entry;
  const size = product(frameShape);
  const pulseIds = numbers(view.getArray(task.source, 'image.pulseId').data);
  const cellIds = hasCells ? numbers(view.getArray(task.source, 'image.cellId').data) : null;
  if (options.by === 'cellId' && !cellIds) throw new Error(`${task.source}: no image.cellId to group frames by cell`);
  const groupIds = options.by === 'cellId' ? cellIds! : pulseIds;
  const mask = options.skipMasked ? maskValues(view.getArray(task.source, 'image.mask').data, task.source) : null;
  const tids = frames.coords.trainId;
  const src = frames.data as ArrayLike<number | bigint>;
  if (into?.groups.size && into.frameShape.join() !== frameShape.join()) {
    throw new Error(`${task.source}: frames of (${frameShape.join(', ')}), earlier ones (${into.frameShape.join(', ')})`);
  }
  // The selected frames' rows by group, so each group's sum is added to frame after frame
  // while it is in cache (train by train, every frame would go to another sum).
  const rowsByGroup = new Map<number, number[]>();
  for (let start = 0; start < tids.length; ) {
    let end = start;
    while (end < tids.length && tids[end] === tids[start]) end++;
    const positions = pulses ? selectedPositions(pulses, end - start, () => pulseIds.slice(start, end)) : range(end - start);
    for (const pos of positions) {
      const rows = rowsByGroup.get(groupIds[start + pos]);
      if (rows) rows.push(start + pos);
      else rowsByGroup.set(groupIds[start + pos], [start + pos]);
    }
    start = end;
  }
  const groups: PulseSums['groups'] = into?.groups ?? new Map();
  for (const [id, rows] of rowsByGroup) {
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { sum: new Float64Array(size), count: 0, cells: new Map(), ...(mask ? { pixelCounts: new Uint32Array(size) } : {}) }));
    for (const row of rows) {
      if (mask) addUnmasked(g, src, mask, row * size, size);
      else addFrame(g.sum, src, row * size);
      g.count++;
      if (cellIds) g.cells.set(cellIds[row], (g.cells.get(cellIds[row]) ?? 0) + 1);
    }
  }
  return { module: task.module, groups, frameShape };
}

/** sum += one frame of `src` from `offset`. Typed arrays of numbers take a loop without conversions (10× faster). */
function addFrame(sum: Float64Array, src: ArrayLike<number | bigint>, offset: number): void {
  const n = sum.length;
  if (ArrayBuffer.isView(src) && !(src instanceof BigInt64Array || src instanceof BigUint64Array)) {
    const values = (src as unknown as Float32Array).subarray(offset, offset + n);
    for (let i = 0; i < n; i++) sum[i] += values[i];
  } else {
    for (let i = 0; i < n; i++) sum[i] += Number(src[offset + i]);
  }
}

/** Frames of calibrated data: a pixel whose mask is non-zero is not added. */
function addUnmasked(g: GroupSum, src: ArrayLike<number | bigint>, mask: ArrayLike<number>, offset: number, size: number): void {
  const counts = g.pixelCounts!;
  for (let i = 0, o = offset; i < size; i++, o++) {
    if (mask[o]) continue;
    g.sum[i] += Number(src[o]);
    counts[i]++;
  }
}

function maskValues(values: ArrayLike<number | bigint> | string[], source: string): ArrayLike<number> {
  if (Array.isArray(values) && typeof values[0] === 'string') throw new Error(`${source}: image.mask is not numeric`);
  return typeof (values as ArrayLike<unknown>)[0] === 'bigint' ? numbers(values) : (values as ArrayLike<number>);
}

/**
 * Adds task results up as they come, in any order (a Worker pool's): per module and group
 * one float64 sum. The sums of integer raw data are exact, so the mean is the same whatever
 * the order; float data may differ in the last bit of a float64 before rounding to float32.
 */
export class PulseSumsAccumulator {
  private readonly sums = new Map<number, Map<number, GroupSum>>();
  private frameShape: number[] | null = null;

  constructor(private readonly modules: readonly number[]) {}

  /** Takes the part's arrays over (they are added into). */
  add(part: PulseSums): void {
    if (!part.groups.size) return;
    this.frameShape ??= part.frameShape;
    if (part.frameShape.join() !== this.frameShape.join()) {
      throw new Error(`module ${part.module}: frames of (${part.frameShape.join(', ')}), others (${this.frameShape.join(', ')})`);
    }
    let byGroup = this.sums.get(part.module);
    if (!byGroup) this.sums.set(part.module, (byGroup = new Map()));
    for (const [id, g] of part.groups) {
      const kept = byGroup.get(id);
      if (!kept) {
        byGroup.set(id, { ...g, cells: new Map(g.cells) });
        continue;
      }
      for (let i = 0; i < g.sum.length; i++) kept.sum[i] += g.sum[i];
      if (g.pixelCounts && kept.pixelCounts) for (let i = 0; i < g.pixelCounts.length; i++) kept.pixelCounts[i] += g.pixelCounts[i];
      kept.count += g.count;
      for (const [cell, n] of g.cells) kept.cells.set(cell, (kept.cells.get(cell) ?? 0) + n);
    }
  }

  /** The mean per module and group (sorted); the sums are released. */
  result(): PulseMean {
    const frameShape = this.frameShape ?? [];
    const size = product(frameShape);
    const pulses = [...new Set([...this.sums.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    const nCells = this.modules.length * pulses.length;
    const data = new Float32Array(nCells * size).fill(NaN);
    const counts = new Uint32Array(nCells);
    const cells = Array.from({ length: nCells }, () => new Map<number, number>());
    const masked = [...this.sums.values()].some((m) => [...m.values()].some((g) => g.pixelCounts));
    const pixelCounts = masked ? new Uint32Array(data.length) : undefined;
    this.modules.forEach((module, mi) => {
      const byGroup = this.sums.get(module);
      pulses.forEach((id, pi) => {
        const g = byGroup?.get(id);
        if (!g) return;
        const cell = mi * pulses.length + pi;
        counts[cell] = g.count;
        cells[cell] = g.cells;
        const o = cell * size;
        for (let i = 0; i < size; i++) {
          const n = g.pixelCounts ? g.pixelCounts[i] : g.count;
          data[o + i] = n ? g.sum[i] / n : NaN;
        }
        if (pixelCounts && g.pixelCounts) pixelCounts.set(g.pixelCounts, o);
      });
      this.sums.delete(module);
    });
    return { data, shape: [this.modules.length, pulses.length, ...frameShape], modules: [...this.modules], pulses, counts, cells, ...(pixelCounts ? { pixelCounts } : {}) };
  }
}

/** Adds up task results into the mean image per module and pulse. */
export function combinePulseSums(modules: readonly number[], parts: readonly PulseSums[]): PulseMean {
  const acc = new PulseSumsAccumulator(modules);
  for (const part of parts) acc.add(part);
  return acc.result();
}

/**
 * The whole computation in this thread, task by task, yielding between tasks so a caller
 * can abort. Gives what a Worker pool running the same tasks gives.
 */
export async function detectorPulseMean(
  det: MultiModuleDetector,
  options: PulseMeanOptions & { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<PulseMean> {
  const tasks = pulseMeanTasks(det, options);
  const acc = new PulseSumsAccumulator([...det.modnoToSource.keys()].sort((a, b) => a - b));
  const buffers = new ReadBuffers();
  let sums: PulseSums | undefined;
  for (const [i, task] of tasks.entries()) {
    options.signal?.throwIfAborted();
    // Tasks come module by module: a module's train chunks add into one set of sums
    if (sums && sums.module !== task.module) {
      acc.add(sums);
      sums = undefined;
    }
    sums = pulseSumsOfTask(det.data, task, options, buffers, sums);
    options.onProgress?.(i + 1, tasks.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (sums) acc.add(sums);
  options.signal?.throwIfAborted();
  return acc.result();
}

function numbers(values: ArrayLike<number | bigint> | string[]): number[] {
  return Array.from(values as ArrayLike<number | bigint>, Number);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

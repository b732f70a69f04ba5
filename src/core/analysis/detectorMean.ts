// Detector data averaged over trains with pulses kept apart (docs 3.19): one mean image per
// pulse and module. The work is cut into (module, train chunk) tasks a Worker pool can share:
// each task gives sums and counts per pulse, which add up in any order to the same mean.
import type { DataCollection } from '../data/dataCollection';
import { byId, selectTrainIds, type TrainSelector } from '../data/trainSelectors';
import type { MultiModuleDetector } from '../detectors/multiModuleDetector';
import { checkPulseSelection, selectedPositions, type PulseSelector } from '../detectors/pulseSelection';
import { product } from '../h5/dtypes';

export interface PulseMeanOptions {
  /** Default 'image.data'. */
  key?: string;
  trains?: TrainSelector;
  pulses?: PulseSelector;
  /** Group frames by pulse ID (default) or by memory cell (dark frames). */
  by?: 'pulseId' | 'cellId';
  /** Trains read at once per module (default 16): bounds memory per task. */
  chunkTrains?: number;
}

/** One unit of work: some trains of one module. Plain data, so it can go to a Worker. */
export interface PulseMeanTask {
  module: number;
  source: string;
  trainIds: number[];
}

/** What a task gives back: per group (pulse or cell ID) the sum of its frames and how many. */
export interface PulseSums {
  module: number;
  groups: Map<number, { sum: Float64Array; count: number }>;
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

/** Reads one task's frames and sums them per pulse (or cell) ID, in float64. */
export function pulseSumsOfTask(data: DataCollection, task: PulseMeanTask, options: PulseMeanOptions = {}): PulseSums {
  const key = options.key ?? 'image.data';
  const pulses = options.pulses;
  if (pulses) checkPulseSelection(pulses);
  const view = data.select({ [task.source]: [key, 'image.pulseId', ...(options.by === 'cellId' ? ['image.cellId'] : [])] })
    .selectTrains(byId.list(task.trainIds));
  const frames = view.getArray(task.source, key);
  const entry = frames.shape.slice(1);
  const frameShape = entry[0] === 1 ? entry.slice(1) : entry;
  const size = product(frameShape);
  const pulseIds = numbers(view.getArray(task.source, 'image.pulseId').data);
  const groupIds = options.by === 'cellId' ? numbers(view.getArray(task.source, 'image.cellId').data) : pulseIds;
  const tids = frames.coords.trainId;
  const groups: PulseSums['groups'] = new Map();
  for (let start = 0; start < tids.length; ) {
    let end = start;
    while (end < tids.length && tids[end] === tids[start]) end++;
    const positions = pulses ? selectedPositions(pulses, end - start, () => pulseIds.slice(start, end)) : range(end - start);
    for (const pos of positions) {
      const row = start + pos;
      const id = groupIds[row];
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { sum: new Float64Array(size), count: 0 }));
      const src = frames.data;
      for (let i = 0, o = row * size; i < size; i++) g.sum[i] += Number(src[o + i]);
      g.count++;
    }
    start = end;
  }
  return { module: task.module, groups, frameShape };
}

/** Adds up task results into the mean image per module and pulse. */
export function combinePulseSums(modules: readonly number[], parts: readonly PulseSums[]): PulseMean {
  const frameShape = parts.find((p) => p.groups.size)?.frameShape ?? [];
  const size = product(frameShape);
  const pulses = [...new Set(parts.flatMap((p) => [...p.groups.keys()]))].sort((a, b) => a - b);
  const mIndex = new Map(modules.map((m, i) => [m, i]));
  const pIndex = new Map(pulses.map((p, i) => [p, i]));
  const sums = new Float64Array(modules.length * pulses.length * size);
  const counts = new Uint32Array(modules.length * pulses.length);
  for (const part of parts) {
    for (const [id, g] of part.groups) {
      const cell = mIndex.get(part.module)! * pulses.length + pIndex.get(id)!;
      counts[cell] += g.count;
      const o = cell * size;
      for (let i = 0; i < size; i++) sums[o + i] += g.sum[i];
    }
  }
  const data = new Float32Array(sums.length);
  for (let cell = 0; cell < counts.length; cell++) {
    for (let i = cell * size; i < (cell + 1) * size; i++) data[i] = counts[cell] ? sums[i] / counts[cell] : NaN;
  }
  return { data, shape: [modules.length, pulses.length, ...frameShape], modules: [...modules], pulses, counts };
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
  const parts: PulseSums[] = [];
  for (const [i, task] of tasks.entries()) {
    options.signal?.throwIfAborted();
    parts.push(pulseSumsOfTask(det.data, task, options));
    options.onProgress?.(i + 1, tasks.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  options.signal?.throwIfAborted();
  return combinePulseSums([...det.modnoToSource.keys()].sort((a, b) => a - b), parts);
}

function numbers(values: ArrayLike<number | bigint> | string[]): number[] {
  return Array.from(values as ArrayLike<number | bigint>, Number);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// Detector means over a train range with pulses kept apart (docs 3.19), for the viewer:
// the core's (module, train chunk) tasks run on a pool of Workers (or, without one, in this
// thread), added up as they come, then turned into module images for assembly —
// one pulse or all pulses, minus the dark when one is set.
import {
  PulseSumsAccumulator, darkOfMean, detectorPulseMean, pulseMeanTasks,
  type DataCollection, type MultiModuleDetector, type PulseMean, type PulseMeanOptions, type PulseMeanTask,
} from '../core/index';
import { proxy } from 'comlink';
import type { H5Source } from '../core/h5/h5File';
import type { TaskPool } from './pool/taskPool';
import type { ReductionApi } from './pool/reductionTasks';
import type { Dark } from './darkFrames';

export interface ReduceJob {
  component: MultiModuleDetector;
  /** The files holding the component's sources, for pool workers to open; `filesKey` names them. */
  files: H5Source[];
  filesKey: string;
  options: PulseMeanOptions;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * The whole reduction: on the pool when there is one (each worker takes a whole module and
 * goes through its train chunks, so its sums are allocated and sent once per module), else
 * in this thread (the core's detectorPulseMean). Progress counts train chunks.
 */
export async function reducePulseMean(pool: TaskPool<ReductionApi> | null, job: ReduceJob): Promise<PulseMean> {
  const { component, options } = job;
  if (!pool) return detectorPulseMean(component, { ...options, onProgress: job.onProgress, signal: job.signal });
  const tasks = pulseMeanTasks(component, options);
  const byModule = new Map<number, PulseMeanTask[]>();
  for (const t of tasks) byModule.set(t.module, [...(byModule.get(t.module) ?? []), t]);
  const acc = new PulseSumsAccumulator([...component.modnoToSource.keys()].sort((a, b) => a - b));
  let done = 0;
  let finished = false;
  // Chunk reports come on their own channel: one may arrive after its module's result.
  const chunkDone = () => void (!finished && job.onProgress?.(Math.min(++done, tasks.length), tasks.length));
  await pool.run([...byModule.values()], async (remote, moduleTasks) => {
    await remote.open(job.filesKey, job.files);
    return remote.modulePulseSums(job.filesKey, moduleTasks, options, proxy(chunkDone));
  }, { onResult: (sums) => sums && acc.add(sums), signal: job.signal });
  finished = true;
  if (done < tasks.length) job.onProgress?.(tasks.length, tasks.length);
  return acc.result();
}

/** The files a pool worker opens for these sources: File objects in the browser, paths in Node. */
export function filesOf(run: DataCollection, sources: string[], opened: File[] | string): H5Source[] {
  const files = run.select(sources.map((s): [string, string] => [s, '*'])).files;
  if (typeof opened === 'string') return files.map((f) => f.path);
  const byName = new Map(opened.map((f) => [f.name, f]));
  return files.map((f) => {
    const file = byName.get(f.path);
    if (!file) throw new Error(`${f.path}: not among the run's opened files`);
    return file;
  });
}

/**
 * Module images [nModules, ss, fs] of a per-pulse mean: pulse `pulseIndex` (position in
 * `mean.pulses`), or all pulses (null: weighted by frames, so the mean of every frame).
 * Modules without data are NaN. With a dark: minus the dark of the frames' pulses or cells.
 */
export function meanModules(mean: PulseMean, nModules: number, moduleShape: readonly number[], pulseIndex: number | null, plane = 0, dark?: Dark): Float32Array {
  const [ss, fs] = moduleShape;
  const size = ss * fs;
  const frameSize = mean.shape.slice(2).reduce((a, b) => a * b, 1);
  const out = new Float32Array(nModules * size).fill(NaN);
  const nPulses = mean.pulses.length;
  const picked = pulseIndex === null ? [...mean.pulses.keys()] : [pulseIndex];
  mean.modules.forEach((module, mi) => {
    if (module >= nModules) return;
    const sum = new Float64Array(size);
    const weight = new Float64Array(size);
    for (const pi of picked) {
      const cell = mi * nPulses + pi;
      if (!mean.counts[cell]) continue;
      const o = cell * frameSize + plane * size;
      const darkImage = dark && darkOfMean(dark.mean, module, darkGroups(mean, cell, pi, dark), { plane });
      for (let i = 0; i < size; i++) {
        const n = mean.pixelCounts ? mean.pixelCounts[o + i] : mean.counts[cell];
        if (!n) continue;
        sum[i] += n * (mean.data[o + i] - (darkImage ? darkImage[i] : 0));
        weight[i] += n;
      }
    }
    const at = module * size;
    for (let i = 0; i < size; i++) if (weight[i]) out[at + i] = sum[i] / weight[i];
  });
  return out;
}

/** Which of the dark's images a mean's frames take: their pulse ID, or the cells they came from. */
function darkGroups(mean: PulseMean, cell: number, pulseIndex: number, dark: Dark): Map<number, number> {
  return dark.by === 'cellId' ? mean.cells[cell] : new Map([[mean.pulses[pulseIndex], mean.counts[cell]]]);
}

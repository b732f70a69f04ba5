// The ROI panel's series: a rectangle of the assembled image reduced per pulse and per train
// over many trains. The rectangle becomes module pixels (core roiModules), and only the
// modules it touches are read, on the Worker pool in (module, train chunk) tasks; the sums
// of the modules' parts of each frame are added up here, minus the dark's sum over the same
// pixels when a dark is subtracted.
import { byId, perTrain, pulseMeanTasks, roiSumsOfTask, type Reduction, type RoiFrameSums } from '../core/index';
import type { Dark } from './darkFrames';
import type { ReduceJob } from './pulseMeans';
import type { TaskPool } from './pool/taskPool';
import type { ReductionApi } from './pool/reductionTasks';

export interface RoiResult {
  /** Per pulse: its train ID and index in the train. */
  pulseTrainIds: Float64Array;
  pulseIndex: Float64Array;
  perPulse: Float64Array;
  trainIds: Float64Array;
  perTrain: Float64Array;
}

export interface RoiJob extends Omit<ReduceJob, 'options'> {
  /** Module pixels inside the rectangle (roiModulePixels). */
  pixels: Map<number, Int32Array>;
  plane: number;
  dark?: Dark;
}

export async function roiOverTrains(pool: TaskPool<ReductionApi> | null, job: RoiJob, trainIds: number[], how: Reduction): Promise<RoiResult> {
  const modules = new Set(job.pixels.keys());
  const wanted = new Set(trainIds);
  const trains = job.component.trainIds.filter((t) => wanted.has(t));
  const frameCount = Math.max(1, job.component.pulseIdsOf(trains[0] ?? 0).length);
  const tasks = trains.length
    ? pulseMeanTasks(job.component, { trains: byId.list(trains), chunkTrains: Math.max(1, Math.floor(256 / frameCount)) }).filter((t) => modules.has(t.module))
    : [];
  const frames = new FrameSums(job);
  if (pool) {
    await pool.run(tasks, async (remote, task) => {
      await remote.open(job.filesKey, job.files);
      return remote.roiSums(job.filesKey, task, job.pixels.get(task.module)!, { plane: job.plane });
    }, { onResult: (r) => frames.add(r), onProgress: job.onProgress, signal: job.signal });
  } else {
    for (const [i, task] of tasks.entries()) {
      await new Promise((r) => setTimeout(r, 0));
      job.signal?.throwIfAborted();
      frames.add(roiSumsOfTask(job.component.data, task, job.pixels.get(task.module)!, { plane: job.plane }));
      job.onProgress?.(i + 1, tasks.length);
    }
  }
  job.signal?.throwIfAborted();
  return frames.result(trainIds, how);
}

/** Each frame's (train, pulse index) sum and count over modules, minus the dark's. */
class FrameSums {
  private readonly frames = new Map<string, { trainId: number; pulse: number; sum: number; count: number }>();
  /** The dark's ROI sum per module and group, worked out once. */
  private readonly darkSums = new Map<string, number>();

  constructor(private readonly job: RoiJob) {}

  add(part: RoiFrameSums): void {
    for (let f = 0; f < part.sums.length; f++) {
      const key = `${part.trainIds[f]}/${part.pulseIndex[f]}`;
      let frame = this.frames.get(key);
      if (!frame) this.frames.set(key, (frame = { trainId: part.trainIds[f], pulse: part.pulseIndex[f], sum: 0, count: 0 }));
      const dark = this.job.dark;
      const group = dark?.by === 'cellId' ? part.cellIds[f] : part.pulseIds[f];
      frame.sum += part.sums[f] - (dark ? this.darkSum(part.module, group) : 0);
      frame.count += part.counts[f];
    }
  }

  result(trainIds: number[], how: Reduction): RoiResult {
    const sorted = [...this.frames.values()].sort((a, b) => a.trainId - b.trainId || a.pulse - b.pulse);
    const value = (f: { sum: number; count: number }) => (f.count ? (how === 'sum' ? f.sum : f.sum / f.count) : NaN);
    const perPulse = Float64Array.from(sorted, value);
    const perTrainValues = new Float64Array(trainIds.length).fill(NaN);
    const at = new Map(trainIds.map((t, i) => [t, i]));
    for (let start = 0; start < sorted.length; ) {
      let end = start;
      while (end < sorted.length && sorted[end].trainId === sorted[start].trainId) end++;
      const i = at.get(sorted[start].trainId);
      if (i !== undefined) perTrainValues[i] = perTrain(perPulse.slice(start, end), end - start, how)[0];
      start = end;
    }
    return {
      pulseTrainIds: Float64Array.from(sorted, (f) => f.trainId),
      pulseIndex: Float64Array.from(sorted, (f) => f.pulse),
      perPulse,
      trainIds: Float64Array.from(trainIds),
      perTrain: perTrainValues,
    };
  }

  /** Σ over the module's ROI pixels of the dark image for this group; NaN when the dark lacks it (never silently raw). */
  private darkSum(module: number, group: number): number {
    const key = `${module}/${group}`;
    let sum = this.darkSums.get(key);
    if (sum === undefined) {
      const { mean } = this.job.dark!;
      const mi = mean.modules.indexOf(module);
      const pi = mean.pulses.indexOf(group);
      if (mi < 0 || pi < 0 || !mean.counts[mi * mean.pulses.length + pi]) sum = NaN;
      else {
        const frameSize = mean.shape.slice(2).reduce((a, b) => a * b, 1);
        const planeSize = mean.shape.slice(-2).reduce((a, b) => a * b, 1);
        const base = (mi * mean.pulses.length + pi) * frameSize + this.job.plane * planeSize;
        sum = 0;
        for (const p of this.job.pixels.get(module)!) sum += mean.data[base + p];
      }
      this.darkSums.set(key, sum);
    }
    return sum;
  }
}

// Dark subtraction for the Detector panel: the per-pulse (or per-cell) mean of a dark train
// range of the same run, computed like any per-pulse mean (pulseMeans.ts: on the Worker
// pool, progress, cancel), then subtracted from each picked frame (core subtractDark) before
// it is assembled.
import { byId, subtractDark, type PulseMean } from '../core/index';
import { reducePulseMean, type ReduceJob } from './pulseMeans';
import type { TaskPool } from './pool/taskPool';
import type { ReductionApi } from './pool/reductionTasks';

export type DarkBy = 'pulseId' | 'cellId';

export interface DarkInfo {
  by: DarkBy;
  trainIds: number[];
  /** Pulse or cell IDs the dark has a mean for. */
  groups: number[];
}

export interface Dark extends DarkInfo {
  mean: PulseMean;
}

/** The dark mean over `trainIds` (those of the detector's trains in the list). */
export async function computeDark(pool: TaskPool<ReductionApi> | null, job: Omit<ReduceJob, 'options'>, trainIds: number[], by: DarkBy): Promise<Dark> {
  const wanted = new Set(trainIds);
  const trains = job.component.trainIds.filter((t) => wanted.has(t));
  if (!trains.length) throw new Error('No detector frames in the dark train range');
  const mean = await reducePulseMean(pool, { ...job, options: { trains: byId.list(trains), by, chunkTrains: 4 } });
  return { by, trainIds: trains, groups: mean.pulses, mean };
}

/**
 * frame − dark for a picked frame ([modules, ss, fs] float32); `groupId` is the frame's pulse
 * or cell ID (as the dark was grouped). `plane` 1: AGIPD raw's gain plane of the dark.
 */
export function applyDark(modules: Float32Array, moduleShape: readonly number[], dark: Dark, groupId: number, plane = 0): Float32Array {
  const frame = { data: modules, shape: [modules.length / (moduleShape[0] * moduleShape[1]), moduleShape[0], moduleShape[1]], dtype: 'float32' as const };
  return subtractDark(frame, dark.mean, groupId, { plane }).data;
}

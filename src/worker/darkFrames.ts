// Dark subtraction for the Detector panel: the per-pulse (or per-cell) mean of a dark train
// range of the same run, computed with the core's detectorMean tasks (yielding between tasks,
// with progress and cancel), then subtracted from each picked frame (core subtractDark)
// before it is assembled.
import {
  AGIPD1M, DSSC1M, LPD1M, combinePulseSums, pulseMeanTasks, pulseSumsOfTask, subtractDark,
  byId, type DataCollection, type MultiModuleDetector, type PulseMean, type PulseSums,
} from '../core/index';
import type { DetectorGroup, DetectorType } from './detectors';

const COMPONENTS: Record<DetectorType, new (run: DataCollection, o: { detectorName: string }) => MultiModuleDetector> = {
  AGIPD: AGIPD1M,
  LPD: LPD1M,
  DSSC: DSSC1M,
};

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

/** The dark mean over `trainIds` (those of the detector's trains in the list), task by task. */
export async function computeDark(
  run: DataCollection, det: DetectorGroup, trainIds: number[], by: DarkBy,
  onProgress?: (done: number, total: number) => void, isCancelled: () => boolean = () => false,
): Promise<Dark> {
  const component = new COMPONENTS[det.type](run, { detectorName: det.name });
  const wanted = new Set(trainIds);
  const trains = component.trainIds.filter((t) => wanted.has(t));
  if (!trains.length) throw new Error('No detector frames in the dark train range');
  const options = { trains: byId.list(trains), by, chunkTrains: 4 };
  const tasks = pulseMeanTasks(component, options);
  const parts: PulseSums[] = [];
  for (const [i, task] of tasks.entries()) {
    await new Promise((r) => setTimeout(r, 0));
    if (isCancelled()) throw new Error('Cancelled');
    parts.push(pulseSumsOfTask(run, task, options));
    onProgress?.(i + 1, tasks.length);
  }
  const mean = combinePulseSums([...component.modnoToSource.keys()].sort((a, b) => a - b), parts);
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

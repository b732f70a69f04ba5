// Long work in the worker (analyses, means over trains, darks, ROI series), shown in the
// status bar as a task with its progress and a Cancel that asks the worker to stop and drops the result.
import { callback } from '../../worker/client';
import type { ProgressCallback } from '../../worker/api';
import { reportError } from '../store/viewerStore';
import { startTask } from './tasks';

/**
 * Runs `work` with a progress callback to hand to the worker; null when it was cancelled or
 * failed (the error is reported). The callback answers whether this task was cancelled, which
 * stops an XGM or waveform analysis at its next chunk (that one only, not others running
 * beside it); `stop` asks the worker to stop at once: `api().detector.cancel()` for the detector's reductions.
 */
export async function withProgress<T>(
  label: string,
  work: (onProgress: ProgressCallback) => Promise<T>,
  stop: () => void = () => {},
): Promise<T | null> {
  const task = startTask(label, stop);
  const onProgress = callback((done: number, total: number) => {
    task.update(done, total);
    return task.cancelled;
  });
  try {
    const result = await work(onProgress);
    return task.cancelled ? null : result;
  } catch (e) {
    if (!task.cancelled) reportError(e);
    return null;
  } finally {
    task.end();
  }
}

// Long work in the worker (analyses, means over trains, darks, ROI series), shown in the
// status bar with its progress and a Cancel that asks the worker to stop and drops the result.
import { api, callback } from '../../worker/client';
import type { ProgressCallback } from '../../worker/api';
import { reportError, setState } from '../store/viewerStore';

/**
 * Runs `work` with a progress callback to hand to the worker; null when it was cancelled or
 * failed (the error is reported). `stop` asks the worker to stop: the XGM and waveform
 * analyses' cancelAnalysis by default, `api().cancel()` for the detector reductions.
 */
export async function withProgress<T>(
  label: string,
  work: (onProgress: ProgressCallback) => Promise<T>,
  stop: () => void = () => void api().analysis.cancelAnalysis(),
): Promise<T | null> {
  let cancelled = false;
  const onCancel = () => {
    cancelled = true;
    stop();
    setState({ progress: null });
  };
  setState({ progress: { label, onCancel } });
  const onProgress = callback((done: number, total: number) => {
    if (!cancelled) setState({ progress: { label, done, total, onCancel } });
  });
  try {
    const result = await work(onProgress);
    return cancelled ? null : result;
  } catch (e) {
    if (!cancelled) reportError(e);
    return null;
  } finally {
    if (!cancelled) setState({ progress: null });
  }
}

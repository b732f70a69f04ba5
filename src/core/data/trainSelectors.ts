// Train selections, as karabo_data's by_id[...] and by_index[...].
import { resolveIndex, slicePositions, type PySlice } from './slices';

export type TrainSelector =
  | { by: 'id'; slice: PySlice }
  | { by: 'id'; list: readonly number[] }
  | { by: 'index'; slice: PySlice }
  | { by: 'index'; list: readonly number[] };

export const byId = {
  slice: (start?: number | null, stop?: number | null, step?: number | null): TrainSelector => ({ by: 'id', slice: [start, stop, step] }),
  list: (ids: readonly number[]): TrainSelector => ({ by: 'id', list: ids }),
};

export const byIndex = {
  slice: (start?: number | null, stop?: number | null, step?: number | null): TrainSelector => ({ by: 'index', slice: [start, stop, step] }),
  list: (indices: readonly number[]): TrainSelector => ({ by: 'index', list: indices }),
};

/** The train IDs (sorted, from `trainIds`) a selector picks. */
export function selectTrainIds(trainIds: readonly number[], sel: TrainSelector): number[] {
  if (sel.by === 'index') {
    const positions = 'list' in sel
      ? sel.list.map((i) => resolveIndex(i, trainIds.length))
      : slicePositions(sel.slice, trainIds.length);
    return [...new Set(positions)].sort((a, b) => a - b).map((i) => trainIds[i]);
  }
  if ('list' in sel) {
    const wanted = new Set(sel.list);
    return trainIds.filter((t) => wanted.has(t));
  }
  const [start, stop, step] = sel.slice;
  if (step !== null && step !== undefined && step <= 0) throw new RangeError('by_id slices need a positive step');
  const lo = start ?? -Infinity;
  const hi = stop ?? Infinity;
  const origin = start ?? trainIds[0];
  return trainIds.filter((t) => t >= lo && t < hi && (!step || (t - origin) % step === 0));
}

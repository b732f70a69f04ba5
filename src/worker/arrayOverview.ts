// A key with a vector per train drawn as one image (trains × values): the whole run when it
// fits, else every n-th train and values averaged in bins. A digitizer records up to hundreds
// of thousands of samples per train: all its trains would be gigabytes, and an image wider
// than a WebGL texture cannot be drawn. The current train's vector is read whole, apart.
import { byIndex, type DataCollection } from '../core/index';
import type { ArrayResult } from './types';
import { toFloat32 } from './values';

/** Most values an overview reads (128 MB as float32), and the most columns it has. */
export const OVERVIEW_MAX_VALUES = 32 * 2 ** 20;
export const OVERVIEW_MAX_COLUMNS = 4096;

export function arrayOverview(run: DataCollection, source: string, key: string, maxValues = OVERVIEW_MAX_VALUES, maxColumns = OVERVIEW_MAX_COLUMNS): ArrayResult {
  const { shape, entries } = run.keyInfo(source, key);
  const entrySize = shape.reduce((a, b) => a * b, 1);
  const trainStride = Math.max(1, Math.ceil((entries * entrySize) / maxValues));
  const sel = trainStride > 1 ? run.selectTrains(byIndex.slice(0, null, trainStride)) : run;
  const a = sel.getArray(source, key);
  const rows = a.shape[0];
  const columnBin = Math.max(1, Math.ceil(entrySize / maxColumns));
  const data = columnBin > 1 ? binColumns(a.data as ArrayLike<number>, rows, entrySize, columnBin) : toFloat32(a.data);
  const columns = Math.ceil(entrySize / columnBin);
  return { data, shape: [rows, columns], dtype: a.dtype, trainIds: Float64Array.from(a.coords.trainId), trainStride, columnBin };
}

/** Each row's values averaged `bin` at a time (the last bin may be shorter). */
export function binColumns(values: ArrayLike<number>, rows: number, width: number, bin: number): Float32Array {
  const columns = Math.ceil(width / bin);
  const out = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const start = r * width + c * bin;
      const end = r * width + Math.min(width, (c + 1) * bin);
      let sum = 0;
      for (let i = start; i < end; i++) sum += Number(values[i]);
      out[r * columns + c] = sum / (end - start);
    }
  }
  return out;
}

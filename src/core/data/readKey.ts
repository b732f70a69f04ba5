// Reads one key of one source for the selected trains: one hyperslab per chunk,
// each read straight into its place in a single typed array.
import { allocate, product, typedArrayFor, type ArrayValue, type NumericArray, type NumpyDtype } from '../h5/dtypes';
import type { Hyperslab } from '../h5/h5File';
import { findChunks, type DataChunk, type TrainFilter } from './chunks';
import type { SourceEntry } from './sourceEntry';
import { sliceIndices, type PySlice } from './slices';

/** One entry per dimension after the train axis; null = whole axis, '...' = Python's Ellipsis. */
export type Roi = Array<PySlice | null | '...'>;

export interface KeyRead {
  value: ArrayValue;
  chunks: DataChunk[];
}

export function keyChunks(entry: SourceEntry, key: string, filter: TrainFilter): DataChunk[] {
  const group = entry.files[0].groupForKey(entry.name, key);
  return findChunks(entry.files, entry.name, group, filter);
}

/** Shape of one entry (after the train axis) and dtype, from the first file holding the key. */
export function entryInfo(entry: SourceEntry, key: string) {
  const file = entry.files[0];
  const info = file.h5.info(file.datasetPath(entry.name, key));
  return { entryShape: info.shape.slice(1), dtype: info.dtype };
}

/** `out`: a preallocated array to read into (see resultArray), so repeated reads reuse memory. */
export function readKey(entry: SourceEntry, key: string, filter: TrainFilter, roi?: Roi, out?: NumericArray): KeyRead {
  const chunks = keyChunks(entry, key, filter);
  const { entryShape, dtype } = entryInfo(entry, key);
  const slab = roiToHyperslab(roi, entryShape);
  const rowShape = slab.map(([a, b, st = 1]) => Math.max(0, Math.ceil((b - a) / st)));
  const rowSize = product(rowShape);
  const rows = chunks.reduce((n, c) => n + c.total, 0);
  const shape = [rows, ...rowShape];
  const check = (c: DataChunk, got: number) => {
    if (got !== c.total) {
      throw new Error(`${c.file.filename}: INDEX of ${entry.name} gives ${c.total} entries from ${c.first} for ${key}, but the dataset ends at ${c.first + got}`);
    }
  };
  if (dtype === 'str') {
    if (out) throw new TypeError(`${entry.name} ${key} holds strings: it cannot be read into a preallocated array`);
    const data: string[] = [];
    for (const c of chunks) {
      if (c.total === 0) continue;
      const v = c.file.h5.read(c.file.datasetPath(entry.name, key), [[c.first, c.first + c.total], ...slab]);
      check(c, v.shape[0]);
      for (const s of v.data as string[]) data.push(s);
    }
    return { value: { data, shape, dtype }, chunks };
  }
  // One array for the result; each chunk's hyperslab is read straight into its place
  const data = out ? resultArray(out, dtype, rows * rowSize, `${entry.name} ${key}`) : allocate(dtype, rows * rowSize);
  let row = 0;
  for (const c of chunks) {
    if (c.total === 0) continue;
    const got = c.file.h5.readInto(c.file.datasetPath(entry.name, key), [[c.first, c.first + c.total], ...slab], data, row * rowSize);
    check(c, got[0]);
    row += c.total;
  }
  return { value: { data, shape, dtype }, chunks };
}

/**
 * The first `length` elements of a caller's array, which must hold `dtype` and be long
 * enough: a larger array lets one buffer serve reads of different train selections.
 * A new array costs more than the read itself where the first touch of fresh memory is slow.
 */
function resultArray(out: NumericArray, dtype: NumpyDtype, length: number, what: string): NumericArray {
  const ctor = typedArrayFor(dtype);
  if (!(out instanceof ctor)) throw new TypeError(`out must be a ${ctor.name} for ${what} (${dtype}), got a ${out.constructor.name}`);
  if (out.length < length) throw new RangeError(`out has ${out.length} elements, ${what} needs ${length}`);
  return out.length === length ? out : out.subarray(0, length);
}

/** Resolves a roi (Python slices per entry dimension, with '...') to a hyperslab. */
export function roiToHyperslab(roi: Roi | undefined, entryShape: readonly number[]): Hyperslab {
  const full = entryShape.map((n): [number, number, number] => [0, n, 1]);
  if (!roi) return full;
  const ellipsis = roi.indexOf('...');
  if (roi.lastIndexOf('...') !== ellipsis) throw new RangeError("a roi can only have one '...'");
  const given = roi.filter((r) => r !== '...').length;
  if (given > entryShape.length) throw new RangeError(`roi has ${given} dimensions but the data has ${entryShape.length} per entry`);
  const expanded: Array<PySlice | null> =
    ellipsis < 0
      ? [...(roi as Array<PySlice | null>), ...Array(entryShape.length - given).fill(null)]
      : [
          ...(roi.slice(0, ellipsis) as Array<PySlice | null>),
          ...Array(entryShape.length - given).fill(null),
          ...(roi.slice(ellipsis + 1) as Array<PySlice | null>),
        ];
  return expanded.map((r, i) => {
    if (r === null) return full[i];
    const [start, stop, step] = sliceIndices(r, entryShape[i]);
    if (step < 0) throw new RangeError('roi slices need a positive step');
    return [start, Math.max(start, stop), step];
  });
}

// INDEX of a EuXFEL file: train IDs, their validity flag, and where each train's
// data sits in a source's datasets (first/count, or the old first/last/status).
import type { ArrayValue } from '../h5/dtypes';
import type { HDF5File } from '../h5/h5File';
import { FileStructureError } from './metadata';

export interface SourceIndex {
  first: Float64Array;
  count: Float64Array;
}

export const FORMAT_1_1_WARNING =
  'Train validation is not fully supported for data format version 1.1. ' +
  'If you have issues accessing these files, please contact da-support@xfel.eu.';

/** Train IDs in file order, zero padding removed. */
export function readTrainIds(h5: HDF5File): Float64Array {
  if (h5.kind('INDEX/trainId') !== 'dataset') throw new FileStructureError(`${h5.name}: INDEX/trainId dataset not found`);
  const all = toFloat64(h5.read('INDEX/trainId').data as ArrayLike<number | bigint>);
  const keep: number[] = [];
  for (let i = 0; i < all.length; i++) if (all[i] !== 0) keep.push(i);
  return keep.length === all.length ? all : Float64Array.from(keep, (i) => all[i]);
}

/** 1 = good train, 0 = suspect (not from the time server), per position in INDEX/trainId. */
export function readValidity(h5: HDF5File, formatVersion: string, trainIds: Float64Array): Uint8Array {
  if (formatVersion === '0.5' || h5.kind('INDEX/flag') !== 'dataset') return guessValidTrains(trainIds);
  const flag = h5.read('INDEX/flag', [[0, trainIds.length]]).data as ArrayLike<number | bigint>;
  const out = new Uint8Array(trainIds.length).fill(1);
  // Format 1.1 wrote an index into the list of time servers (0 = good) instead of a flag
  const inverted = formatVersion === '1.1';
  for (let i = 0; i < flag.length; i++) out[i] = Number(flag[i]) !== 0 ? (inverted ? 0 : 1) : inverted ? 1 : 0;
  return out;
}

/**
 * Files before format 1.0 have no flag: mark the fewest trains invalid that leave a
 * strictly increasing sequence, deciding at each downward jump (as EXtra-data does).
 */
export function guessValidTrains(trainIds: Float64Array): Uint8Array {
  const flag = new Uint8Array(trainIds.length).fill(1);
  for (let ix = 0; ix + 1 < trainIds.length; ix++) {
    if (trainIds[ix + 1] > trainIds[ix]) continue;
    let before = 0;
    let after = 0;
    for (let i = 0; i <= ix; i++) if (trainIds[i] >= trainIds[ix + 1]) before++;
    for (let i = ix + 1; i < trainIds.length; i++) if (trainIds[i] <= trainIds[ix]) after++;
    if (before < after) {
      for (let i = 0; i <= ix; i++) if (trainIds[i] >= trainIds[ix + 1]) flag[i] = 0;
    } else {
      const pivot = trainIds[ix];
      for (let i = ix + 1; i < trainIds.length; i++) if (trainIds[i] <= pivot) flag[i] = 0;
    }
  }
  return flag;
}

/** INDEX/timestamp (ns since the epoch, from format 1.0), or null in older files. */
export function readTrainTimestamps(h5: HDF5File, nTrains: number): BigUint64Array | null {
  if (h5.kind('INDEX/timestamp') !== 'dataset') return null;
  const v = h5.read('INDEX/timestamp', [[0, nTrains]]).data;
  return v instanceof BigUint64Array ? v : BigUint64Array.from(v as ArrayLike<number | bigint>, (x) => BigInt(x));
}

/**
 * first/count of one index group ('' for control sources), cut to the number of trains.
 * An index shorter than the train list only describes its first trains (as karabo_data 0.7 reads it).
 */
export function readSourceIndex(h5: HDF5File, source: string, group: string, nTrains: number): SourceIndex {
  const base = group ? `INDEX/${source}/${group}` : `INDEX/${source}`;
  const slab: Array<[number, number]> = [[0, nTrains]];
  const first = toFloat64(h5.read(`${base}/first`, slab).data as ArrayLike<number | bigint>);
  let count: Float64Array;
  if (h5.kind(`${base}/count`) === 'dataset') {
    count = toFloat64(h5.read(`${base}/count`, slab).data as ArrayLike<number | bigint>);
  } else {
    // Old layout: count = (last - first + 1) * status
    const last = toFloat64(h5.read(`${base}/last`, slab).data as ArrayLike<number | bigint>);
    const status = toFloat64(h5.read(`${base}/status`, slab).data as ArrayLike<number | bigint>);
    count = new Float64Array(Math.min(last.length, status.length, first.length));
    for (let i = 0; i < count.length; i++) count[i] = status[i] ? (last[i] - first[i] + 1) * status[i] : 0;
  }
  const n = Math.min(first.length, count.length);
  return { first: first.subarray(0, n), count: count.subarray(0, n) };
}

/** One INDEX dataset as stored: every entry (zero padding included) as an exact uint64, and its shape. */
export interface RawIndexArray {
  values: bigint[];
  shape: number[];
}

/** A source's INDEX group as stored: first/count, or the old layout's first/last/status. */
export type RawSourceIndex =
  | { layout: 'count'; first: RawIndexArray; count: RawIndexArray }
  | { layout: 'last/status'; first: RawIndexArray; last: RawIndexArray; status: RawIndexArray };

/**
 * The INDEX arrays of one group (`INDEX/{source}` or `INDEX/{source}/{group}`), untrimmed and
 * exact, for checks that judge the index itself. `read` lets the caller bound what it reads.
 */
export function readRawSourceIndex(
  h5: HDF5File,
  groupPath: string,
  read: (path: string) => ArrayValue = (path) => h5.read(path),
): RawSourceIndex {
  const has = (name: string) => h5.kind(`${groupPath}/${name}`) === 'dataset';
  const raw = (name: string): RawIndexArray => {
    const v = read(`${groupPath}/${name}`);
    return { values: toBigInts(v), shape: v.shape };
  };
  if (!has('first')) throw new FileStructureError(`${h5.name}: ${groupPath}/first not found`);
  const first = raw('first');
  if (has('count')) return { layout: 'count', first, count: raw('count') };
  if (!has('last') || !has('status')) throw new FileStructureError(`${h5.name}: ${groupPath} has neither count nor last/status`);
  return { layout: 'last/status', first, last: raw('last'), status: raw('status') };
}

// INDEX and timestamps are uint64, and a message like "Gaps (1) in index, e.g. at 18
// (18 + 1 < 35)" must print them exactly: bigint, not number.
export function toBigInts(v: ArrayValue): bigint[] {
  const out = new Array<bigint>(v.data.length);
  for (let i = 0; i < v.data.length; i++) out[i] = toBigInt(v.data[i]);
  return out;
}

function toBigInt(x: number | bigint | string): bigint {
  if (typeof x === 'bigint') return x;
  const n = Number(x);
  // A float INDEX is already malformed; truncating keeps the checks going.
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
}

export function toFloat64(values: ArrayLike<number | bigint>): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return out;
}

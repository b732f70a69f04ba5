// All selected data of one train, source by source: control values as scalars,
// instrument data as arrays (one entry squeezed, several stacked).
import { product, type ArrayValue } from '../h5/dtypes';
import type { Hyperslab } from '../h5/h5File';
import type { TrainFilter } from './chunks';
import { entryKeys, type SourceEntry } from './sourceEntry';
import type { SourceTrainData, TrainData, TrainValue } from './types';

export function readTrain(sources: Iterable<SourceEntry>, trainId: number, filter: TrainFilter): TrainData {
  const out: TrainData = {};
  for (const entry of sources) out[entry.name] = readSourceTrain(entry, trainId, filter);
  return out;
}

/** Whether every selected key of every source has data in this train (trains' requireAll). */
export function hasAllKeys(sources: Iterable<SourceEntry>, data: TrainData): boolean {
  for (const entry of sources) if (Object.keys(data[entry.name]).length - 1 < entryKeys(entry).length) return false;
  return true;
}

function readSourceTrain(entry: SourceEntry, trainId: number, filter: TrainFilter): SourceTrainData {
  const data = { metadata: { source: entry.name, 'timestamp.tid': trainId } } as SourceTrainData;
  const at = trainPosition(entry, trainId, filter);
  if (!at) return data;
  for (const key of entryKeys(entry)) {
    const rows = keyRows(entry, at, key, trainId);
    if (rows.count === 0) continue;
    data[key] = readEntries(at.file.h5.read(at.file.datasetPath(entry.name, key), [[rows.first, rows.first + rows.count]]), rows.count, entry.control);
  }
  return data;
}

/** The file holding a source's data for a train, and the train's position in it; null when none does (or only a suspect one). */
function trainPosition(entry: SourceEntry, trainId: number, filter: TrainFilter): { file: SourceEntry['files'][number]; pos: number } | null {
  for (const file of entry.files) {
    const pos = file.positionOf(trainId);
    if (pos >= 0 && (filter.includeSuspect || file.validity[pos])) return { file, pos };
  }
  return null;
}

/** A key's rows for the train, from its INDEX group. */
function keyRows(entry: SourceEntry, { file, pos }: NonNullable<ReturnType<typeof trainPosition>>, key: string, trainId: number): { first: number; count: number } {
  const group = file.groupForKey(entry.name, key);
  const { first, count } = file.index(entry.name, group);
  if (pos >= first.length) {
    throw new Error(`${file.filename}: INDEX/${entry.name}/${group} has ${first.length} entries for ${file.trainIds.length} trains, none for train ${trainId}`);
  }
  return { first: first[pos], count: count[pos] };
}

/** How many entries each key of a source has in a train (0 where readTrain leaves the key out): INDEX only, nothing read. */
export function trainKeyCounts(entry: SourceEntry, trainId: number, filter: TrainFilter): Map<string, number> {
  const at = trainPosition(entry, trainId, filter);
  const byGroup = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const key of entryKeys(entry)) {
    if (!at) {
      counts.set(key, 0);
      continue;
    }
    const group = at.file.groupForKey(entry.name, key);
    let n = byGroup.get(group);
    if (n === undefined) byGroup.set(group, (n = keyRows(entry, at, key, trainId).count));
    counts.set(key, n);
  }
  return counts;
}

/**
 * One key of one train as readTrain gives it (same scalar, same shape), but with only its
 * first `n` values read, in C order: a preview of a key whose train may hold hundreds of
 * megabytes (a detector module's frames). Null when the source has no data for it in this train.
 */
export function readTrainKeyHead(entry: SourceEntry, trainId: number, filter: TrainFilter, key: string, n: number): TrainValue | null {
  const at = trainPosition(entry, trainId, filter);
  if (!at) return null;
  const rows = keyRows(entry, at, key, trainId);
  if (rows.count === 0) return null;
  const path = at.file.datasetPath(entry.name, key);
  const [stored, ...entryShape] = at.file.h5.info(path).shape;
  // Rows past the dataset's end are not there (a broken INDEX): the full read is clipped too
  const dims = [Math.max(0, Math.min(rows.count, stored - rows.first)), ...entryShape];
  const head = at.file.h5.read(path, prefixSlab(dims, n, rows.first));
  const value = readEntries({ ...head, shape: dims }, rows.count, entry.control);
  return 'data' in value ? { ...value, data: head.data.slice(0, n) as ArrayValue['data'] } : value;
}

/**
 * The smallest block holding the first `n` values (C order) of an array of shape `dims`
 * stored from row `first` on: leading axes at 0, one axis cut short, the rest whole. Its
 * values, flattened, are a prefix of the array's.
 */
export function prefixSlab(dims: readonly number[], n: number, first = 0): Hyperslab {
  let cut = dims.length - 1;
  while (cut > 0 && product(dims.slice(cut)) < n) cut--;
  const inner = product(dims.slice(cut + 1));
  return dims.map((len, axis): [number, number] => {
    const offset = axis === 0 ? first : 0;
    if (axis < cut) return [offset, offset + Math.min(1, len)];
    if (axis === cut) return [offset, offset + Math.min(len, Math.ceil(n / Math.max(1, inner)))];
    return [0, len];
  });
}

/** One control value is a scalar; one instrument entry drops the train axis; more keep it. */
function readEntries(v: ArrayValue, count: number, control: boolean): TrainValue {
  if ((count === 1 || control) && v.shape.length === 1 && v.shape[0] === 1) return { value: (v.data as ArrayLike<number | bigint | string>)[0], dtype: v.dtype };
  if (count === 1 && v.shape[0] === 1) return { data: v.data, shape: v.shape.slice(1), dtype: v.dtype };
  return v;
}

// All selected data of one train, source by source: control values as scalars,
// instrument data as arrays (one entry squeezed, several stacked).
import type { ArrayValue } from '../h5/dtypes';
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
  for (const file of entry.files) {
    const pos = file.positionOf(trainId);
    if (pos < 0 || (!filter.includeSuspect && !file.validity[pos])) continue;
    for (const key of entryKeys(entry)) {
      const group = file.groupForKey(entry.name, key);
      const { first, count } = file.index(entry.name, group);
      if (pos >= first.length) {
        throw new Error(`${file.filename}: INDEX/${entry.name}/${group} has ${first.length} entries for ${file.trainIds.length} trains, none for train ${trainId}`);
      }
      if (count[pos] === 0) continue;
      data[key] = readEntries(file.h5.read(file.datasetPath(entry.name, key), [[first[pos], first[pos] + count[pos]]]), count[pos], entry.control);
    }
    break;
  }
  return data;
}

/** One control value is a scalar; one instrument entry drops the train axis; more keep it. */
function readEntries(v: ArrayValue, count: number, control: boolean): TrainValue {
  if ((count === 1 || control) && v.shape.length === 1 && v.shape[0] === 1) return { value: (v.data as ArrayLike<number | bigint | string>)[0], dtype: v.dtype };
  if (count === 1 && v.shape[0] === 1) return { data: v.data, shape: v.shape.slice(1), dtype: v.dtype };
  return v;
}

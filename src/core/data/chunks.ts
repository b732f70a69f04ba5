// Where a key's data for the selected trains lives: contiguous "chunks" (file, first,
// counts) found from INDEX alone, so reading is one hyperslab per chunk.
import type { FileAccess } from '../format/fileAccess';

export interface DataChunk {
  file: FileAccess;
  /** First entry of the chunk in the dataset. */
  first: number;
  /** Train ID and entry count of each train in the chunk, in file order. */
  trainIds: Float64Array;
  counts: Float64Array;
  total: number;
}

/** Which trains of a file are in the selection: null = all of them. */
export interface TrainFilter {
  trainSet: ReadonlySet<number> | null;
  includeSuspect: boolean;
}

export function findChunks(files: readonly FileAccess[], source: string, group: string, filter: TrainFilter): DataChunk[] {
  const chunks: DataChunk[] = [];
  for (const file of files) {
    const { first, count } = file.index(source, group);
    const tids = file.trainIds;
    const n = first.length;
    let start = -1;
    const close = (end: number) => {
      let total = 0;
      for (let i = start; i < end; i++) total += count[i];
      chunks.push({ file, first: first[start], trainIds: tids.subarray(start, end), counts: count.subarray(start, end), total });
      start = -1;
    };
    for (let i = 0; i < n; i++) {
      const included = (filter.trainSet === null || filter.trainSet.has(tids[i])) && (filter.includeSuspect || file.validity[i] === 1);
      if (included && start < 0) start = i;
      else if (!included && start >= 0) close(i);
    }
    if (start >= 0) close(n);
  }
  return chunks;
}

/** Each chunk's train IDs repeated by their counts: the train label of every data row. */
export function rowTrainIds(chunks: readonly DataChunk[]): number[] {
  const out: number[] = [];
  for (const c of chunks) {
    for (let i = 0; i < c.trainIds.length; i++) for (let k = 0; k < c.counts[i]; k++) out.push(c.trainIds[i]);
  }
  return out;
}

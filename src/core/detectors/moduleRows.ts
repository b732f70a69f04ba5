// Where a module's entries are (per train: file, first row, count) and copying chosen rows
// out of a dataset: consecutive rows are read as one hyperslab.
import type { DataCollection } from '../data/dataCollection';
import type { FileAccess } from '../format/fileAccess';
import type { NumericArray } from '../h5/dtypes';
import type { Hyperslab } from '../h5/h5File';

export interface RowSpan {
  file: FileAccess;
  first: number;
  count: number;
}

/** Per selected train, where a source's entries for `key`'s index group are. */
export function rowSpans(dc: DataCollection, source: string, key: string): Map<number, RowSpan> {
  const entry = dc.sourceEntry(source);
  const { trainSet, includeSuspect } = dc.trainFilter;
  const out = new Map<number, RowSpan>();
  for (const file of entry.files) {
    const { first, count } = file.index(source, file.groupForKey(source, key));
    for (let i = 0; i < first.length && i < file.trainIds.length; i++) {
      const tid = file.trainIds[i];
      if ((trainSet && !trainSet.has(tid)) || (!includeSuspect && !file.validity[i])) continue;
      out.set(tid, { file, first: first[i], count: count[i] });
    }
  }
  return out;
}

/** Rows of one file's dataset to copy, each to an offset of the output. */
export interface RowCopies {
  rows: number[];
  dest: number[];
}

/**
 * Copies each row (of `rowSize` elements after `tail` is applied) to its offset in `out`.
 * Rows must ascend; runs of consecutive rows are read with one hyperslab.
 */
export function copyRows(file: FileAccess, path: string, { rows, dest }: RowCopies, out: NumericArray, rowSize: number, tail: Hyperslab = []): void {
  let i = 0;
  while (i < rows.length) {
    let j = i + 1;
    while (j < rows.length && rows[j] === rows[j - 1] + 1) j++;
    const data = file.h5.read(path, [[rows[i], rows[j - 1] + 1], ...tail]).data as NumericArray;
    for (let k = i; k < j; k++) {
      const at = (rows[k] - rows[i]) * rowSize;
      (out as Float64Array).set((data as Float64Array).subarray(at, at + rowSize), dest[k]);
    }
    i = j;
  }
}

/** Groups row copies by file, keeping each file's rows in ascending order. */
export class RowPlan {
  private readonly byFile = new Map<FileAccess, RowCopies>();

  add(file: FileAccess, row: number, dest: number): void {
    let c = this.byFile.get(file);
    if (!c) this.byFile.set(file, (c = { rows: [], dest: [] }));
    c.rows.push(row);
    c.dest.push(dest);
  }

  run(source: string, key: string, out: NumericArray, rowSize: number, tail?: Hyperslab): void {
    for (const [file, copies] of this.byFile) {
      sortCopies(copies);
      copyRows(file, file.datasetPath(source, key), copies, out, rowSize, tail);
    }
  }
}

function sortCopies(c: RowCopies): void {
  const order = c.rows.map((_, i) => i).sort((a, b) => c.rows[a] - c.rows[b]);
  c.rows = order.map((i) => c.rows[i]);
  c.dest = order.map((i) => c.dest[i]);
}

// Joins series on trainId (outer join): trains missing from a series get NaN / null.
import type { DataFrame, Series } from './types';

export function buildDataFrame(series: readonly Series[]): DataFrame {
  const rows = new Map<number, number>();
  for (const s of series) {
    if (s.indexNames.length !== 1) throw new RangeError(`${s.name} has one value per pulse; a dataframe needs one per train`);
    for (const t of s.index as number[]) if (!rows.has(t)) rows.set(t, 0);
  }
  const index = [...rows.keys()].sort((a, b) => a - b);
  index.forEach((t, i) => rows.set(t, i));
  const df: DataFrame = { index, columns: [], dtypes: {}, data: {} };
  for (const s of series) {
    const name = s.name ?? String(df.columns.length);
    const tids = s.index as number[];
    const increasing = tids.every((t, i) => i === 0 || t > tids[i - 1]);
    if (!increasing && new Set(tids).size !== tids.length) throw new RangeError(`${name} has several values for one train; a dataframe needs one per train`);
    df.columns.push(name);
    df.dtypes[name] = s.dtype;
    // Every train of the frame, in train order: values go straight across
    const complete = increasing && tids.length === index.length;
    if (Array.isArray(s.values)) {
      const col: Array<string | null> = new Array(index.length).fill(null);
      tids.forEach((t, i) => (col[rows.get(t)!] = (s.values as string[])[i]));
      df.data[name] = col;
    } else if (complete && (s.values instanceof BigUint64Array || s.values instanceof BigInt64Array)) {
      df.data[name] = s.values;
    } else if (complete && !(s.values instanceof BigInt64Array || s.values instanceof BigUint64Array)) {
      df.data[name] = Float64Array.from(s.values as ArrayLike<number>);
    } else {
      const col = new Float64Array(index.length).fill(NaN);
      const v = s.values;
      for (let i = 0; i < tids.length; i++) col[rows.get(tids[i])!] = Number(v[i]);
      df.data[name] = col;
    }
  }
  return df;
}

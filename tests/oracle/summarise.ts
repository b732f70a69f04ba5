// Turns our results into the references' JSON shapes (see ../shared/oracle/README.md),
// so a single comparison handles every question.
import { createHash } from 'node:crypto';
import type { ArrayValue, DataCollection, DataFrame, LabelledArray, Series, TrainData, TrainValue } from '../../src/core/index';

/** JSON numbers as the references write them: integers beyond 2^53 as decimal strings. */
export function jsonNumber(v: number | bigint | string): number | string {
  if (typeof v === 'bigint') return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v.toString();
  if (typeof v === 'number' && Number.isNaN(v)) return null as unknown as number;
  return v;
}

/** numpy's name for our dtype ('str' data is 'object' in pandas/numpy references). */
export function refDtype(dtype: string): string {
  return dtype === 'str' ? 'object' : dtype;
}

export function collectionSummary(dc: DataCollection, withKeys: boolean) {
  const out: Record<string, unknown> = {
    n_trains: dc.trainIds.length,
    train_ids: dc.trainIds,
    control_sources: [...dc.controlSources].sort(),
    instrument_sources: [...dc.instrumentSources].sort(),
    files: dc.files.map((f) => f.filename).sort(),
  };
  if (withKeys) out.keys = Object.fromEntries([...dc.allSources].sort().map((s) => [s, [...dc.keysForSource(s)].sort()]));
  return out;
}

export function seriesSummary(s: Series) {
  return {
    name: s.name,
    dtype: refDtype(s.dtype),
    length: s.index.length,
    index_names: s.indexNames.length === 1 && s.name === null ? [null] : s.indexNames,
    index: s.index,
    values: Array.from(s.values as ArrayLike<number | bigint | string>, jsonNumber),
  };
}

/** Element i of the data as a JSON number (or string). */
function elementAt(a: ArrayValue, i: number): number | string {
  return jsonNumber((a.data as ArrayLike<number | bigint | string>)[i]);
}

function nest(a: ArrayValue, offset: number, shape: number[]): unknown {
  if (shape.length === 0) return elementAt(a, offset);
  const step = shape.slice(1).reduce((x, y) => x * y, 1);
  return Array.from({ length: shape[0] }, (_, i) => nest(a, offset + i * step, shape.slice(1)));
}

function asFloat64(a: ArrayValue): Float64Array {
  if (a.dtype === 'str') return new Float64Array(0);
  const d = a.data as ArrayLike<number | bigint>;
  if (d instanceof BigUint64Array || d instanceof BigInt64Array) return Float64Array.from(d as ArrayLike<bigint>, Number);
  return Float64Array.from(d as ArrayLike<number>);
}

export function sha256F64le(a: ArrayValue): string {
  const f = asFloat64(a);
  for (let i = 0; i < f.length; i++) if (Number.isNaN(f[i])) f[i] = NaN;
  return createHash('sha256').update(new Uint8Array(f.buffer, f.byteOffset, f.byteLength)).digest('hex');
}

/** The array summary with the fields the reference has. */
export function arraySummary(a: ArrayValue, ref: Record<string, unknown>) {
  const n = a.shape.reduce((x, y) => x * y, 1);
  const out: Record<string, unknown> = { shape: a.shape, dtype: refDtype(a.dtype) };
  const strided = (i: number[]) => i.reduce((acc, x, d) => acc * a.shape[d] + x, 0);
  const f = asFloat64(a);
  let nans = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of f) {
    if (Number.isNaN(x)) nans++;
    else {
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => elementAt(a, from + i));
  for (const k of Object.keys(ref)) {
    if (k === 'values') out.values = a.shape[0] === 0 ? [] : nest(a, 0, a.shape);
    else if (k === 'first_values') out.first_values = range(0, Math.min(16, n));
    else if (k === 'last_values') out.last_values = range(Math.max(0, n - 16), n);
    else if (k === 'samples') out.samples = (ref.samples as Array<{ index: number[] }>).map(({ index }) => ({ index, value: elementAt(a, strided(index)) }));
    else if (k === 'nan_count') out.nan_count = nans;
    else if (k === 'sum') out.sum = sum;
    else if (k === 'min') out.min = n - nans ? min : null;
    else if (k === 'max') out.max = n - nans ? max : null;
    else if (k === 'sha256_f64le') out.sha256_f64le = sha256F64le(a);
    // Extras some 2-D references carry: the first row, and the first 4 columns of each row
    else if (k === 'row0') out.row0 = range(0, n / a.shape[0]);
    else if (k === 'values_first4_columns') {
      const rowLen = n / a.shape[0];
      out.values_first4_columns = Array.from({ length: a.shape[0] }, (_, i) => range(i * rowLen, i * rowLen + Math.min(4, rowLen)));
    }
  }
  return out;
}

export function labelledSummary(a: LabelledArray, ref: Record<string, unknown>) {
  return { dims: a.dims, coords: a.coords, ...arraySummary(a, ref) };
}

export function dataFrameRows(df: DataFrame) {
  return { columns: [...df.columns].sort(), dtypes: df.dtypes, n_rows: df.index.length };
}

export function trainSummary([tid, data]: [number, TrainData], ref: { sources: Record<string, Record<string, Record<string, unknown>>> }) {
  const sources: Record<string, Record<string, unknown>> = {};
  for (const [src, keys] of Object.entries(data)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(keys)) {
      if (k === 'metadata') out.metadata = v;
      else {
        const value = v as TrainValue;
        // The references give string scalars as plain strings
        if ('value' in value) out[k] = value.dtype === 'str' ? value.value : { scalar: jsonNumber(value.value), dtype: refDtype(value.dtype) };
        else out[k] = arraySummary(value, ref.sources[src]?.[k] ?? {});
      }
    }
    sources[src] = out;
  }
  return { train_id: tid, sources };
}

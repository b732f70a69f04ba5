// Compares our summarised results with the references: integers exactly, floats to
// 1e-6 relative, NaN as null, objects key by key. Returns the differences found.
import type { DataFrame } from '../../src/core/index';
import { jsonNumber } from './summarise';

export function differences(ours: unknown, ref: unknown, path = '$', out: string[] = []): string[] {
  if (out.length > 10) return out;
  if (ref === null || ref === undefined) {
    if (!(ours === null || ours === undefined || (typeof ours === 'number' && Number.isNaN(ours)))) out.push(`${path}: expected null, got ${show(ours)}`);
  } else if (typeof ref === 'number') {
    if (typeof ours !== 'number' || !closeEnough(ours, ref)) out.push(`${path}: expected ${ref}, got ${show(ours)}`);
  } else if (typeof ref === 'string' || typeof ref === 'boolean') {
    const o = typeof ours === 'bigint' ? ours.toString() : ours;
    if (o !== ref) out.push(`${path}: expected ${JSON.stringify(ref)}, got ${show(ours)}`);
  } else if (Array.isArray(ref)) {
    const arr = ours instanceof Set ? [...ours] : ArrayBuffer.isView(ours) ? Array.from(ours as unknown as ArrayLike<unknown>) : ours;
    if (!Array.isArray(arr) || arr.length !== ref.length) out.push(`${path}: expected ${ref.length} items, got ${show(ours)}`);
    else ref.forEach((r, i) => differences(arr[i], r, `${path}[${i}]`, out));
  } else if (typeof ref === 'object') {
    if (typeof ours !== 'object' || ours === null) out.push(`${path}: expected an object, got ${show(ours)}`);
    else {
      const o = ours as Record<string, unknown>;
      const missing = Object.keys(ref).filter((k) => !(k in o));
      const extra = Object.keys(o).filter((k) => !(k in (ref as object)));
      if (missing.length || extra.length) out.push(`${path}: keys missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra.slice(0, 8))}`);
      for (const [k, r] of Object.entries(ref)) if (k in o) differences(o[k], r, `${path}.${k}`, out);
    }
  }
  return out;
}

function closeEnough(a: number, b: number): boolean {
  if (Number.isInteger(b) && Number.isInteger(a) && Math.abs(b) < 2 ** 53) return a === b;
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

function show(v: unknown): string {
  const s = typeof v === 'bigint' ? `${v}n` : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  return (s ?? String(v)).slice(0, 200);
}

interface RefFrame {
  columns: string[];
  dtypes: Record<string, string>;
  index_name: string;
  n_rows: number;
  index: number[];
  data: Record<string, Array<number | string | null>>;
}

/** Columns as a set, rows matched by train ID (pandas' row order is not meaningful). */
export function dataFrameDifferences(df: DataFrame, ref: RefFrame): string[] {
  const out = differences([...df.columns].sort(), [...ref.columns].sort(), '$.columns');
  out.push(...differences([...df.index].sort((a, b) => a - b), [...ref.index].sort((a, b) => a - b), '$.index'));
  if (out.length) return out;
  const row = new Map(df.index.map((t, i) => [t, i]));
  for (const c of ref.columns) {
    out.push(...differences(df.dtypes[c] === 'str' ? 'object' : df.dtypes[c], ref.dtypes[c], `$.dtypes.${c}`));
    const col = df.data[c] as ArrayLike<number | bigint | string | null>;
    ref.index.forEach((t, i) => {
      const v = col[row.get(t)!];
      differences(v === null ? null : jsonNumber(v as number), ref.data[c][i], `$.data.${c}[${t}]`, out);
    });
  }
  return out;
}

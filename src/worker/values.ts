// Conversions of core values into what the UI shows or plots.

/** Doubles for plotting; BigInt (uint64 timestamps) become the nearest double. */
export function toFloat64(values: ArrayLike<number | bigint> | unknown): Float64Array {
  const v = values as ArrayLike<number | bigint>;
  if (v instanceof Float64Array) return v.slice();
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Number(v[i]);
  return out;
}

export function toFloat32(values: ArrayLike<number | bigint> | unknown): Float32Array {
  const v = values as ArrayLike<number | bigint>;
  if (v instanceof Float32Array) return v.slice();
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Number(v[i]);
  return out;
}

/** Values shown of an array (then "…"). */
export const SHOWN = 8;

/**
 * A scalar `{value, dtype}` or an array value `{data, shape, dtype}` as one short text. The
 * data may hold only the array's first values (DataCollection.trainKeyHead): its shape tells how many there are.
 */
export function toDisplay(v: unknown): { value: string; dtype: string; shape: number[] } {
  if (v && typeof v === 'object' && 'data' in v && 'shape' in v) {
    const a = v as { data: ArrayLike<unknown>; shape: number[]; dtype: string };
    const n = a.shape.reduce((x, y) => x * y, 1);
    const head = Array.from({ length: Math.min(n, SHOWN) }, (_, i) => formatNumber(a.data[i]));
    const value = n === 1 && a.shape.length === 0 ? head[0] : `[${head.join(', ')}${n > SHOWN ? ', …' : ''}]`;
    return { value, dtype: a.dtype, shape: [...a.shape] };
  }
  if (v && typeof v === 'object' && 'value' in v) {
    const s = v as { value: unknown; dtype: string };
    return { value: formatNumber(s.value), dtype: s.dtype, shape: [] };
  }
  return { value: formatNumber(v), dtype: typeof v, shape: [] };
}

export function formatNumber(x: unknown): string {
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+(e|$)/, '$1');
  if (typeof x === 'bigint') return x.toString();
  return String(x);
}

/** Source and key names in natural order (…/2 before …/10). */
export const naturally = new Intl.Collator('en', { numeric: true }).compare; // one collator: localeCompare with options builds one per call

/** Nanoseconds since the epoch (a uint64 as text) as ISO 8601 UTC. */
export function nsToUtc(ns: string): string {
  const ms = Number(BigInt(ns) / 1_000_000n);
  return new Date(ms).toISOString();
}

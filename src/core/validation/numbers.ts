// Exact integers for index arithmetic: INDEX and timestamps are uint64, and a message
// like "Gaps (1) in index, e.g. at 18 (18 + 1 < 35)" must print them exactly.
import type { ArrayValue } from '../h5/dtypes';

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

/** A shape as Python prints a tuple: (15,), (2, 3), (). */
export function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

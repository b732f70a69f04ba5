// Python slicing: a [start, stop, step] triple (any part optional, negative indices
// counting from the end) resolved against a length.

export type PySlice = [start?: number | null, stop?: number | null, step?: number | null];

/** The (start, stop, step) Python's slice.indices(length) gives. */
export function sliceIndices(slice: PySlice, length: number): [number, number, number] {
  const step = slice[2] ?? 1;
  if (step === 0) throw new RangeError('slice step cannot be zero');
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const resolve = (v: number | null | undefined, dflt: number, lo: number, hi: number) => {
    if (v === null || v === undefined) return dflt;
    return clamp(v < 0 ? v + length : v, lo, hi);
  };
  if (step > 0) return [resolve(slice[0], 0, 0, length), resolve(slice[1], length, 0, length), step];
  return [resolve(slice[0], length - 1, -1, length - 1), resolve(slice[1], -1, -1, length - 1), step];
}

/** The positions a slice selects from a sequence of this length, in slice order. */
export function slicePositions(slice: PySlice, length: number): number[] {
  const [start, stop, step] = sliceIndices(slice, length);
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

/** One index, negative counting from the end; throws like Python's IndexError when out of range. */
export function resolveIndex(i: number, length: number): number {
  const j = i < 0 ? i + length : i;
  if (!Number.isInteger(j) || j < 0 || j >= length) throw new RangeError(`index ${i} is out of range for ${length} trains`);
  return j;
}

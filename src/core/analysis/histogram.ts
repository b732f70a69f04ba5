// numpy.histogram's equal-width bins: half-open [a, b) except the last, which includes its
// right edge. NaN values are left out (numpy would refuse them; the app's data has gaps).

export interface Histogram {
  counts: Float64Array;
  /** bins + 1 edges. */
  edges: Float64Array;
}

export function histogram(values: ArrayLike<number>, options: { bins?: number; range?: [number, number] } = {}): Histogram {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins should be a positive integer, got ${bins}`);
  let [lo, hi] = options.range ?? finiteRange(values);
  // numpy widens an empty range by ±0.5
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    let b = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
    // Rounding can put a value on the wrong side of an edge: numpy compares with the edges
    if (b > 0 && v < edges[b]) b--;
    else if (b < bins - 1 && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return { counts, edges };
}

function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

// What the contrast controls need from an image, computed off the main thread: a sorted
// sample of its finite values (any percentile is then a lookup) and a histogram.

const SAMPLE = 65536;
const BINS = 128;

export interface ImageStats {
  /** Finite values, sorted; every value when the image is small, else an even sample. */
  sorted: Float32Array;
  min: number;
  max: number;
  histogram: Float64Array;
  nanCount: number;
}

export function imageStats(values: Float32Array): ImageStats {
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      finite++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const step = Math.max(1, Math.floor(finite / SAMPLE));
  const sample: number[] = [];
  const histogram = new Float64Array(BINS);
  const width = max > min ? (max - min) / BINS : 1;
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (seen++ % step === 0) sample.push(v);
    histogram[Math.min(BINS - 1, Math.floor((v - min) / width))]++;
  }
  const sorted = Float32Array.from(sample).sort();
  return { sorted, min: finite ? min : 0, max: finite ? max : 0, histogram, nanCount: values.length - finite };
}

export function percentile(sorted: Float32Array, p: number): number {
  if (!sorted.length) return 0;
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

// What the contrast controls need from an image, computed off the main thread: a fine
// histogram of its finite values (percentiles come from its cumulative counts, no sort)
// and a coarse one to draw.

const FINE_BINS = 4096;
const SHOWN_BINS = 128;

export interface ImageStats {
  min: number;
  max: number;
  /** Finite values counted in FINE_BINS equal bins over [min, max]. */
  fine: Uint32Array;
  finiteCount: number;
  /** The same in SHOWN_BINS bins, for the histogram under the contrast controls. */
  histogram: Float64Array;
  nanCount: number;
}

export function imageStats(values: Float32Array): ImageStats {
  let min = Infinity;
  let max = -Infinity;
  let finiteCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) { // finite: NaN and ±Inf give NaN
      finiteCount++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!finiteCount) min = max = 0;
  const fine = new Uint32Array(FINE_BINS);
  const scale = max > min ? FINE_BINS / (max - min) : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) fine[Math.min(FINE_BINS - 1, ((v - min) * scale) | 0)]++;
  }
  const histogram = new Float64Array(SHOWN_BINS);
  const per = FINE_BINS / SHOWN_BINS;
  for (let b = 0; b < FINE_BINS; b++) histogram[(b / per) | 0] += fine[b];
  return { min, max, fine, finiteCount, histogram, nanCount: values.length - finiteCount };
}

/** The p-th percentile (0–100) of the finite values, to within one fine bin. */
export function percentile(stats: ImageStats, p: number): number {
  const { fine, finiteCount, min, max } = stats;
  if (!finiteCount || max === min) return min;
  const target = (Math.min(Math.max(p, 0), 100) / 100) * finiteCount;
  const width = (max - min) / fine.length;
  let seen = 0;
  for (let b = 0; b < fine.length; b++) {
    if (seen + fine[b] >= target && fine[b] > 0) return min + (b + (target - seen) / fine[b]) * width;
    seen += fine[b];
  }
  return max;
}

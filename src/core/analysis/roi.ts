// A rectangular region of interest on images (assembled, or one module of module data):
// its sum or mean per frame, then per train. NaN pixels (assembly gaps, missing modules)
// are skipped, as numpy's nansum / nanmean.
import type { ArrayValue, NumericArray } from '../h5/dtypes';
import type { Reduction } from './waveform';

/** Pixel ranges, half-open: rows y0 ≤ y < y1, columns x0 ≤ x < x1 of the last two axes. */
export interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * One value per image of `images` (…, ny, nx); with `module`, images are (…, modules, ss, fs)
 * and the region is taken on that module. A region with no finite pixel gives NaN (where
 * nansum would give 0: an empty region is not a zero signal).
 */
export function roiSeries(images: ArrayValue<NumericArray>, rect: Rect, how: Reduction, options: { module?: number } = {}): Float64Array {
  const shape = images.shape;
  const [ny, nx] = shape.slice(-2);
  const nModules = options.module === undefined ? 1 : shape.at(-3)!;
  if (options.module !== undefined && (options.module < 0 || options.module >= nModules)) throw new RangeError(`module ${options.module} is not in 0–${nModules - 1}`);
  const [y0, y1, x0, x1] = rectBounds(rect, ny, nx);
  const imageSize = ny * nx;
  const n = images.data.length / (imageSize * nModules);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const base = (k * nModules + (options.module ?? 0)) * imageSize;
    let sum = 0;
    let count = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const v = Number(images.data[base + y * nx + x]);
        if (Number.isNaN(v)) continue;
        sum += v;
        count++;
      }
    }
    out[k] = finish(sum, count, how);
  }
  return out;
}

/** Per-pulse values (trains × pulses, C order) reduced to one per train, NaN skipped. */
export function perTrain(values: Float64Array, nPulses: number, how: Reduction): Float64Array {
  const nTrains = values.length / nPulses;
  const out = new Float64Array(nTrains);
  for (let t = 0; t < nTrains; t++) {
    let sum = 0;
    let count = 0;
    for (let p = 0; p < nPulses; p++) {
      const v = values[t * nPulses + p];
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
    }
    out[t] = finish(sum, count, how);
  }
  return out;
}

/** The sum or mean of `count` finite values; NaN when there were none. */
function finish(sum: number, count: number, how: Reduction): number {
  return count ? (how === 'sum' ? sum : sum / count) : NaN;
}

/** The rectangle's rows [y0, y1) and columns [x0, x1) on an ny × nx image: rounded, clipped to it. */
export function rectBounds(rect: Rect, ny: number, nx: number): [number, number, number, number] {
  return [clamp(rect.y0, ny), clamp(rect.y1, ny), clamp(rect.x0, nx), clamp(rect.x1, nx)];
}

function clamp(v: number, n: number): number {
  return Math.max(0, Math.min(n, Math.round(v)));
}

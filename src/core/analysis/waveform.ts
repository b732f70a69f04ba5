// Digitizer / PES spectra (docs 3.15.2): a waveform key (trains × samples) summed or
// averaged over trains, in float64 so long runs of int16 samples neither overflow nor round.
import type { ArrayValue, NumericArray } from '../h5/dtypes';

export type Reduction = 'sum' | 'mean';

/** Per sample, the sum or mean over the train axis (axis 0) of any (trains, …) array. */
export function reduceOverTrains(waveforms: ArrayValue<NumericArray>, how: Reduction): ArrayValue<Float64Array> {
  const acc = new TrainAccumulator();
  acc.add(waveforms);
  return acc.result(how);
}

/**
 * The same sum fed a few trains at a time (a long run read in chunks): rows are added in
 * train order either way, so the result is identical to one pass over all trains.
 */
export class TrainAccumulator {
  private sum: Float64Array | null = null;
  private entryShape: number[] = [];
  nTrains = 0;

  add(chunk: ArrayValue<NumericArray>): void {
    const [nT, ...rest] = chunk.shape;
    const size = rest.reduce((a, b) => a * b, 1);
    if (!this.sum) {
      this.sum = new Float64Array(size);
      this.entryShape = rest;
    } else if (size !== this.sum.length) {
      throw new RangeError(`entries of (${rest.join(', ')}) cannot be added to (${this.entryShape.join(', ')})`);
    }
    const out = this.sum;
    const src = chunk.data;
    for (let t = 0; t < nT; t++) {
      const row = t * size;
      for (let i = 0; i < size; i++) out[i] += Number(src[row + i]);
    }
    this.nTrains += nT;
  }

  result(how: Reduction): ArrayValue<Float64Array> {
    const out = Float64Array.from(this.sum ?? []);
    if (how === 'mean') for (let i = 0; i < out.length; i++) out[i] /= this.nTrains;
    return { data: out, shape: this.entryShape, dtype: 'float64' };
  }
}

/** Scaled so the largest |value| is 1 (0 stays 0): two channels of different gain on one plot. */
export function normalisePeak(values: ArrayLike<number>): Float64Array {
  let peak = 0;
  for (let i = 0; i < values.length; i++) peak = Math.max(peak, Math.abs(values[i]));
  return Float64Array.from(values, (v) => (peak ? v / peak : v));
}

/** Two arrays restricted to the trains both have (xarray.align(join='inner')), e.g. two PES channels. */
export function alignTrains<T extends ArrayValue<NumericArray> & { coords: { trainId: number[] } }>(a: T, b: T): [T, T] {
  const common = new Set(b.coords.trainId.filter((t) => a.coords.trainId.includes(t)));
  return [keepTrains(a, common), keepTrains(b, common)];
}

function keepTrains<T extends ArrayValue<NumericArray> & { coords: { trainId: number[] } }>(a: T, keep: ReadonlySet<number>): T {
  const size = a.shape.slice(1).reduce((x, y) => x * y, 1);
  const rows = a.coords.trainId.flatMap((t, i) => (keep.has(t) ? [i] : []));
  const data = new (a.data.constructor as { new (n: number): NumericArray })(rows.length * size);
  rows.forEach((r, i) => (data as Float64Array).set((a.data as Float64Array).subarray(r * size, (r + 1) * size), i * size));
  return { ...a, data, shape: [rows.length, ...a.shape.slice(1)], coords: { ...a.coords, trainId: rows.map((r) => a.coords.trainId[r]) } };
}

// Digitizer / PES spectra (docs 3.15.2): a waveform key (trains × samples) summed or
// averaged over trains, in float64 so long runs of int16 samples neither overflow nor round.
import type { ArrayValue, NumericArray } from '../h5/dtypes';

export type Reduction = 'sum' | 'mean';

/** Per sample, the sum or mean over the train axis (axis 0) of any (trains, …) array. */
export function reduceOverTrains(waveforms: ArrayValue<NumericArray>, how: Reduction): ArrayValue<Float64Array> {
  const [nT, ...rest] = waveforms.shape;
  const size = rest.reduce((a, b) => a * b, 1);
  const out = new Float64Array(size);
  const src = waveforms.data;
  for (let t = 0; t < nT; t++) {
    const row = t * size;
    for (let i = 0; i < size; i++) out[i] += Number(src[row + i]);
  }
  if (how === 'mean') for (let i = 0; i < size; i++) out[i] /= nT;
  return { data: out, shape: rest, dtype: 'float64' };
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

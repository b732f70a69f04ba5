// Dark subtraction before assembly: the per-pulse (or per-cell) mean of a dark selection,
// from detectorPulseMean, taken from a frame of module images (getFrame's [module, ss, fs]).
import type { ArrayValue } from '../h5/dtypes';
import type { PulseMean } from './detectorMean';

/**
 * frame − dark, module by module. `groupId` says which dark image applies: a pulse ID (or cell
 * ID, with a dark averaged by cell) for all modules, or one per module slot. A module with no
 * dark for it becomes NaN rather than silently raw. Frames with several planes per pixel (AGIPD
 * raw: data, gain) subtract `plane` of the dark (default 0, the data).
 */
export function subtractDark(frame: ArrayValue<Float32Array>, dark: PulseMean, groupId: number | readonly number[], options: { plane?: number } = {}): ArrayValue<Float32Array> {
  const [nSlots, ss, fs] = frame.shape;
  const size = ss * fs;
  const darkFrameSize = dark.shape.slice(2).reduce((a, b) => a * b, 1);
  const planeOffset = (options.plane ?? 0) * size;
  if (dark.shape.slice(-2).join() !== [ss, fs].join() || planeOffset + size > darkFrameSize) {
    throw new RangeError(`dark frames of (${dark.shape.slice(2).join(', ')}) do not fit module images of (${ss}, ${fs}) at plane ${options.plane ?? 0}`);
  }
  const out = new Float32Array(frame.data.length);
  for (let m = 0; m < nSlots; m++) {
    const id = typeof groupId === 'number' ? groupId : groupId[m];
    const mi = dark.modules.indexOf(m);
    const pi = dark.pulses.indexOf(id);
    const at = m * size;
    if (mi < 0 || pi < 0 || !dark.counts[mi * dark.pulses.length + pi]) {
      out.fill(NaN, at, at + size);
      continue;
    }
    const d = (mi * dark.pulses.length + pi) * darkFrameSize + planeOffset;
    for (let i = 0; i < size; i++) out[at + i] = frame.data[at + i] - dark.data[d + i];
  }
  return { data: out, shape: frame.shape, dtype: 'float32' };
}

/**
 * The dark image to subtract from a mean of frames of one module: the dark's images of the
 * groups the frames came from, weighted by how many came from each (`groupCounts`: pulse or
 * cell ID → frames, as the dark was grouped). mean(frame − dark[group]) = mean(frame) − this.
 * NaN where the dark lacks the module or one of the groups (never silently raw).
 */
export function darkOfMean(dark: PulseMean, module: number, groupCounts: ReadonlyMap<number, number>, options: { plane?: number } = {}): Float32Array {
  const [ss, fs] = dark.shape.slice(-2);
  const size = ss * fs;
  const darkFrameSize = dark.shape.slice(2).reduce((a, b) => a * b, 1);
  const planeOffset = (options.plane ?? 0) * size;
  const out = new Float32Array(size);
  const mi = dark.modules.indexOf(module);
  let total = 0;
  const acc = new Float64Array(size);
  for (const [id, n] of groupCounts) {
    const pi = dark.pulses.indexOf(id);
    if (mi < 0 || pi < 0 || !dark.counts[mi * dark.pulses.length + pi]) return out.fill(NaN);
    const d = (mi * dark.pulses.length + pi) * darkFrameSize + planeOffset;
    for (let i = 0; i < size; i++) acc[i] += n * dark.data[d + i];
    total += n;
  }
  if (!total) return out.fill(NaN);
  for (let i = 0; i < size; i++) out[i] = acc[i] / total;
  return out;
}

// A rectangle of the assembled (snapped) image, taken on module data instead: which module
// pixels the assembly puts inside it, and their sum per frame read straight from the files.
// Only the modules the rectangle touches are read, and nothing is assembled, so a region of
// interest over thousands of trains costs a fraction of assembling every frame.
import type { DataCollection } from '../data/dataCollection';
import { byId } from '../data/trainSelectors';
import type { DetectorGeometry } from '../geometry/detectorGeometry';
import { rectBounds, type Rect } from './roi';
import type { PulseMeanTask } from './detectorMean';
import type { ReadBuffers } from './readBuffers';

/**
 * The snapped assembly of each pixel's flat index (module·ss·fs), NaN in gaps: which module
 * pixel every assembled pixel shows.
 */
export function assembledPixelIndex(geom: DetectorGeometry): { index: Float32Array; shape: [number, number] } {
  const [nModules, ss, fs] = geom.expectedDataShape;
  const flat = new Float32Array(nModules * ss * fs);
  for (let i = 0; i < flat.length; i++) flat[i] = i;
  const out = geom.positionModulesFast({ data: flat, shape: [nModules, ss, fs], dtype: 'float32' });
  return { index: out.image.data as Float32Array, shape: out.image.shape.slice(-2) as [number, number] };
}

/** Per module, the flat (ss·fs) indices of its pixels that land inside `rect` of the snapped assembly. */
export function roiModulePixels(geom: DetectorGeometry, rect: Rect): Map<number, Int32Array> {
  const [, ss, fs] = geom.expectedDataShape;
  const { index: image, shape: [ny, nx] } = assembledPixelIndex(geom);
  const [y0, y1, x0, x1] = rectBounds(rect, ny, nx);
  const byModule = new Map<number, number[]>();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const index = image[y * nx + x];
      if (Number.isNaN(index)) continue; // a gap between tiles
      const module = Math.floor(index / (ss * fs));
      let list = byModule.get(module);
      if (!list) byModule.set(module, (list = []));
      list.push(index - module * ss * fs);
    }
  }
  return new Map([...byModule].sort(([a], [b]) => a - b).map(([m, list]) => [m, Int32Array.from(list)]));
}

/** A task's frames, each with its train, position in the train, pulse and cell ID, and the ROI's sum and finite-pixel count. */
export interface RoiFrameSums {
  module: number;
  trainIds: Float64Array;
  pulseIndex: Uint32Array;
  pulseIds: Float64Array;
  cellIds: Float64Array;
  sums: Float64Array;
  counts: Uint32Array;
}

/** Sums `pixels` of `plane` (AGIPD raw: 0 data, 1 gain) in every frame of one task's trains of one module. */
export function roiSumsOfTask(data: DataCollection, task: PulseMeanTask, pixels: Int32Array, options: { key?: string; plane?: number } = {}, buffers?: ReadBuffers): RoiFrameSums {
  const key = options.key ?? 'image.data';
  const hasCells = data.keysForSource(task.source).has('image.cellId');
  const view = data.select({ [task.source]: [key, 'image.pulseId', ...(hasCells ? ['image.cellId'] : [])] }).selectTrains(byId.list(task.trainIds));
  const frames = buffers ? buffers.getArray(view, task.source, key) : view.getArray(task.source, key);
  const entry = frames.shape.slice(1);
  const frameSize = entry.reduce((a, b) => a * b, 1);
  const planeSize = entry.slice(-2).reduce((a, b) => a * b, 1);
  const offset = (options.plane ?? 0) * planeSize;
  if (offset + planeSize > frameSize) throw new RangeError(`${task.source}: no plane ${options.plane} in frames of (${entry.join(', ')})`);
  const n = frames.shape[0];
  const values = frames.data as ArrayLike<number>;
  const sums = new Float64Array(n);
  const counts = new Uint32Array(n);
  for (let f = 0; f < n; f++) {
    const base = f * frameSize + offset;
    let sum = 0;
    let count = 0;
    for (let k = 0; k < pixels.length; k++) {
      const v = Number(values[base + pixels[k]]);
      if (v !== v) continue;
      sum += v;
      count++;
    }
    sums[f] = sum;
    counts[f] = count;
  }
  const tids = frames.coords.trainId;
  const pulseIndex = new Uint32Array(n);
  for (let f = 1; f < n; f++) pulseIndex[f] = tids[f] === tids[f - 1] ? pulseIndex[f - 1] + 1 : 0;
  const ids = (k: string) => Float64Array.from(view.getArray(task.source, k).data as ArrayLike<number | bigint>, Number);
  return {
    module: task.module,
    trainIds: Float64Array.from(tids),
    pulseIndex,
    pulseIds: ids('image.pulseId'),
    cellIds: hasCells ? ids('image.cellId') : new Float64Array(n).fill(NaN),
    sums,
    counts,
  };
}

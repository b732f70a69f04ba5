// One train's frames of every module of a detector, read once and kept while the user
// steps through pulses; frames picked or averaged per module before assembling.
// Only the wanted plane (AGIPD raw: data or gain) is read, and kept in its stored dtype.
import { byId, type DataCollection } from '../core/index';
import type { DetectorGroup } from './detectors';

type PixelArray = Float32Array | Float64Array | Uint16Array | Int16Array | Uint8Array | Int8Array | Uint32Array | Int32Array;

export interface ModuleFrames {
  /** [frames, ss, fs] as stored (uint16 raw, float32 calibrated). */
  data: PixelArray;
  frames: number;
  pulseIds: number[];
  cellIds: number[];
}

export interface TrainFrames {
  trainId: number;
  modules: Array<ModuleFrames | null>;
  moduleShape: [number, number];
}

export interface FrameReadOptions {
  /** 0: data, 1: AGIPD raw's gain plane (a detector without planes ignores it). */
  plane: number;
  /** Calibrated data: pixels where `image.mask` is non-zero become NaN. */
  applyMask: boolean;
}

/** Reads image.data (one plane), image.pulseId and image.cellId of one train for each module. */
export function readTrainFrames(
  run: DataCollection, det: DetectorGroup, trainId: number, nModules: number, moduleShape: [number, number], opts: FrameReadOptions,
): TrainFrames {
  const key = 'image.data';
  const sel = run.selectTrains(byId.list([trainId]));
  const [ss, fs] = moduleShape;
  const modules = Array.from({ length: nModules }, (_, m): ModuleFrames | null => {
    const src = det.sources[m];
    if (!src) return null;
    // An empty slice of the first entry axis reads nothing but tells the entry's rank.
    const probe = sel.getArray(src, key, { roi: [[0, 0]] });
    const frames = probe.shape[0];
    if (!frames) return null;
    const hasPlanes = probe.shape.length === 4;
    let a = hasPlanes ? sel.getArray(src, key, { roi: [[opts.plane, opts.plane + 1]] }) : sel.getArray(src, key);
    if (hasPlanes && a.data.length === 0) a = sel.getArray(src, key, { roi: [[0, 1]] }); // one plane only (LPD, DSSC)
    if (a.shape.at(-2) !== ss || a.shape.at(-1) !== fs) {
      throw new Error(`${src} ${key}: frames of (${a.shape.slice(1)}) do not fit a module of (${ss}, ${fs})`);
    }
    let data = a.data as PixelArray;
    if (opts.applyMask && run.keysForSource(src).has('image.mask')) {
      const mask = sel.getArray(src, 'image.mask').data as ArrayLike<number>;
      if (mask.length === data.length) {
        data = data instanceof Float32Array ? data : Float32Array.from(data);
        for (let i = 0; i < data.length; i++) if (mask[i]) data[i] = NaN;
      }
    }
    const ids = (k: string) => Array.from(sel.getArray(src, k).data as ArrayLike<number | bigint>, Number);
    return { data, frames, pulseIds: ids('image.pulseId'), cellIds: ids('image.cellId') };
  });
  return { trainId, modules, moduleShape };
}

export type FramePick = { kind: 'index' | 'pulseId' | 'cellId'; value: number } | { kind: 'mean' };

/**
 * The modules' data for one pulse (or the mean over the train's pulses) as [modules, ss, fs];
 * a module missing the train or that pulse is NaN, drawn as a gap.
 */
export function pickModules(t: TrainFrames, pick: FramePick): Float32Array {
  const [ss, fs] = t.moduleShape;
  const frame = ss * fs;
  const out = new Float32Array(t.modules.length * frame).fill(NaN);
  t.modules.forEach((m, i) => {
    if (!m) return;
    const dst = out.subarray(i * frame, (i + 1) * frame);
    if (pick.kind === 'mean') {
      dst.fill(0);
      for (let f = 0; f < m.frames; f++) {
        const src = m.data.subarray(f * frame, (f + 1) * frame);
        for (let p = 0; p < frame; p++) dst[p] += src[p];
      }
      for (let p = 0; p < frame; p++) dst[p] /= m.frames;
      return;
    }
    const f = pick.kind === 'index' ? pick.value : (pick.kind === 'pulseId' ? m.pulseIds : m.cellIds).indexOf(pick.value);
    if (f >= 0 && f < m.frames) dst.set(m.data.subarray(f * frame, (f + 1) * frame));
  });
  return out;
}

/** Frames per train (the most any module has) and their pulse IDs, for the pulse selector. */
export function pulsesOf(t: TrainFrames): { framesPerTrain: number; pulseIds: number[] } {
  const best = t.modules.reduce<ModuleFrames | null>((a, m) => (m && (!a || m.frames > a.frames) ? m : a), null);
  return { framesPerTrain: best?.frames ?? 0, pulseIds: best?.pulseIds ?? [] };
}

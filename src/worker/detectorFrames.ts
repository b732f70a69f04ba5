// One train's frames of every module of a detector, read once and kept while the user
// steps through pulses; frames picked or averaged per module before assembling.
import { byId, type DataCollection } from '../core/index';
import type { DetectorGroup } from './detectors';

export interface ModuleFrames {
  /** [frames, planes, ss, fs] as float32 (planes: AGIPD raw's data + gain; else 1). */
  data: Float32Array;
  frames: number;
  planes: number;
  pulseIds: number[];
  cellIds: number[];
}

export interface TrainFrames {
  trainId: number;
  modules: Array<ModuleFrames | null>;
  moduleShape: [number, number];
}

/**
 * Reads image.data and image.pulseId of one train for each module; a module without it is null.
 * With `applyMask` (calibrated data), pixels where `image.mask` is non-zero become NaN.
 */
export function readTrainFrames(
  run: DataCollection, det: DetectorGroup, trainId: number, nModules: number, moduleShape: [number, number], applyMask: boolean,
): TrainFrames {
  const key = 'image.data';
  const sel = run.selectTrains(byId.list([trainId]));
  const [ss, fs] = moduleShape;
  const modules = Array.from({ length: nModules }, (_, m): ModuleFrames | null => {
    const src = det.sources[m];
    if (!src) return null;
    const a = sel.getArray(src, key);
    const frames = a.shape[0];
    if (!frames) return null;
    const planes = a.shape.slice(1, -2).reduce((x, y) => x * y, 1);
    if (a.shape.at(-2) !== ss || a.shape.at(-1) !== fs) {
      throw new Error(`${src} ${key}: frames of (${a.shape.slice(1)}) do not fit a module of (${ss}, ${fs})`);
    }
    const ids = (k: string) => Array.from(sel.getArray(src, k).data as ArrayLike<number | bigint>, Number);
    const data = Float32Array.from(a.data as ArrayLike<number>);
    if (applyMask && run.keysForSource(src).has('image.mask')) {
      const mask = sel.getArray(src, 'image.mask').data as ArrayLike<number>;
      if (mask.length === data.length) for (let i = 0; i < data.length; i++) if (mask[i]) data[i] = NaN;
    }
    return { data, frames, planes, pulseIds: ids('image.pulseId'), cellIds: ids('image.cellId') };
  });
  return { trainId, modules, moduleShape };
}

export type FramePick = { kind: 'index' | 'pulseId' | 'cellId'; value: number; plane: number } | { kind: 'mean'; plane: number };

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
    const plane = Math.min(pick.plane, m.planes - 1);
    const at = (f: number) => (f * m.planes + plane) * frame;
    const dst = out.subarray(i * frame, (i + 1) * frame);
    if (pick.kind === 'mean') {
      dst.fill(0);
      for (let f = 0; f < m.frames; f++) {
        const src = m.data.subarray(at(f), at(f) + frame);
        for (let p = 0; p < frame; p++) dst[p] += src[p];
      }
      for (let p = 0; p < frame; p++) dst[p] /= m.frames;
      return;
    }
    const f = pick.kind === 'index' ? pick.value : (pick.kind === 'pulseId' ? m.pulseIds : m.cellIds).indexOf(pick.value);
    if (f >= 0 && f < m.frames) dst.set(m.data.subarray(at(f), at(f) + frame));
  });
  return out;
}

/** Frames per train (the most any module has) and their pulse IDs, for the pulse selector. */
export function pulsesOf(t: TrainFrames): { framesPerTrain: number; pulseIds: number[] } {
  const best = t.modules.reduce<ModuleFrames | null>((a, m) => (m && (!a || m.frames > a.frames) ? m : a), null);
  return { framesPerTrain: best?.frames ?? 0, pulseIds: best?.pulseIds ?? [] };
}

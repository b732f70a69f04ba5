// Detector frames for the viewer through the core's detector components: each pulse is
// read as one small hyperslab per module (getFrame), so memory stays flat whatever the
// number of pulses in a train; means are accumulated frame by frame. The last few frames
// are kept, and the next pulse is read ahead while the user looks at this one.
import { byId, type DataCollection, type MultiModuleDetector } from '../core/index';
import { detectorComponent, type DetectorGroup } from './detectors';

export interface FrameReadOptions {
  /** 0: data, 1: AGIPD raw's gain plane. */
  plane: number;
  /** Calibrated data: pixels where `image.mask` is non-zero become NaN. */
  applyMask: boolean;
}

/** 8 AGIPD frames: 32 MB. */
const RECENT_FRAMES = 8;

export type FramePick = { kind: 'index' | 'pulseId' | 'cellId'; value: number } | { kind: 'mean' };

export class DetectorFrames {
  private readonly component: MultiModuleDetector;
  private readonly ids = new Map<string, number[]>();
  /** Recently read frames (LRU, by train/pulse/plane/mask); handed out as copies. */
  private readonly recent = new Map<string, Float32Array>();
  /** Trains in which some module has frames: the others are all gaps. */
  private readonly withFrames: Set<number>;

  constructor(private readonly run: DataCollection, private readonly det: DetectorGroup) {
    this.component = detectorComponent(run, det);
    this.withFrames = new Set(this.component.trainIds);
  }

  /**
   * [modules, ss, fs] float32 for one pulse or the train's mean; NaN for a missing module or
   * pulse. `copy` false gives a kept frame itself, for a caller that only reads it.
   */
  pick(trainId: number, pick: FramePick, opts: FrameReadOptions, copy = true): Float32Array {
    if (!this.withFrames.has(trainId)) return this.gaps();
    if (pick.kind === 'mean') return this.trainMean(trainId, opts);
    const index = pick.kind === 'index' ? pick.value
      : (pick.kind === 'pulseId' ? this.pulseIds(trainId) : this.cellIds(trainId)).indexOf(pick.value);
    if (index < 0) return this.gaps();
    const frame = this.frame(trainId, index, opts);
    if (index + 1 < this.pulseIds(trainId).length) setTimeout(() => this.frame(trainId, index + 1, opts), 0);
    return copy ? frame.slice() : frame;
  }

  /** The first train after this one in which some module has frames, or null. */
  nextTrainWithFrames(trainId: number): number | null {
    return this.component.trainIds.find((t) => t > trainId) ?? null;
  }

  pulseIds(trainId: number): number[] {
    return this.cached(`p${trainId}`, () => (this.withFrames.has(trainId) ? this.component.pulseIdsOf(trainId) : []));
  }

  /** Cell IDs of a train's frames, from the first module that has the train. */
  cellIds(trainId: number): number[] {
    return this.cached(`c${trainId}`, () => {
      const sel = this.run.selectTrains(byId.list([trainId]));
      for (const src of Object.values(this.det.sources)) {
        const a = sel.getArray(src, 'image.cellId');
        if (a.data.length) return Array.from(a.data as ArrayLike<number | bigint>, Number);
      }
      return [];
    });
  }

  /** A frame as kept in the cache: callers that hand it out must copy it. */
  private frame(trainId: number, index: number, { plane, applyMask }: FrameReadOptions): Float32Array {
    const key = `${trainId}/${index}/${plane}/${applyMask}`;
    const hit = this.recent.get(key);
    if (hit) {
      this.recent.delete(key);
      this.recent.set(key, hit);
      return hit;
    }
    const data = this.component.getFrame(trainId, index, { plane }).data;
    if (applyMask) {
      const mask = this.component.getFrame(trainId, index, { key: 'image.mask' }).data;
      for (let i = 0; i < data.length; i++) if (mask[i]) data[i] = NaN;
    }
    this.recent.set(key, data);
    if (this.recent.size > RECENT_FRAMES) this.recent.delete(this.recent.keys().next().value!);
    return data;
  }

  /** The mean of the train's frames pixel by pixel, over the frames where the pixel is not NaN (masked, missing module). */
  private trainMean(trainId: number, opts: FrameReadOptions): Float32Array {
    const n = this.pulseIds(trainId).length;
    if (!n) return this.gaps();
    let sum: Float64Array | null = null;
    let counts: Uint16Array | null = null;
    for (let p = 0; p < n; p++) {
      const f = this.frame(trainId, p, opts);
      sum ??= new Float64Array(f.length);
      counts ??= new Uint16Array(f.length);
      for (let i = 0; i < f.length; i++) {
        if (f[i] !== f[i]) continue;
        sum[i] += f[i];
        counts[i]++;
      }
    }
    return Float32Array.from(sum!, (v, i) => (counts![i] ? v / counts![i] : NaN));
  }

  private gaps(): Float32Array {
    const [ss, fs] = this.component.spec.moduleShape;
    return new Float32Array(this.component.spec.nModules * ss * fs).fill(NaN);
  }

  private cached(key: string, read: () => number[]): number[] {
    if (!this.ids.has(key)) this.ids.set(key, read());
    return this.ids.get(key)!;
  }
}

/**
 * Assembled images (with their stats) read ahead, by request: the next pulse step is
 * answered at once instead of after a read, an assembly and a histogram. Read-ahead runs
 * one image per task, so a request from the page waits for one at most.
 */
export class AssembledFrames<T extends { image: Float32Array }> {
  private readonly kept = new Map<string, T>();
  private queue: Array<{ key: string; make: () => T }> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly capacity: number) {}

  /** The image for `key` if it is kept, handed over (no longer kept: it is about to be transferred). */
  take(key: string): T | undefined {
    const hit = this.kept.get(key);
    this.kept.delete(key);
    return hit;
  }

  /** Replaces what is waiting to be read ahead (the user moved on). */
  readAhead(items: Array<{ key: string; make: () => T }>): void {
    this.queue = items.filter((i) => !this.kept.has(i.key)).slice(0, this.capacity - 1);
    this.timer ??= setTimeout(() => this.next(), 0);
  }

  clear(): void {
    this.kept.clear();
    this.queue = [];
  }

  private next(): void {
    this.timer = null;
    const item = this.queue.shift();
    if (!item) return;
    if (!this.kept.has(item.key)) {
      try {
        this.keep(item.key, item.make());
      } catch {
        // read ahead only: the request itself reports the error
      }
    }
    if (this.queue.length) this.timer = setTimeout(() => this.next(), 0);
  }

  private keep(key: string, value: T): void {
    this.kept.set(key, value);
    while (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }
}

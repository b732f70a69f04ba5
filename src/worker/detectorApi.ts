// Detector images beside the viewer's API: frames assembled with a kept geometry (read
// ahead, into images the page gives back), darks, and the reductions over many trains
// (per-pulse means, ROI series) on the viewer's Worker pool, one at a time.
import { proxyMarker } from 'comlink';
import {
  byId, byIndex, darkOfMean, roiModulePixels,
  type DataCollection, type DetectorGeometry, type PulseMean, type Rect, type Reduction,
} from '../core/index';
import { detectorComponent, type DetectorGroup } from './detectors';
import { imageStats } from './imageStats';
import { AssembledFrames, DetectorFrames, type FramePick } from './detectorFrames';
import { applyDark, computeDark, type Dark, type DarkBy, type DarkInfo } from './darkFrames';
import { filesOf, meanModules, reducePulseMean, type ReduceJob } from './pulseMeans';
import { roiOverTrains, type RoiResult } from './roiOverTrains';
import type { TaskPool } from './pool/taskPool';
import type { ReductionApi } from './pool/reductionTasks';
import type {
  FrameRequest, FrameResult, ModulesResult, TrainMeanInfo, TrainMeanRequest, MeanImageRequest, RoiRequest,
} from './types';

/** What this API needs of an open run. */
export interface DetectorRun {
  run: DataCollection;
  detectors: DetectorGroup[];
  /** What the run was opened from: pool workers open its files again. */
  files: File[] | string;
}

/** What a per-pulse mean may hold (float64 sums while adding, float32 means): beyond it, the user picks fewer pulses. */
const MEAN_BUDGET_BYTES = 3e9;

export class DetectorApi {
  /** Reached as `api().detector.method()` through comlink, typed as a remote object. */
  readonly [proxyMarker] = true as const;
  /** One frame reader per run and detector (its INDEX spans are worked out once). */
  private frameReaders = new Map<string, DetectorFrames>();
  /** Assembled images read ahead (8 AGIPD images: 44 MB), and images the page gave back to assemble into. */
  private assembledFrames = new AssembledFrames<FrameResult>(8);
  private spareImages: Float32Array[] = [];
  /** Dark means subtracted before assembly, by run/detector (darkFrames.ts). */
  private darks = new Map<string, Dark>();
  private assembledShapes = new WeakMap<DetectorGeometry, number[]>();
  /** The reduction running on the pool, for cancel(). */
  private reducing: AbortController | null = null;
  /** Per-pulse means over a train range, by run/detector, shown pulse by pulse. */
  private trainMeans = new Map<string, { mean: PulseMean; info: TrainMeanInfo }>();

  /** `pool`: the viewer's (shared with opening runs); null: reductions run in this thread. */
  constructor(
    private readonly runOf: (runId: number) => DetectorRun,
    private readonly geomOf: (geometryId: number) => DetectorGeometry,
    private readonly pool: TaskPool<ReductionApi> | null,
  ) {}

  /**
   * One pulse (or the mean over a train's pulses) of all modules, assembled on the snapped
   * pixel grid. The train's other pulses and the next train are then read ahead. `spare`:
   * images the page no longer shows, sent back to assemble into (a fresh 5 MB array per
   * pulse costs a worker tens of ms in allocation and garbage collection).
   */
  frame(runId: number, req: FrameRequest, spare: Float32Array[] = []): FrameResult {
    this.spareImages = [...spare, ...this.spareImages].slice(0, 4);
    // A kept image is handed over, not copied: it is transferred (detached here)
    const frame = this.assembledFrames.take(assembledKey(runId, req)) ?? this.assembleFrame(runId, req);
    this.assembledFrames.readAhead(this.framesAhead(runId, req));
    return frame;
  }

  /** The same pulse as frame(), not assembled: [modules, ss, fs], for drawing tiles at their exact positions. */
  modules(runId: number, req: FrameRequest): ModulesResult {
    const { modules, geom, framesPerTrain, pulseIds } = this.pickFrame(runId, req);
    const [, ss, fs] = geom.expectedDataShape;
    return { modules, moduleShape: [ss, fs], stats: imageStats(modules), trainId: req.trainId, pulse: req.pulse, framesPerTrain, pulseIds };
  }

  /**
   * Computes the dark mean over `trainIds` on the pool — of this run, or of a dark run opened
   * beside it (`darkRunId`, same detector) — then subtracts it from every frame before
   * assembly; cancel() stops it.
   */
  async setDark(runId: number, detector: string, trainIds: number[], by: DarkBy, onProgress?: (done: number, total: number) => void, darkRunId = runId): Promise<DarkInfo> {
    const dark = await this.reduce((signal) => computeDark(this.pool, { ...this.reduceJob(darkRunId, detector), onProgress, signal }, trainIds, by));
    this.darks.set(`${runId}/${detector}`, dark);
    this.assembledFrames.clear();
    return { by: dark.by, trainIds: dark.trainIds, groups: dark.groups };
  }

  clearDark(runId: number, detector: string): void {
    this.darks.delete(`${runId}/${detector}`);
    this.assembledFrames.clear();
  }

  /**
   * The mean per pulse over a range of trains (docs 3.19), split over the Worker pool by
   * module and train chunk; kept here to be shown pulse by pulse (meanImage).
   * `pulses`: a slice of pulse positions in each train. cancel() stops it.
   */
  async trainMean(runId: number, req: TrainMeanRequest, onProgress?: (done: number, total: number) => void): Promise<TrainMeanInfo> {
    const base = this.reduceJob(runId, req.detector);
    const wanted = new Set(req.trainIds);
    const trains = base.component.trainIds.filter((t) => wanted.has(t));
    if (!trains.length) throw new Error(`No ${req.detector} frames in trains ${req.trainIds[0]}–${req.trainIds.at(-1)}`);
    const { start = 0, stop = null, step = 1 } = req.pulses ?? {};
    const perTrain = Math.max(1, ...trains.slice(0, 4).map((t) => this.frameReader(runId, req.detector).pulseIds(t).length));
    checkMeanBudget(base, req.detector, Math.ceil((Math.min(stop ?? perTrain, perTrain) - start) / step));
    const options = {
      trains: byId.list(trains),
      pulses: req.pulses ? byIndex.slice(start, stop, step) : undefined,
      skipMasked: req.applyMask,
      // About 64 frames per task: memory per worker stays small, and progress moves.
      chunkTrains: Math.max(1, Math.floor(64 / perTrain)),
    };
    const mean = await this.reduce((signal) => reducePulseMean(this.pool, { ...base, options, onProgress, signal }));
    const nPulses = mean.pulses.length;
    const frames = mean.pulses.map((_, pi) => Math.max(0, ...mean.modules.map((_, mi) => mean.counts[mi * nPulses + pi])));
    const info: TrainMeanInfo = { detector: req.detector, trainIds: trains, pulses: mean.pulses, frames, modules: mean.modules, masked: !!req.applyMask };
    this.trainMeans.set(`${runId}/${req.detector}`, { mean, info });
    return info;
  }

  /** One pulse of the kept per-pulse mean (`pulse`: position in its pulse list), or all pulses (null), assembled; minus the dark if one is set. */
  meanImage(runId: number, req: MeanImageRequest): FrameResult {
    const kept = this.trainMeans.get(`${runId}/${req.detector}`);
    if (!kept) throw new Error(`No mean over trains computed for ${req.detector}`);
    const geom = this.geomOf(req.geometryId);
    const [nMod, ss, fs] = geom.expectedDataShape;
    const dark = this.darks.get(`${runId}/${req.detector}`);
    const modules = meanModules(kept.mean, nMod, [ss, fs], req.pulse, req.plane === 'gain' ? 1 : 0, dark);
    return { ...this.assemble(geom, modules), trainId: kept.info.trainIds[0], pulse: req.pulse ?? -1, framesPerTrain: null, pulseIds: kept.mean.pulses };
  }

  /**
   * A rectangle of the assembled image (snapped geometry pixels) reduced per pulse and per
   * train over `trainIds`: only the modules it touches are read, on the Worker pool; minus
   * the dark when one is set (as the frames shown). cancel() stops it.
   */
  async roi(runId: number, req: RoiRequest, rect: Rect, how: Reduction, trainIds: number[], onProgress?: (done: number, total: number) => void): Promise<RoiResult> {
    const pixels = roiModulePixels(this.geomOf(req.geometryId), rect);
    const job = { ...this.reduceJob(runId, req.detector), pixels, plane: req.plane === 'gain' ? 1 : 0, dark: this.darks.get(`${runId}/${req.detector}`) };
    return this.reduce((signal) => roiOverTrains(this.pool, { ...job, onProgress, signal }, trainIds, how));
  }

  /** Stops the running reduction (per-pulse mean, dark, ROI). */
  cancel(): void {
    this.reducing?.abort();
  }

  /** For ViewerApi.closeRun: drops what is kept of the run; pool workers stop unless a reduction runs. */
  closeRun(runId: number): void {
    for (const kept of [this.trainMeans, this.frameReaders, this.darks]) {
      for (const key of kept.keys()) if (key.startsWith(`${runId}/`)) kept.delete(key);
    }
    // Pool workers keep the closed run's files open (and their memory): new ones start for the next job.
    if (!this.reducing) this.pool?.terminate();
  }

  private assembleFrame(runId: number, req: FrameRequest): FrameResult {
    const { modules, geom, framesPerTrain, pulseIds } = this.pickFrame(runId, req, false);
    return { ...this.assemble(geom, modules, this.spareImage(geom)), trainId: req.trainId, pulse: req.pulse, framesPerTrain, pulseIds };
  }

  /** A spare image of this geometry's assembled size, NaN-filled (gaps), or undefined. */
  private spareImage(geom: DetectorGeometry): Float32Array | undefined {
    const shape = this.assembledShapes.get(geom);
    const i = shape ? this.spareImages.findIndex((a) => a.length === shape[0] * shape[1]) : -1;
    return i < 0 ? undefined : this.spareImages.splice(i, 1)[0].fill(NaN);
  }

  /** The pulses a user steps to next: the train's others (by index, after this one), then this pulse of the next train. */
  private framesAhead(runId: number, req: FrameRequest) {
    if (req.pulseBy !== 'index') return [];
    const reader = this.frameReader(runId, req.detector);
    const n = reader.pulseIds(req.trainId).length;
    const ahead: FrameRequest[] = [];
    for (let k = 1; k < n; k++) ahead.push({ ...req, pulse: (req.pulse + k) % n });
    const next = reader.nextTrainWithFrames(req.trainId);
    if (next !== null) ahead.push({ ...req, trainId: next });
    return ahead.map((r) => ({ key: assembledKey(runId, r), make: () => this.assembleFrame(runId, r) }));
  }

  /** `copy` false: the modules may be the reader's kept frame, to read from but not to return. */
  private pickFrame(runId: number, req: FrameRequest, copy = true) {
    const geom = this.geomOf(req.geometryId);
    const reader = this.frameReader(runId, req.detector);
    const pick: FramePick = req.pulseBy === 'mean' ? { kind: 'mean' } : { kind: req.pulseBy, value: req.pulse };
    const pulseIds = reader.pulseIds(req.trainId);
    const modules = reader.pick(req.trainId, pick, frameOptions(req), copy);
    const dark = this.darks.get(`${runId}/${req.detector}`);
    if (dark && pick.kind === 'mean') {
      const ids = dark.by === 'cellId' ? reader.cellIds(req.trainId) : pulseIds;
      return { modules: trainMeanMinusDark(modules, geom, dark, ids, frameOptions(req).plane), geom, framesPerTrain: pulseIds.length, pulseIds };
    }
    if (dark && pick.kind !== 'mean') {
      const cellIds = pick.kind === 'cellId' || dark.by === 'cellId' ? reader.cellIds(req.trainId) : [];
      const index = pick.kind === 'index' ? pick.value : (pick.kind === 'pulseId' ? pulseIds : cellIds).indexOf(pick.value);
      const group = (dark.by === 'cellId' ? cellIds : pulseIds)[index];
      if (group !== undefined) {
        const [, ss, fs] = geom.expectedDataShape;
        return { modules: applyDark(modules, [ss, fs], dark, group, frameOptions(req).plane), geom, framesPerTrain: pulseIds.length, pulseIds };
      }
    }
    return { modules, geom, framesPerTrain: pulseIds.length, pulseIds };
  }

  private frameReader(runId: number, detector: string): DetectorFrames {
    const { run, detectors } = this.runOf(runId);
    const key = `${runId}/${detector}`;
    if (!this.frameReaders.has(key)) this.frameReaders.set(key, new DetectorFrames(run, detectorNamed(detectors, detector)));
    return this.frameReaders.get(key)!;
  }

  /** What a reduction of this detector needs: its component and the files pool workers open. */
  private reduceJob(runId: number, detector: string): Omit<ReduceJob, 'options'> {
    const { run, detectors, files } = this.runOf(runId);
    const component = detectorComponent(run, detectorNamed(detectors, detector));
    return { component, files: filesOf(run, [...component.modnoToSource.values()], files), filesKey: `${runId}/${detector}` };
  }

  /** One reduction at a time: a new one stops the last. */
  private async reduce<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.reducing?.abort(new DOMException('A detector mean, dark or ROI series stopped: another one was started (one runs at a time)', 'AbortError'));
    const ctl = new AbortController();
    this.reducing = ctl;
    try {
      return await work(ctl.signal);
    } finally {
      if (this.reducing === ctl) this.reducing = null;
    }
  }

  private assemble(geom: DetectorGeometry, modules: Float32Array, into?: Float32Array): Pick<FrameResult, 'image' | 'stats' | 'shape' | 'centre'> {
    const shape = this.assembledShapes.get(geom);
    const target = into && shape ? { data: into, shape, dtype: 'float32' as const } : undefined;
    const out = geom.positionModulesFast({ data: modules, shape: geom.expectedDataShape, dtype: 'float32' }, target);
    this.assembledShapes.set(geom, out.image.shape.slice(-2));
    const image = out.image.data as Float32Array;
    return { image, stats: imageStats(image), shape: out.image.shape.slice(-2) as [number, number], centre: out.centre };
  }
}

/** A train's mean frame minus the dark of its frames' pulses (or cells): mean(frame − dark) = mean − mean of darks. */
function trainMeanMinusDark(modules: Float32Array, geom: DetectorGeometry, dark: Dark, groupIds: number[], plane: number): Float32Array {
  const [nMod, ss, fs] = geom.expectedDataShape;
  const size = ss * fs;
  const groups = new Map<number, number>();
  for (const id of groupIds) groups.set(id, (groups.get(id) ?? 0) + 1);
  const out = modules.slice();
  for (let m = 0; m < nMod; m++) {
    const d = darkOfMean(dark.mean, m, groups, { plane });
    for (let i = 0; i < size; i++) out[m * size + i] -= d[i];
  }
  return out;
}

function checkMeanBudget(base: Omit<ReduceJob, 'options'>, detector: string, nPulses: number): void {
  const source = [...base.component.modnoToSource.values()][0];
  const frameSize = base.component.data.keyInfo(source, 'image.data').shape.reduce((a, b) => a * b, 1);
  const bytes = base.component.modnoToSource.size * nPulses * frameSize * 12;
  if (bytes > MEAN_BUDGET_BYTES) {
    throw new Error(`A mean of ${nPulses} pulses × ${base.component.modnoToSource.size} modules of ${detector} needs ${(bytes / 1e9).toFixed(1)} GB here: pick fewer pulses (a larger step)`);
  }
}

function assembledKey(runId: number, r: FrameRequest): string {
  return `${runId}/${r.detector}/${r.geometryId}/${r.trainId}/${r.pulseBy}/${r.pulse}/${r.plane}/${r.applyMask}`;
}

function frameOptions(req: FrameRequest) {
  return { plane: req.plane === 'gain' ? 1 : 0, applyMask: req.applyMask };
}

function detectorNamed(detectors: DetectorGroup[], name: string): DetectorGroup {
  const det = detectors.find((d) => d.name === name);
  if (!det) throw new Error(`No detector ${name}; the run has ${detectors.map((d) => d.name).join(', ') || 'none'}`);
  return det;
}

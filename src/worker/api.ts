// The one doorway between the UI and the core: a plain class, so Node tests import it
// directly and `worker.ts` exposes it with comlink. Every array it returns is freshly
// allocated (never a cached one): the worker transfers them, which detaches the buffer.
import {
  RunDirectory, assembledPixelIndex, byId, byIndex, darkOfMean, roiModulePixels, AGIPD_1MGeometry, LPD_1MGeometry, DSSC_1MGeometry,
  type DataCollection, type DetectorGeometry, type GeometryDrawing, type PulseMean, type Rect, type Reduction,
} from '../core/index';
import { DEFAULT_QUAD_POS, detectorComponent, findDetectors, type DetectorGroup, type DetectorType } from './detectors';
import { toDisplay, toFloat64, toFloat32 } from './values';
import { readTrainOutline, readTrainRows, readTrainView } from './trainView';
import { imageStats } from './imageStats';
import { AssembledFrames, DetectorFrames, type FramePick } from './detectorFrames';
import { applyDark, computeDark, type Dark, type DarkBy, type DarkInfo } from './darkFrames';
import { filesOf, meanModules, reducePulseMean, type ReduceJob } from './pulseMeans';
import { roiOverTrains, type RoiResult } from './roiOverTrains';
import { TaskPool, type SpawnWorker } from './pool/taskPool';
import { poolSummariser } from './pool/poolSummaries';
import type { ReductionApi } from './pool/reductionTasks';
import { AnalysisApi } from './analysisApi';
import { ValidationApi } from './validationApi';
import type {
  RunSummary, SourceRow, KeyInfo, SeriesResult, TrainOutline, TrainRow, TrainRowName, TrainView,
  FrameRequest, FrameResult, GeometryInfo, PixelInfo, ArrayResult, ModulesResult, TileInfo,
  TrainMeanInfo, TrainMeanRequest, MeanImageRequest, RoiRequest,
} from './types';

export type * from './types';
export type { RoiResult } from './roiOverTrains';
export type * from './analysisApi';
export type * from './validationApi';

interface OpenRun {
  name: string;
  run: DataCollection;
  detectors: DetectorGroup[];
  /** What the run was opened from, for validating it. */
  files: File[] | string;
  filesFromCache: number;
}

export interface ViewerOptions {
  /** Starts a pool worker for per-pulse means (Web Worker in the browser, worker thread in Node); without it they run in this thread. */
  spawnReducer?: SpawnWorker<ReductionApi>;
  poolSize?: number;
}

/** What a per-pulse mean may hold (float64 sums while adding, float32 means): beyond it, the user picks fewer pulses. */
const MEAN_BUDGET_BYTES = 3e9;

/** From this many files to read, opening a run uses the pool (starting its workers costs a few hundred ms). */
const POOL_OPEN_MIN_FILES = 64;

export class ViewerApi {
  private runs = new Map<number, OpenRun>();
  private geometries = new Map<number, { type: DetectorType; geom: DetectorGeometry; label: string }>();
  private nextId = 1;
  /** One frame reader per run and detector (its INDEX spans are worked out once). */
  private frameReaders = new Map<string, DetectorFrames>();
  /** Assembled images read ahead (8 AGIPD images: 44 MB), and images the page gave back to assemble into. */
  private assembledFrames = new AssembledFrames<FrameResult>(8);
  private spareImages: Float32Array[] = [];
  /** Dark means subtracted before assembly, by run/detector (darkFrames.ts). */
  private darks = new Map<string, Dark>();
  private assembledShapes = new WeakMap<DetectorGeometry, number[]>();
  private runValues = new Map<string, string | null>();
  private trainTimesByRun = new Map<number, Map<number, bigint>>();
  /** Workers sharing long reads: per-pulse means, darks, ROI series, and the summaries of a run of many files; and the reduction running on them. */
  private readonly pool: TaskPool<ReductionApi> | null;
  private reducing: AbortController | null = null;
  /** Per-pulse means over a train range, by run/detector, shown pulse by pulse. */
  private trainMeans = new Map<string, { mean: PulseMean; info: TrainMeanInfo }>();
  /** Validation and the docs' analyses over the open runs (validationApi.ts, analysisApi.ts). */
  readonly validation = new ValidationApi((runId) => this.get(runId).files);
  readonly analysis = new AnalysisApi((runId) => this.get(runId).run);

  /** The run being opened, for cancelOpen(). */
  private opening: AbortController | null = null;

  constructor(options: ViewerOptions = {}) {
    this.pool = options.spawnReducer ? new TaskPool(options.spawnReducer, options.poolSize ?? 2) : null;
  }

  /**
   * Opens a run folder's files (or any set of files); only METADATA and INDEX are read.
   * Reports files read / total; cancelOpen() stops it with an AbortError, as does a report
   * answered `true`.
   */
  async openRun(files: File[] | string, name: string, onProgress?: (done: number, total: number, next?: string) => unknown): Promise<RunSummary> {
    const opening = new AbortController();
    this.opening = opening;
    // A report answered `true` (its task was cancelled on the page) stops this open only.
    const report = (done: number, total: number, next?: string) => {
      void Promise.resolve(onProgress?.(done, total, next)).then((stop) => {
        if (stop === true) opening.abort();
      }, () => {});
    };
    let run: DataCollection;
    let filesFromCache = 0;
    try {
      run = await RunDirectory(files, {
        onProgress: report, signal: opening.signal, onCacheHits: (hits) => (filesFromCache = hits),
        // Many files not in the cache: read their summaries on the pool
        summariser: this.pool ? { minFiles: POOL_OPEN_MIN_FILES, summarise: poolSummariser(this.pool) } : undefined,
      });
    } finally {
      if (this.opening === opening) this.opening = null;
    }
    const runId = this.nextId++;
    const detectors = findDetectors(run.detectorSources);
    this.runs.set(runId, { name, run, detectors, files, filesFromCache });
    return this.summary(runId);
  }

  /** Stops the openRun in progress (it checks between files). */
  cancelOpen(): void {
    this.opening?.abort();
  }

  closeRun(runId: number): void {
    this.runs.delete(runId);
    for (const key of this.trainMeans.keys()) if (key.startsWith(`${runId}/`)) this.trainMeans.delete(key);
    // Pool workers keep the closed run's files open (and their memory): new ones start for the next job.
    if (!this.reducing) this.pool?.terminate();
  }

  summary(runId: number): RunSummary {
    const { name, run, detectors, filesFromCache } = this.get(runId);
    const trainIds = [...run.trainIds];
    return {
      runId,
      name,
      trainIds,
      nTrains: trainIds.length,
      firstTrainId: trainIds[0] ?? null,
      lastTrainId: trainIds.at(-1) ?? null,
      // Trains come at 10 Hz: the duration EXtra-data's info() prints.
      durationSeconds: trainIds.length / 10,
      files: run.files.map((f) => ({ filename: f.filename, formatVersion: f.formatVersion })),
      filesFromCache,
      warnings: [...(run.warnings ?? [])],
      controlSources: [...run.controlSources].sort(),
      instrumentSources: [...run.instrumentSources].sort(),
      detectors: detectors.map((d) => ({
        name: d.name,
        type: d.type,
        modules: d.modules,
        trainIds: detectorTrainIds(run, d),
        hasMask: Object.values(d.sources).some((src) => run.keysForSource(src).has('image.mask')),
      })),
      info: run.info(),
    };
  }

  /** Every source with its keys; detector modules carry their detector's name for grouping. */
  sources(runId: number): SourceRow[] {
    const { run, detectors } = this.get(runId);
    const detectorOf = new Map<string, string>();
    for (const d of detectors) for (const src of Object.values(d.sources)) detectorOf.set(src, d.name);
    const rows: SourceRow[] = [];
    for (const [kind, set] of [['control', run.controlSources], ['instrument', run.instrumentSources]] as const) {
      for (const source of set) {
        rows.push({ source, kind, detector: detectorOf.get(source) ?? null, keys: [...run.keysForSource(source)].sort() });
      }
    }
    // Control sources, then other instrument sources, then each detector's modules in module order.
    const rank = (r: SourceRow) => (r.kind === 'control' ? 0 : r.detector ? 2 : 1);
    return rows.sort((a, b) => rank(a) - rank(b) || (a.detector ?? '').localeCompare(b.detector ?? '')
      || a.source.localeCompare(b.source, 'en', { numeric: true }));
  }

  /** dtype, per-train shape and number of trains with data, for the keys table and the Series panel. */
  keyInfo(runId: number, source: string, key: string): KeyInfo {
    return this.keyInfos(runId, source, [key])[0];
  }

  /**
   * Key details for a source's keys: counts from INDEX, dtype and per-entry shape from the
   * dataset's header (no data is read for this). A key that cannot be described is listed
   * with '?' for dtype.
   */
  keyInfos(runId: number, source: string, keys: string[]): KeyInfo[] {
    const { run } = this.get(runId);
    return keys.map((key) => {
      const c = dataCounts(run, source, key);
      let entry = { dtype: c.error ? '?' : '', shape: [] as number[] };
      tryRead(() => {
        const { dtype, shape } = run.keyInfo(source, key);
        entry = { dtype, shape };
      });
      return { source, key, ...entry, trainsWithData: c.trains, entries: c.entries };
    });
  }

  /** One value per train (or per pulse, with pulse IDs) as doubles for plotting. */
  series(runId: number, source: string, key: string): SeriesResult {
    const { run } = this.get(runId);
    const s = run.getSeries(source, key);
    const index = s.index;
    const pulseResolved = index.length > 0 && Array.isArray(index[0]);
    const trainIds = new Float64Array(index.length);
    const pulseIds = pulseResolved ? new Float64Array(index.length) : null;
    for (let i = 0; i < index.length; i++) {
      const ix = index[i];
      if (Array.isArray(ix)) {
        trainIds[i] = Number(ix[0]);
        pulseIds![i] = Number(ix[1]);
      } else trainIds[i] = Number(ix);
    }
    const numeric = !Array.isArray(s.values);
    return {
      name: s.name ?? `${source}/${key}`,
      source,
      key,
      dtype: s.dtype,
      trainIds,
      pulseIds,
      values: numeric ? toFloat64(s.values) : new Float64Array(0),
      labels: numeric ? null : [...(s.values as string[])],
    };
  }

  /** A key with several values per train (XGM intensityTD: trains × pulses) as float32. */
  array(runId: number, source: string, key: string, trainIds?: number[]): ArrayResult {
    const { run } = this.get(runId);
    const sel = trainIds ? run.selectTrains(byId.list(trainIds)) : run;
    const a = sel.getArray(source, key);
    return {
      data: toFloat32(a.data),
      shape: [...a.shape],
      dtype: a.dtype,
      trainIds: Float64Array.from(a.coords.trainId),
    };
  }

  /** The CSV of what the Series panel shows: getDataFrame of the chosen fields. */
  dataFrameCsv(runId: number, fields: Array<[string, string]>): string {
    const { run } = this.get(runId);
    const df = run.getDataFrame({ fields, timestamps: false });
    const columns = df.columns;
    const rows = df.index.map((tid, i) =>
      [tid, ...columns.map((c) => {
        const v = df.data[c][i];
        return v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : csvCell(String(v));
      })].join(','));
    return [['trainId', ...columns].join(','), ...rows].join('\n') + '\n';
  }

  /** Every selected source's values for one train (previews of arrays: trainView.ts). */
  train(runId: number, trainId: number, sources?: string[]): TrainView {
    const { run } = this.get(runId);
    return readTrainView(run, trainId, sources, { runValue: (s, k) => this.runValue(runId, run, s, k), recorded: this.recorded(runId, run, trainId) });
  }

  /** The Train panel's rows of one train, without values: from INDEX alone. */
  trainOutline(runId: number, trainId: number, sources?: string[]): TrainOutline {
    const { run } = this.get(runId);
    return readTrainOutline(run, trainId, sources, this.recorded(runId, run, trainId));
  }

  /** The values of the Train panel's rows shown now. */
  trainRows(runId: number, trainId: number, rows: TrainRowName[]): TrainRow[] {
    const { run } = this.get(runId);
    return readTrainRows(run, trainId, rows, (s, k) => this.runValue(runId, run, s, k));
  }

  /** INDEX/timestamp of a train (ns), when the files have it. */
  private recorded(runId: number, run: DataCollection, trainId: number): bigint | undefined {
    return this.trainTimes(runId, run).get(trainId) || undefined;
  }

  /** INDEX/timestamp by train ID (0n where a file has none), read once per run. */
  private trainTimes(runId: number, run: DataCollection): Map<number, bigint> {
    let times = this.trainTimesByRun.get(runId);
    if (!times) {
      const ts = run.trainTimestamps();
      times = new Map(run.trainIds.map((t, i) => [t, ts[i]]));
      this.trainTimesByRun.set(runId, times);
    }
    return times;
  }

  /** A control key's RUN value (its value at the start of the run) as text; read once per run. */
  private runValue(runId: number, run: DataCollection, source: string, key: string): string | null {
    if (!run.controlSources.has(source) || !key.endsWith('.value')) return null;
    const id = `${runId}\u0000${source}\u0000${key}`;
    if (!this.runValues.has(id)) {
      let text: string | null = null;
      tryRead(() => {
        const v = run.getRunValue(source, key);
        text = toDisplay(v && typeof v === 'object' && 'data' in v ? v : { value: v, dtype: '' }).value;
      });
      this.runValues.set(id, text);
    }
    return this.runValues.get(id)!;
  }

  /** A default geometry for a detector type, from the docs' quadrant positions. */
  defaultGeometry(type: DetectorType): GeometryInfo {
    const quadPos = DEFAULT_QUAD_POS[type];
    const geom = type === 'AGIPD' ? AGIPD_1MGeometry.fromQuadPositions(quadPos)
      : type === 'LPD' ? LPD_1MGeometry.fromQuadPositions(quadPos)
      : DSSC_1MGeometry.fromQuadPositions(quadPos);
    return this.keepGeometry(type, geom, `${type} default (docs' quad positions)`);
  }

  /** A CrystFEL `.geom` (AGIPD, LPD) or an LPD/DSSC `.h5` geometry with the default quad positions. */
  async loadGeometry(file: File, type: DetectorType): Promise<GeometryInfo> {
    let geom: DetectorGeometry;
    if (/\.geom$/i.test(file.name)) {
      const text = await file.text();
      if (type === 'DSSC') throw new Error(`${file.name}: DSSC geometry comes as an .h5 file, not CrystFEL .geom`);
      geom = (type === 'AGIPD' ? AGIPD_1MGeometry : LPD_1MGeometry).fromCrystfelGeom(text, file.name);
    } else if (/\.h5$/i.test(file.name) && type !== 'AGIPD') {
      geom = await (type === 'LPD' ? LPD_1MGeometry : DSSC_1MGeometry).fromH5FileAndQuadPositions(file, DEFAULT_QUAD_POS[type]);
    } else {
      throw new Error(`${file.name}: expected a CrystFEL .geom${type === 'AGIPD' ? '' : ' or an .h5'} geometry for ${type}`);
    }
    return this.keepGeometry(type, geom, file.name);
  }

  inspectGeometry(geometryId: number, units: 'px' | 'm' = 'px'): GeometryDrawing {
    return this.geometry(geometryId).geom.inspect(units);
  }

  compareGeometry(geometryId: number, otherId: number, scale = 1): GeometryDrawing {
    return this.geometry(geometryId).geom.compare(this.geometry(otherId).geom, scale);
  }

  writeCrystfelGeom(geometryId: number): string {
    return this.geometry(geometryId).geom.writeCrystfelGeom({});
  }

  /**
   * One pulse (or the mean over a train's pulses) of all modules, assembled on the snapped
   * pixel grid. The train's other pulses and the next train are then read ahead. `spare`:
   * images the page no longer shows, sent back to assemble into (a fresh 5 MB array per
   * pulse costs a worker tens of ms in allocation and garbage collection).
   */
  detectorFrame(runId: number, req: FrameRequest, spare: Float32Array[] = []): FrameResult {
    this.spareImages = [...spare, ...this.spareImages].slice(0, 4);
    // A kept image is handed over, not copied: it is transferred (detached here)
    const frame = this.assembledFrames.take(assembledKey(runId, req)) ?? this.assembleFrame(runId, req);
    this.assembledFrames.readAhead(this.framesAhead(runId, req));
    return frame;
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

  /** The same pulse as detectorFrame, not assembled: [modules, ss, fs], for drawing tiles at their exact positions. */
  detectorModules(runId: number, req: FrameRequest): ModulesResult {
    const { modules, geom, framesPerTrain, pulseIds } = this.pickFrame(runId, req);
    const [, ss, fs] = geom.expectedDataShape;
    return { modules, moduleShape: [ss, fs], stats: imageStats(modules), trainId: req.trainId, pulse: req.pulse, framesPerTrain, pulseIds };
  }

  /** Every tile's place in its module's data and its true position (metres; x, y only). */
  geometryTiles(geometryId: number): TileInfo[] {
    const { geom } = this.geometry(geometryId);
    const xy = (v: number[]): [number, number] => [v[0], v[1]];
    return geom.modules.flatMap((tiles, module) => tiles.map((t, i) => ({
      module,
      origin: geom.type.tileOrigins[i],
      ssPixels: t.ssPixels,
      fsPixels: t.fsPixels,
      cornerPos: xy(t.cornerPos),
      ssVec: xy(t.ssVec),
      fsVec: xy(t.fsVec),
    })));
  }

  /** `copy` false: the modules may be the reader's kept frame, to read from but not to return. */
  private pickFrame(runId: number, req: FrameRequest, copy = true) {
    const { geom } = this.geometry(req.geometryId);
    const reader = this.frameReader(runId, req.detector);
    const pick: FramePick = req.pulseBy === 'mean' ? { kind: 'mean' } : { kind: req.pulseBy, value: req.pulse };
    const pulseIds = reader.pulseIds(req.trainId);
    const modules = reader.pick(req.trainId, pick, frameOptions(req), copy);
    const dark = this.darks.get(`${runId}/${req.detector}`);
    if (dark && pick.kind === 'mean') {
      const ids = dark.by === 'cellId' ? reader.cellIds(req.trainId) : pulseIds;
      return { modules: this.trainMeanMinusDark(modules, geom, dark, ids, frameOptions(req).plane), geom, framesPerTrain: pulseIds.length, pulseIds };
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

  /** A train's mean frame minus the dark of its frames' pulses (or cells): mean(frame − dark) = mean − mean of darks. */
  private trainMeanMinusDark(modules: Float32Array, geom: DetectorGeometry, dark: Dark, groupIds: number[], plane: number): Float32Array {
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

  private frameReader(runId: number, detector: string): DetectorFrames {
    const { run, detectors } = this.get(runId);
    const key = `${runId}/${detector}`;
    if (!this.frameReaders.has(key)) this.frameReaders.set(key, new DetectorFrames(run, detectorNamed(detectors, detector)));
    return this.frameReaders.get(key)!;
  }

  /**
   * The mean per pulse over a range of trains (docs 3.19), split over the Worker pool by
   * module and train chunk; kept here to be shown pulse by pulse (detectorMeanImage).
   * `pulses`: a slice of pulse positions in each train. cancel() stops it.
   */
  async detectorTrainMean(runId: number, req: TrainMeanRequest, onProgress?: (done: number, total: number) => void): Promise<TrainMeanInfo> {
    const base = this.reduceJob(runId, req.detector);
    const wanted = new Set(req.trainIds);
    const trains = base.component.trainIds.filter((t) => wanted.has(t));
    if (!trains.length) throw new Error(`No ${req.detector} frames in trains ${req.trainIds[0]}–${req.trainIds.at(-1)}`);
    const { start = 0, stop = null, step = 1 } = req.pulses ?? {};
    const perTrain = Math.max(1, ...trains.slice(0, 4).map((t) => this.frameReader(runId, req.detector).pulseIds(t).length));
    this.checkMeanBudget(base, req.detector, Math.ceil((Math.min(stop ?? perTrain, perTrain) - start) / step));
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
  detectorMeanImage(runId: number, req: MeanImageRequest): FrameResult {
    const kept = this.trainMeans.get(`${runId}/${req.detector}`);
    if (!kept) throw new Error(`No mean over trains computed for ${req.detector}`);
    const { geom } = this.geometry(req.geometryId);
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
  async detectorRoi(runId: number, req: RoiRequest, rect: Rect, how: Reduction, trainIds: number[], onProgress?: (done: number, total: number) => void): Promise<RoiResult> {
    const { geom } = this.geometry(req.geometryId);
    const pixels = roiModulePixels(geom, rect);
    const job = { ...this.reduceJob(runId, req.detector), pixels, plane: req.plane === 'gain' ? 1 : 0, dark: this.darks.get(`${runId}/${req.detector}`) };
    return this.reduce((signal) => roiOverTrains(this.pool, { ...job, onProgress, signal }, trainIds, how));
  }

  /** Stops the running reduction (per-pulse mean, dark, ROI). */
  cancel(): void {
    this.reducing?.abort();
  }

  /** What a reduction of this detector needs: its component and the files pool workers open. */
  private reduceJob(runId: number, detector: string): Omit<ReduceJob, 'options'> {
    const { run, detectors, files } = this.get(runId);
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

  private checkMeanBudget(base: Omit<ReduceJob, 'options'>, detector: string, nPulses: number): void {
    const source = [...base.component.modnoToSource.values()][0];
    const frameSize = base.component.data.keyInfo(source, 'image.data').shape.reduce((a, b) => a * b, 1);
    const bytes = base.component.modnoToSource.size * nPulses * frameSize * 12;
    if (bytes > MEAN_BUDGET_BYTES) {
      throw new Error(`A mean of ${nPulses} pulses × ${base.component.modnoToSource.size} modules of ${detector} needs ${(bytes / 1e9).toFixed(1)} GB here: pick fewer pulses (a larger step)`);
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

  /**
   * The assembled image of each pixel's flat index (module·ss·fs), so the main thread can
   * turn a hovered image pixel into module/ss/fs without asking the worker.
   */
  pixelIndexImage(geometryId: number): { index: Float32Array; shape: [number, number]; moduleShape: [number, number] } {
    const { geom } = this.geometry(geometryId);
    const [, ss, fs] = geom.expectedDataShape;
    // A fresh array (transferred to the page)
    return { ...assembledPixelIndex(geom), moduleShape: [ss, fs] };
  }

  /** Physical position (metres) of a module pixel. */
  pixelPosition(geometryId: number, module: number, ss: number, fs: number): PixelInfo {
    const { geom } = this.geometry(geometryId);
    const pos = geom.dataCoordsToPositions([module], [ss], [fs]);
    return { x: pos.data[0], y: pos.data[1] };
  }

  private keepGeometry(type: DetectorType, geom: DetectorGeometry, label: string): GeometryInfo {
    const id = this.nextId++;
    this.geometries.set(id, { type, geom, label });
    return { geometryId: id, type, label };
  }

  private geometry(id: number) {
    const g = this.geometries.get(id);
    if (!g) throw new Error(`No geometry ${id} (known: ${[...this.geometries.keys()].join(', ') || 'none'})`);
    return g;
  }

  private get(runId: number): OpenRun {
    const r = this.runs.get(runId);
    if (!r) throw new Error(`No open run ${runId}`);
    return r;
  }
}

/** Trains in which any module of the detector has frames (from INDEX: nothing is read). */
function detectorTrainIds(run: DataCollection, det: DetectorGroup): number[] {
  const ids = new Set<number>();
  for (const src of Object.values(det.sources)) {
    tryRead(() => {
      const s = run.getDataCounts(src, 'image.data');
      (s.index as number[]).forEach((t, i) => Number(s.values[i]) > 0 && ids.add(t));
    });
  }
  return [...ids].sort((a, b) => a - b);
}

function dataCounts(run: DataCollection, source: string, key: string) {
  try {
    const s = run.getDataCounts(source, key);
    const values = Array.from(s.values as ArrayLike<number | bigint>, Number);
    return { trains: values.filter((v) => v > 0).length, entries: values.reduce((a, b) => a + b, 0), error: false };
  } catch {
    return { trains: 0, entries: 0, error: true };
  }
}

/** Details are optional: a key whose train cannot be read is shown without them. */
function tryRead(read: () => void): void {
  try {
    read();
  } catch {
    // listed with '?' for dtype
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

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}


// The one doorway between the UI and the core: a plain class, so Node tests import it
// directly and `worker.ts` exposes it with comlink. It opens runs and reads their keys and
// trains; geometries, detector images and reductions, analyses and validation are sub-APIs
// over its open runs (`api().detector.frame(…)`). Every array they return is freshly
// allocated (never a cached one): the worker transfers them, which detaches the buffer.
import { RunDirectory, byId, type DataCollection } from '../core/index';
import { findDetectors, type DetectorGroup } from './detectors';
import { naturally, toDisplay, toFloat64, toFloat32 } from './values';
import { newestControlTimes, readTrainOutline, readTrainRows, readTrainView, type TrainTime } from './trainView';
import { stopWhenAnsweredTrue } from './progressAnswer';
import { arrayOverview } from './arrayOverview';
import { TaskPool, type SpawnWorker } from './pool/taskPool';
import { poolSummariser } from './pool/poolSummaries';
import type { ReductionApi } from './pool/reductionTasks';
import { AnalysisApi } from './analysisApi';
import { ValidationApi } from './validationApi';
import { GeometryApi } from './geometryApi';
import { DetectorApi, type DetectorRun } from './detectorApi';
import type { RunSummary, SourceRow, KeyInfo, SeriesResult, TrainOutline, TrainRow, TrainRowName, TrainView, ArrayResult } from './types';

export type * from './types';
export type { RoiResult } from './roiOverTrains';
export type * from './analysisApi';
export type * from './validationApi';

interface OpenRun extends DetectorRun {
  name: string;
  filesFromCache: number;
}

export interface ViewerOptions {
  /** Starts a pool worker for per-pulse means (Web Worker in the browser, worker thread in Node); without it they run in this thread. */
  spawnReducer?: SpawnWorker<ReductionApi>;
  poolSize?: number;
}

/** From this many files to read, opening a run uses the pool (starting its workers costs a few hundred ms). */
const POOL_OPEN_MIN_FILES = 64;

export class ViewerApi {
  private runs = new Map<number, OpenRun>();
  private nextId = 1;
  private runValues = new Map<string, string | null>();
  private trainTimesByRun = new Map<number, { index: Map<number, bigint>; control: Map<number, bigint> | null }>();
  /** Workers sharing long reads: the summaries of a run of many files, and the detector's reductions. */
  private readonly pool: TaskPool<ReductionApi> | null;
  /** Validation and the docs' analyses over the open runs (validationApi.ts, analysisApi.ts). */
  readonly validation = new ValidationApi((runId) => this.get(runId).files);
  readonly analysis = new AnalysisApi((runId) => this.get(runId).run);
  /** Geometries by ID, and detector frames, darks and reductions assembled with them (geometryApi.ts, detectorApi.ts). */
  readonly geometry = new GeometryApi();
  readonly detector: DetectorApi;

  /** The run being opened, for cancelOpen(). */
  private opening: AbortController | null = null;

  constructor(options: ViewerOptions = {}) {
    this.pool = options.spawnReducer ? new TaskPool(options.spawnReducer, options.poolSize ?? 2) : null;
    this.detector = new DetectorApi((runId) => this.get(runId), (id) => this.geometry.geom(id), this.pool);
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
      stopWhenAnsweredTrue(onProgress?.(done, total, next), () => opening.abort());
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
    this.detector.closeRun(runId);
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
      || naturally(a.source, b.source));
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

  /** A key with a vector per train as one image of the run: every n-th train and binned values when it is large (arrayOverview.ts). */
  arrayOverview(runId: number, source: string, key: string): ArrayResult {
    return arrayOverview(this.get(runId).run, source, key);
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
    return readTrainView(run, trainId, sources, { runValue: (s, k) => this.runValue(runId, run, s, k), time: this.trainTime(runId, run, trainId) });
  }

  /** The Train panel's rows of one train, without values: from INDEX alone. */
  trainOutline(runId: number, trainId: number, sources?: string[]): TrainOutline {
    const { run } = this.get(runId);
    return readTrainOutline(run, trainId, sources, this.trainTime(runId, run, trainId));
  }

  /** The values of the Train panel's rows shown now. */
  trainRows(runId: number, trainId: number, rows: TrainRowName[]): TrainRow[] {
    const { run } = this.get(runId);
    return readTrainRows(run, trainId, rows, (s, k) => this.runValue(runId, run, s, k));
  }

  /** When a train was (trainView.ts): INDEX/timestamp, else its newest control timestamp; both read once per run. */
  private trainTime(runId: number, run: DataCollection, trainId: number): TrainTime | undefined {
    let times = this.trainTimesByRun.get(runId);
    if (!times) {
      const ts = run.trainTimestamps();
      times = { index: new Map(run.trainIds.map((t, i) => [t, ts[i]])), control: null };
      this.trainTimesByRun.set(runId, times);
    }
    const recorded = times.index.get(trainId);
    if (recorded) return { ns: recorded, from: 'index' };
    times.control ??= newestControlTimes(run);
    const newest = times.control.get(trainId);
    return newest ? { ns: newest, from: 'control' } : undefined;
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


function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}


// The docs' analyses (XGM pulses, digitizer waveforms) and writing a selection, over the
// viewer's open runs. Node tests import it directly; every array returned is fresh.
import { proxyMarker } from 'comlink';
import {
  alignTrains, byId, histogram, pulseIntensityImage, suppressionRatio, writeCollection, TrainAccumulator,
  type DataCollection, type LabelledArray, type NumericArray, type PulsePattern, type Reduction, type Rect,
} from '../core/index';
import { emscripten, isNode, loadH5Wasm } from '../core/h5/h5wasmModule';
import { ChunkedJob, chunkTrains, readInChunks, trainChunks } from './trainChunks';
import { toFloat32 } from './values';

export type { PulsePattern, Reduction, Rect };

/** What "Save selection as HDF5" writes: sources and keys as `select()` globs, and a train ID range. */
export interface SelectionSpec {
  sourceGlob: string;
  keyGlob: string;
  /** Inclusive; absent: from the first / to the last train. */
  firstTrainId?: number;
  lastTrainId?: number;
}

export interface XgmPulsesResult {
  /** (pulses × trains), pulse on y as the docs plot it. */
  image: Float32Array;
  shape: [number, number];
  trainIds: Float64Array;
  ratio: Float64Array;
  error: Float64Array;
  overall: { ratio: number; error: number };
  histogram: { counts: Float64Array; edges: Float64Array };
}

/** One run's side of "Compare with run…" (docs 3.16): photon flux per train and the suppression ratio. */
export interface XgmCompareSide {
  /** The control source's `pulseEnergy.photonFlux` against its train IDs. */
  fluxTrainIds: Float64Array;
  flux: Float64Array;
  /** The pulse-resolved key's on/off suppression ratio per train, with errors and overall value. */
  trainIds: Float64Array;
  ratio: Float64Array;
  error: Float64Array;
  overall: { ratio: number; error: number };
}

/** Which XGM sources and keys of one open run are compared. */
export interface XgmCompareChoice {
  fluxSource: string;
  pulseSource: string;
  pulseKey: string;
}

export const PHOTON_FLUX_KEY = 'pulseEnergy.photonFlux.value';

/** A digitizer channel (or any key with an array per train). */
export interface WaveformChannel {
  source: string;
  key: string;
}

/** Inclusive train IDs; absent: from the first / to the last train. */
export interface TrainIdRange {
  firstTrainId?: number;
  lastTrainId?: number;
}

export interface WaveformResult {
  values: Float64Array;
  nTrains: number;
}

/**
 * Reports chunks of trains read against the total, from the worker (a comlink callback). An
 * answer of `true` stops this analysis at its next chunk (its task was cancelled on the page).
 */
export type ProgressCallback = (done: number, total: number) => unknown;

export class AnalysisApi {
  /** The XGM and waveform analyses' own job counter, stopped by cancelAnalysis(). */
  private analysisJob = 0;
  private analysisCancelled = 0;
  /** Trains read per chunk; null: from the keys' row size (trainChunks.ts). Tests set it small. */
  chunkTrains: number | null = null;

  /** Reached as `api().analysis.method()` through comlink, typed as a remote object. */
  readonly [proxyMarker] = true as const;
  constructor(private readonly runOf: (runId: number) => DataCollection) {}

  /** The selection written by the core as one EuXFEL file, returned as bytes (never written near the run). */
  async selectionHdf5(runId: number, spec: SelectionSpec): Promise<Uint8Array> {
    const sel = selection(this.runOf(runId), spec);
    if (!sel.trainIds.length) throw new Error('The selection has no trains');
    if (isNode) return writeOnDisk(sel);
    // In the browser the file lives in h5wasm's in-memory file system until read back.
    const M = emscripten(await loadH5Wasm()) as unknown as MemFs;
    // A folder of its own: run files are known by bare names, which the core takes as the root folder.
    try {
      M.FS.mkdir(SELECTIONS);
    } catch {
      // made by an earlier save
    }
    const path = `${SELECTIONS}/selection-${Date.now()}-${Math.random().toString(36).slice(2)}.h5`;
    try {
      await writeCollection(sel, path);
      return M.FS.readFile(path);
    } finally {
      try {
        M.FS.unlink(path);
      } catch {
        // not written
      }
    }
  }

  /** Train count and source names a selection spec picks, for the Save panel's summary. */
  selectionSummary(runId: number, spec: SelectionSpec): { nTrains: number; sources: string[] } {
    const sel = selection(this.runOf(runId), spec);
    return { nTrains: sel.trainIds.length, sources: [...sel.controlSources, ...sel.instrumentSources].sort() };
  }

  /**
   * XGM `data.intensityTD` (docs 3.16–3.17): the pulse image, the suppression ratio per train,
   * its histogram and overall value. Read in chunks of trains; `cancelAnalysis()` stops it.
   */
  async xgmPulses(runId: number, source: string, key: string, on: PulsePattern, off: PulsePattern, bins = 30, onProgress?: ProgressCallback): Promise<XgmPulsesResult> {
    const run = this.runOf(runId);
    const chunks = this.chunksFor(run, [{ source, key }]);
    const a = await readInChunks(this.startJob('Suppression ratio', chunks.length, onProgress), chunks, source, key);
    const intensity = pulseIntensity(a, source, key);
    const img = pulseIntensityImage(intensity);
    const r = suppressionRatio(intensity, on, off);
    const h = histogram(Array.from(r.perTrain.ratio).filter(Number.isFinite), { bins });
    return {
      image: img.data,
      shape: img.shape as [number, number],
      trainIds: Float64Array.from(a.coords.trainId),
      ratio: r.perTrain.ratio,
      error: r.perTrain.error,
      overall: r.overall,
      histogram: { counts: h.counts, edges: h.edges },
    };
  }

  /**
   * Two runs open side by side in this worker (docs 3.16): each one's photon flux series and
   * suppression ratio per train, computed where the collections live. The pulse-resolved keys
   * are read in chunks of trains (progress over both runs); `cancelAnalysis()` stops it.
   */
  async compareXgm(sides: Array<{ runId: number } & XgmCompareChoice>, on: PulsePattern, off: PulsePattern, onProgress?: ProgressCallback): Promise<XgmCompareSide[]> {
    const plans = sides.map((side) => {
      const run = this.runOf(side.runId);
      return { ...side, run, chunks: this.chunksFor(run, [{ source: side.pulseSource, key: side.pulseKey }]) };
    });
    const job = this.startJob('Run comparison', plans.reduce((n, p) => n + p.chunks.length, 0), onProgress);
    const out: XgmCompareSide[] = [];
    for (const { run, chunks, fluxSource, pulseSource, pulseKey } of plans) {
      const flux = run.getArray(fluxSource, PHOTON_FLUX_KEY);
      if (Array.isArray(flux.data)) throw new Error(`${fluxSource} ${PHOTON_FLUX_KEY}: not numeric`);
      const a = await readInChunks(job, chunks, pulseSource, pulseKey);
      const r = suppressionRatio(pulseIntensity(a, pulseSource, pulseKey), on, off);
      out.push({
        fluxTrainIds: Float64Array.from(flux.coords.trainId),
        flux: Float64Array.from(flux.data as ArrayLike<number>, Number),
        trainIds: Float64Array.from(a.coords.trainId),
        ratio: r.perTrain.ratio,
        error: r.perTrain.error,
        overall: r.overall,
      });
    }
    return out;
  }

  /**
   * Waveform keys (digitizer channels) summed or averaged per sample over the trains of
   * `range` (docs 3.15.2). Two or more channels keep only the trains they all have, as the
   * docs' xarray.align(join='inner'). Read in chunks of trains; `cancelAnalysis()` stops it.
   */
  async waveform(runId: number, channels: WaveformChannel[], how: Reduction, range: TrainIdRange = {}, onProgress?: ProgressCallback): Promise<WaveformResult[]> {
    if (!channels.length) throw new Error('Pick a waveform key');
    const run = trainRange(this.runOf(runId), range);
    if (!run.trainIds.length) throw new Error('No trains in that range');
    const chunks = this.chunksFor(run, channels);
    const job = this.startJob(`Waveform ${how}`, chunks.length, onProgress);
    const sums = channels.map(() => new TrainAccumulator());
    for (const view of chunks) {
      await job.checkpoint();
      const arrays = channels.map(({ source, key }) => numericArray(view.getArray(source, key), source, key));
      commonTrains(arrays).forEach((a, i) => sums[i].add(a));
      job.chunkDone();
    }
    return sums.map((acc) => ({ values: acc.result(how).data, nTrains: acc.nTrains }));
  }

  /** Stops every running XGM or waveform analysis at its next chunk (they reject); a progress report answered `true` stops one. */
  cancelAnalysis(): void {
    this.analysisCancelled = this.analysisJob;
  }

  private startJob(what: string, total: number, onProgress?: ProgressCallback): ChunkedJob {
    const job = ++this.analysisJob;
    return new ChunkedJob(what, total, () => this.analysisCancelled >= job, onProgress);
  }

  private chunksFor(run: DataCollection, keys: WaveformChannel[]): DataCollection[] {
    return trainChunks(run, this.chunkTrains ?? chunkTrains(run, keys));
  }
}

function trainRange(run: DataCollection, { firstTrainId, lastTrainId }: TrainIdRange): DataCollection {
  if (firstTrainId === undefined && lastTrainId === undefined) return run;
  return run.selectTrains(byId.slice(firstTrainId ?? null, lastTrainId === undefined ? null : lastTrainId + 1));
}

function numericArray(a: LabelledArray, source: string, key: string): LabelledArray & { data: NumericArray } {
  if (Array.isArray(a.data)) throw new Error(`${source} ${key}: strings cannot be summed`);
  return a as LabelledArray & { data: NumericArray };
}

/** (trains × pulses) as float32, as the XGM analyses take it. */
function pulseIntensity(a: LabelledArray, source: string, key: string) {
  if (a.shape.length !== 2) throw new Error(`${source} ${key}: expected trains × pulses, got shape (${a.shape.join(', ')})`);
  return { data: toFloat32(a.data), shape: a.shape, dtype: 'float32' as const };
}

/** The arrays restricted to the trains all of them have (unchanged when they agree already). */
function commonTrains<T extends LabelledArray & { data: NumericArray }>(arrays: T[]): T[] {
  const same = (a: T) => a.coords.trainId.length === arrays[0].coords.trainId.length && a.coords.trainId.every((t, i) => t === arrays[0].coords.trainId[i]);
  if (arrays.every(same)) return arrays;
  let ref = arrays[0];
  for (const a of arrays.slice(1)) [ref] = alignTrains(ref, a);
  return arrays.map((a) => alignTrains(ref, a)[1]);
}

const SELECTIONS = '/xfel-selections';

interface MemFs {
  FS: { mkdir(path: string): void; readFile(path: string): Uint8Array; unlink(path: string): void };
}

function selection(run: DataCollection, spec: SelectionSpec): DataCollection {
  const picked = run.select(spec.sourceGlob || '*', spec.keyGlob || '*');
  const first = spec.firstTrainId ?? null;
  const stop = spec.lastTrainId === undefined ? null : spec.lastTrainId + 1;
  return first === null && stop === null ? picked : picked.selectTrains(byId.slice(first, stop));
}

/** Node (tests, no in-memory file system in h5wasm/node): a temporary folder, read back and removed. */
async function writeOnDisk(sel: DataCollection): Promise<Uint8Array> {
  const spec = (s: string) => s;
  const fs: typeof import('node:fs/promises') = await import(/* @vite-ignore */ spec('node:fs/promises'));
  const os: typeof import('node:os') = await import(/* @vite-ignore */ spec('node:os'));
  const dir = await fs.mkdtemp(`${os.tmpdir()}/xfel-selection-`);
  try {
    await writeCollection(sel, `${dir}/selection.h5`);
    return new Uint8Array(await fs.readFile(`${dir}/selection.h5`));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// The docs' analyses (XGM pulses, digitizer waveforms) and writing a selection, over the
// viewer's open runs. Node tests import it directly; every array returned is fresh.
import { proxyMarker } from 'comlink';
import {
  byId, histogram, pulseIntensityImage, reduceOverTrains, suppressionRatio, writeCollection,
  type DataCollection, type PulsePattern, type Reduction, type Rect,
} from '../core/index';
import { emscripten, isNode, loadH5Wasm } from '../core/h5/h5wasmModule';
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

export interface WaveformResult {
  values: Float64Array;
  nTrains: number;
}

export class AnalysisApi {
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

  /** XGM `data.intensityTD` (docs 3.16–3.17): the pulse image, the suppression ratio per train, its histogram and overall value. */
  xgmPulses(runId: number, source: string, key: string, on: PulsePattern, off: PulsePattern, bins = 30): XgmPulsesResult {
    const a = this.runOf(runId).getArray(source, key);
    if (a.shape.length !== 2) throw new Error(`${source} ${key}: expected trains × pulses, got shape (${a.shape.join(', ')})`);
    const intensity = { data: toFloat32(a.data), shape: a.shape, dtype: 'float32' as const };
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
   * suppression ratio per train, computed where the collections live.
   */
  compareXgm(sides: Array<{ runId: number } & XgmCompareChoice>, on: PulsePattern, off: PulsePattern): XgmCompareSide[] {
    return sides.map(({ runId, fluxSource, pulseSource, pulseKey }) => {
      const run = this.runOf(runId);
      const flux = run.getArray(fluxSource, PHOTON_FLUX_KEY);
      if (Array.isArray(flux.data)) throw new Error(`${fluxSource} ${PHOTON_FLUX_KEY}: not numeric`);
      const a = run.getArray(pulseSource, pulseKey);
      if (a.shape.length !== 2) throw new Error(`${pulseSource} ${pulseKey}: expected trains × pulses, got shape (${a.shape.join(', ')})`);
      const r = suppressionRatio({ data: toFloat32(a.data), shape: a.shape, dtype: 'float32' }, on, off);
      return {
        fluxTrainIds: Float64Array.from(flux.coords.trainId),
        flux: Float64Array.from(flux.data as ArrayLike<number>, Number),
        trainIds: Float64Array.from(a.coords.trainId),
        ratio: r.perTrain.ratio,
        error: r.perTrain.error,
        overall: r.overall,
      };
    });
  }

  /** A waveform key summed or averaged over the run's trains (docs 3.15.2). */
  waveform(runId: number, source: string, key: string, how: Reduction): WaveformResult {
    const a = this.runOf(runId).getArray(source, key);
    if (Array.isArray(a.data)) throw new Error(`${source} ${key}: strings cannot be summed`);
    const r = reduceOverTrains({ data: a.data, shape: a.shape, dtype: a.dtype }, how);
    return { values: r.data, nTrains: a.shape[0] };
  }
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

// Long analyses read their keys a few trains at a time. h5wasm reads are synchronous, so
// only between chunks can the worker take a cancel message or report progress.
import { byIndex, type DataCollection, type LabelledArray, type NumericArray } from '../core/index';
import { product } from '../core/h5/dtypes';
import type { ProgressCallback } from './analysisApi';
import { stopWhenAnsweredTrue } from './progressAnswer';

/** About this many bytes of one key per chunk; at most MAX_TRAINS trains, so progress moves. */
const CHUNK_BYTES = 4 << 20;
const MAX_TRAINS = 32;

export class AnalysisCancelled extends Error {
  constructor(what: string) {
    super(`${what} cancelled`);
    this.name = 'AnalysisCancelled';
  }
}

/**
 * Counts chunks done against a known total, and stops at the first checkpoint after a cancel:
 * cancelAnalysis() (every job), or a progress report answered `true` (this job only: the
 * page's task was cancelled; through comlink that answer comes back while the next chunk is read).
 */
export class ChunkedJob {
  private done = 0;
  private stopAsked = false;

  constructor(
    private readonly what: string,
    readonly total: number,
    private readonly isCancelled: () => boolean,
    private readonly onProgress?: ProgressCallback,
  ) {}

  /** Lets queued messages (a cancel, an answer to a progress report) run, then throws if this job was cancelled. */
  async checkpoint(): Promise<void> {
    await new Promise((r) => setTimeout(r, 0));
    if (this.stopAsked || this.isCancelled()) throw new AnalysisCancelled(this.what);
  }

  chunkDone(): void {
    stopWhenAnsweredTrue(this.onProgress?.(++this.done, this.total), () => (this.stopAsked = true));
  }
}

/** Trains per chunk for keys of these entry shapes and dtypes (the widest one decides). */
export function chunkTrains(run: DataCollection, keys: Array<{ source: string; key: string }>): number {
  const rowBytes = Math.max(1, ...keys.map(({ source, key }) => {
    const { dtype, shape } = run.keyInfo(source, key);
    return product(shape) * itemBytes(dtype);
  }));
  return Math.max(1, Math.min(MAX_TRAINS, Math.floor(CHUNK_BYTES / rowBytes)));
}

/** Bytes per value of a dtype name ('int16' → 2); 8 for the rest (strings fail later, when read). */
function itemBytes(dtype: string): number {
  const bits = /(\d+)$/.exec(dtype)?.[1];
  return bits ? Number(bits) / 8 : dtype === 'bool' ? 1 : 8;
}

/** The views of `run` that cover its trains `size` at a time, in order. */
export function trainChunks(run: DataCollection, size: number): DataCollection[] {
  const out: DataCollection[] = [];
  for (let i = 0; i < run.trainIds.length; i += size) out.push(run.selectTrains(byIndex.slice(i, i + size)));
  return out;
}

/** `run.getArray(source, key)`, read chunk by chunk under `job`: the same rows and train IDs. */
export async function readInChunks(job: ChunkedJob, chunks: DataCollection[], source: string, key: string): Promise<LabelledArray> {
  const parts: LabelledArray[] = [];
  for (const view of chunks) {
    await job.checkpoint();
    parts.push(view.getArray(source, key));
    job.chunkDone();
  }
  return concatRows(parts);
}

/** Arrays of one key over consecutive trains joined along the train axis. */
export function concatRows(parts: LabelledArray[]): LabelledArray {
  if (parts.length === 1) return parts[0];
  const [first] = parts;
  if (Array.isArray(first.data)) throw new Error('string keys are not read in chunks');
  const rows = parts.reduce((n, p) => n + p.shape[0], 0);
  const data = new (first.data.constructor as { new (n: number): NumericArray })(parts.reduce((n, p) => n + p.data.length, 0));
  let at = 0;
  for (const p of parts) {
    (data as Float64Array).set(p.data as Float64Array, at);
    at += p.data.length;
  }
  return { ...first, data, shape: [rows, ...first.shape.slice(1)], coords: { trainId: parts.flatMap((p) => p.coords.trainId) } };
}

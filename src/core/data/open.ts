// Opening runs and files: RunDirectory(path | File[]) and H5File(path | File).
// Opening reads only METADATA and INDEX/trainId of each file, or nothing at all when
// a run-map cache (or an earlier open in this process) knows the file.
import { FileAccess, type FileSummary } from '../format/fileAccess';
import { HandlePool } from '../format/handlePool';
import { FORMAT_1_1_WARNING } from '../format/trainIndex';
import { H5Error, sourceName, summariseHdf5Diag, type H5Source } from '../h5/h5File';
import { isNode, loadH5Wasm } from '../h5/h5wasmModule';
import { DataCollection, type CollectionOptions } from './dataCollection';
import { fnmatch } from './fnmatch';
import { loadBrowserCache, saveBrowserCache } from './runMap';

type NodeRunFiles = typeof import('./nodeRunFiles');

export interface RunOptions extends CollectionOptions {
  /** Glob on file names, e.g. '*DA*'. */
  include?: string;
  /** Called after each file's METADATA and INDEX are read (or found in a cache), with the name of the file read next. */
  onProgress?: (done: number, total: number, next?: string) => void;
  /**
   * Stops opening between files with an AbortError; the files this call opened are closed.
   * Opening yields to the event loop now and then when given one, so an abort can arrive.
   */
  signal?: AbortSignal;
  /** Told once the files are summarised: how many came from a cache (run map, IndexedDB, this process) rather than the files. */
  onCacheHits?: (hits: number, total: number) => void;
  /**
   * Reads the summaries of many uncached files elsewhere (a Worker pool: in a browser each read
   * waits on a round trip, so several workers overlap them). Used from `minFiles` files on;
   * results in the files' order, `onDone` with how many are done.
   */
  summariser?: { minFiles: number; summarise: FileSummariser };
}

export type FileSummariser = (files: H5Source[], onDone: (done: number) => void, signal?: AbortSignal) => Promise<Array<FileSummary | { error: string }>>;

/** One file's METADATA and INDEX summary, read with `handles` (which keep the file open). */
export function summariseSource(handles: HandlePool, src: H5Source): FileSummary {
  return FileAccess.summarise(handles.get(src));
}

/** Why a file could not be summarised, in the words of its HDF5 error. */
export function unreadableReason(e: unknown): string {
  return e instanceof H5Error && e.hdf5Diag ? summariseHdf5Diag(e.hdf5Diag) : e instanceof Error ? e.message : String(e);
}

let pool: HandlePool | undefined;

async function sharedPool(): Promise<HandlePool> {
  pool ??= new HandlePool(await loadH5Wasm());
  return pool;
}

function nodeRunFiles(): Promise<NodeRunFiles> {
  // Opaque to Vite: the browser bundle never includes node:fs
  const specifier = './nodeRunFiles.ts';
  return import(/* @vite-ignore */ specifier);
}

/** Opens a run folder (Node path) or the files of one (browser File objects). */
export async function RunDirectory(run: string | readonly File[], options: RunOptions = {}): Promise<DataCollection> {
  const handles = await sharedPool();
  const include = options.include ?? '*';
  if (typeof run === 'string') {
    if (!isNode) throw new Error(`Cannot open a path (${run}) outside Node: pass the run's File objects`);
    const node = await nodeRunFiles();
    const files = node.listRunFiles(run, include);
    const cached = node.loadRunMap(run, files);
    const read = await summariseFiles(handles, files.map((f) => ({ src: f.path, size: f.size, stamp: `${f.size}:${f.mtime}` })), cached, options);
    if (read.fresh) node.saveRunMap(run, files, read.summaries as Map<string, FileSummary>);
    return build(handles, read, run, options);
  }
  const files = run.filter((f) => f.name.endsWith('.h5') && f.name.toLowerCase() !== 'overview.h5' && fnmatch(f.name, include));
  const cached = await loadBrowserCache(files);
  const read = await summariseFiles(handles, files.map((f) => ({ src: f, size: f.size, stamp: '' })), cached, options);
  if (read.fresh) await saveBrowserCache(new Map([...read.summaries].filter(([f]) => !cached.has(f as File)) as Array<[File, FileSummary]>));
  return build(handles, read, `the ${run.length} files given`, options);
}

interface SummariesRead {
  summaries: Map<H5Source, FileSummary>;
  warnings: string[];
  /** Whether any file was read rather than taken from the cache. */
  fresh: boolean;
  /** Files whose summary came from a cache. */
  hits: number;
}

/**
 * Summaries read in this process, by path (with size and mtime) or File: reopening a run
 * rereads nothing, as EXtra-data's registry of FileAccess objects.
 */
const readBefore = new Map<string, { stamp: string; summary: FileSummary }>();
const readBeforeFiles = new WeakMap<File, FileSummary>();

function remembered(src: H5Source, stamp: string): FileSummary | undefined {
  if (typeof src !== 'string') return readBeforeFiles.get(src);
  const r = readBefore.get(src);
  return r?.stamp === stamp ? r.summary : undefined;
}

function remember(src: H5Source, stamp: string, summary: FileSummary): void {
  if (typeof src === 'string') readBefore.set(src, { stamp, summary });
  else readBeforeFiles.set(src, summary);
}

/** Time between yields to the event loop while opening with a signal: short enough for a prompt Cancel. */
const YIELD_EVERY_MS = 15;

/**
 * Summaries from the caches, or read from each file; unreadable files are skipped with a
 * warning. Reports progress after each file; an aborted signal closes the files opened here.
 */
async function summariseFiles(
  handles: HandlePool,
  files: Array<{ src: H5Source; size: number; stamp: string }>,
  cached: ReadonlyMap<H5Source, FileSummary>,
  { onProgress, signal, summariser }: Pick<RunOptions, 'onProgress' | 'signal' | 'summariser'> = {},
): Promise<SummariesRead> {
  const out: SummariesRead = { summaries: new Map(), warnings: [], fresh: false, hits: 0 };
  const toRead = files.filter((f) => f.size > 0 && !(remembered(f.src, f.stamp) ?? cached.get(f.src)));
  if (summariser && toRead.length >= summariser.minFiles) {
    const hits = files.length - toRead.length;
    let done = 0;
    const read = await summariser.summarise(toRead.map((f) => f.src), (n) => onProgress?.(hits + (done = n), files.length), signal).catch((e) => {
      throw signal?.aborted ? cancelledAfter(hits + done, files.length) : e;
    });
    const bySource = new Map(toRead.map((f, i) => [f.src, read[i]]));
    for (const { src, size, stamp } of files) {
      const r = bySource.get(src);
      if (!r) summariseOne(handles, src, size, stamp, cached, out, []);
      else if ('error' in r) out.warnings.push(`Skipping file ${sourceName(src)}: ${r.error}`);
      else {
        remember(src, stamp, r);
        out.summaries.set(src, r);
        out.fresh = true;
      }
    }
    return out;
  }
  const opened: H5Source[] = [];
  let lastYield = performance.now();
  for (const [i, { src, size, stamp }] of files.entries()) {
    if (signal) {
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((r) => setTimeout(r, 0));
        lastYield = performance.now();
      }
      if (signal.aborted) {
        for (const f of opened) handles.close(f);
        throw abortError(signal, i, files.length);
      }
    }
    summariseOne(handles, src, size, stamp, cached, out, opened);
    // `next`: the file read now, which a watchdog names if it never comes back
    onProgress?.(i + 1, files.length, i + 1 < files.length ? sourceName(files[i + 1].src) : undefined);
  }
  return out;
}

function summariseOne(handles: HandlePool, src: H5Source, size: number, stamp: string, cached: ReadonlyMap<H5Source, FileSummary>, out: SummariesRead, opened: H5Source[]): void {
  const hit = remembered(src, stamp) ?? cached.get(src);
  if (hit) {
    out.summaries.set(src, hit);
    out.hits++;
    return;
  }
  if (size === 0) {
    out.warnings.push(`Skipping file ${sourceName(src)}: it is empty`);
    return;
  }
  try {
    if (!handles.has(src)) opened.push(src);
    const summary = summariseSource(handles, src);
    remember(src, stamp, summary);
    out.summaries.set(src, summary);
    out.fresh = true;
  } catch (e) {
    out.warnings.push(`Skipping file ${sourceName(src)}: ${unreadableReason(e)}`);
  }
}

function abortError(signal: AbortSignal, done: number, total: number): Error {
  // A reason of the caller's own (not abort()'s default DOMException) says more than a count.
  if (signal.reason instanceof Error && signal.reason.name === 'AbortError' && !(signal.reason instanceof DOMException)) return signal.reason;
  return cancelledAfter(done, total);
}

function cancelledAfter(done: number, total: number): Error {
  const e = new Error(`Opening cancelled after ${done} of ${total} files`);
  e.name = 'AbortError';
  return e;
}

function build(handles: HandlePool, read: SummariesRead, label: string, options: RunOptions): DataCollection {
  options.onCacheHits?.(read.hits, read.summaries.size);
  const warnings = [...read.warnings];
  const accesses: FileAccess[] = [];
  for (const [src, summary] of read.summaries) {
    // A file with no trains has nothing to read (EXtra-data skips it too)
    if (!summary.trainIds.length) {
      warnings.push(`Skipping file ${sourceName(src)}: it has no trains`);
      continue;
    }
    if (summary.formatVersion === '1.1' && !warnings.includes(FORMAT_1_1_WARNING)) warnings.push(FORMAT_1_1_WARNING);
    accesses.push(new FileAccess(src, handles, summary));
  }
  if (!accesses.length) {
    throw new Error(`No usable EuXFEL HDF5 files in ${label}${warnings.length ? `:\n${warnings.join('\n')}` : ''}`);
  }
  return DataCollection.fromFiles(accesses, handles, warnings, options);
}

/** Opens one file; unlike a run, a file that cannot be read is an error, not a warning. */
export async function H5File(file: H5Source, options: CollectionOptions = {}): Promise<DataCollection> {
  const handles = await sharedPool();
  const access = new FileAccess(file, handles, FileAccess.summarise(handles.get(file)));
  const warnings = access.formatVersion === '1.1' ? [FORMAT_1_1_WARNING] : [];
  return DataCollection.fromFiles([access], handles, warnings, options);
}

// The run-map cache: what opening reads from each file (train IDs, sources, flags),
// stored per file with the size and modification time that make it valid.
// Same field names as EXtra-data's karabo_data_map.json, so those files can be read.
import type { FileSummary } from '../format/fileAccess';

export interface RunMapEntry {
  filename: string;
  mtime: number;
  size: number;
  /** EXtra-data's form: every train ID. */
  train_ids?: number[];
  /** Our compact form: [first train ID, number of consecutive trains] runs. */
  train_id_runs?: Array<[number, number]>;
  control_sources: string[];
  instrument_sources: string[];
  /** EXtra-data's form: one entry per train. */
  flag?: Array<boolean | number>;
  /** Our compact form: positions of suspect trains. */
  suspect?: number[];
  format_version?: string;
}

export function entryFromSummary(filename: string, mtime: number, size: number, s: FileSummary): RunMapEntry {
  const entry: RunMapEntry = {
    filename,
    mtime,
    size,
    train_id_runs: toRuns(s.trainIds),
    control_sources: s.controlSources,
    instrument_sources: s.instrumentSources,
    format_version: s.formatVersion,
  };
  if (s.validity) entry.suspect = [...s.validity.keys()].filter((i) => !s.validity![i]);
  return entry;
}

/** A summary from a cache entry; null when the entry is malformed. */
export function summaryFromEntry(e: RunMapEntry): FileSummary | null {
  if (!Array.isArray(e.control_sources) || !Array.isArray(e.instrument_sources)) return null;
  const trainIds = e.train_id_runs ? fromRuns(e.train_id_runs) : Array.isArray(e.train_ids) ? Float64Array.from(e.train_ids) : null;
  if (!trainIds) return null;
  let validity: Uint8Array | undefined;
  if (e.suspect) {
    validity = new Uint8Array(trainIds.length).fill(1);
    for (const i of e.suspect) validity[i] = 0;
  } else if (e.flag) validity = Uint8Array.from(e.flag, (f) => (f ? 1 : 0));
  return { formatVersion: e.format_version, trainIds, validity, controlSources: e.control_sources, instrumentSources: e.instrument_sources };
}

function toRuns(ids: Float64Array): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const t of ids) {
    const last = runs[runs.length - 1];
    if (last && t === last[0] + last[1]) last[1]++;
    else runs.push([t, 1]);
  }
  return runs;
}

function fromRuns(runs: Array<[number, number]>): Float64Array {
  const out = new Float64Array(runs.reduce((n, [, len]) => n + len, 0));
  let i = 0;
  for (const [start, len] of runs) for (let k = 0; k < len; k++) out[i++] = start + k;
  return out;
}

/** Browser cache: IndexedDB, keyed by file name + size + lastModified. */
const DB = 'xfel-run-viewer';
const STORE = 'file-summaries';

function browserCacheKey(f: File): string {
  return `${f.name}\n${f.size}\n${f.lastModified}`;
}

function openDb(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
  });
}

export async function loadBrowserCache(files: readonly File[]): Promise<Map<File, FileSummary>> {
  const out = new Map<File, FileSummary>();
  const db = await openDb();
  if (!db) return out;
  const store = db.transaction(STORE, 'readonly').objectStore(STORE);
  await Promise.all(
    files.map(
      (f) =>
        new Promise<void>((resolve) => {
          const req = store.get(browserCacheKey(f));
          req.onsuccess = () => {
            if (req.result) out.set(f, req.result as FileSummary);
            resolve();
          };
          req.onerror = () => resolve();
        }),
    ),
  );
  db.close();
  return out;
}

export async function saveBrowserCache(summaries: ReadonlyMap<File, FileSummary>): Promise<void> {
  if (!summaries.size) return;
  const db = await openDb();
  if (!db) return;
  const tx = db.transaction(STORE, 'readwrite');
  for (const [f, s] of summaries) tx.objectStore(STORE).put(s, browserCacheKey(f));
  await new Promise<void>((resolve) => {
    tx.oncomplete = tx.onerror = () => resolve();
  });
  db.close();
}

// The run-map cache: what opening reads from each file (train IDs, sources, flags),
// stored per file with the size and modification time that make it valid.
// Same field names as EXtra-data's karabo_data_map.json, so those files can be read.
import type { FileSummary } from '../format/fileAccess';

export interface RunMapEntry {
  filename: string;
  mtime: number;
  size: number;
  train_ids: number[];
  control_sources: string[];
  instrument_sources: string[];
  flag?: Array<boolean | number>;
  format_version?: string;
}

export function entryFromSummary(filename: string, mtime: number, size: number, s: FileSummary): RunMapEntry {
  return {
    filename,
    mtime,
    size,
    train_ids: Array.from(s.trainIds),
    control_sources: s.controlSources,
    instrument_sources: s.instrumentSources,
    flag: s.validity && Array.from(s.validity, (v) => v === 1),
    format_version: s.formatVersion,
  };
}

/** A summary from a cache entry; null when the entry is malformed. */
export function summaryFromEntry(e: RunMapEntry): FileSummary | null {
  if (!Array.isArray(e.train_ids) || !Array.isArray(e.control_sources) || !Array.isArray(e.instrument_sources)) return null;
  return {
    formatVersion: e.format_version,
    trainIds: Float64Array.from(e.train_ids),
    validity: e.flag ? Uint8Array.from(e.flag, (f) => (f ? 1 : 0)) : undefined,
    controlSources: e.control_sources,
    instrumentSources: e.instrument_sources,
  };
}

/** Browser cache: IndexedDB, keyed by file name + size + lastModified. */
const DB = 'xfel-run-viewer';
const STORE = 'file-summaries';

export function browserCacheKey(f: File): string {
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

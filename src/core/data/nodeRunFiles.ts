// Node-only parts of opening a run: listing the folder, stat-ing files, and the
// run-map caches (EXtra-data's karabo_data_map.json in the run folder, read only,
// and our own cache under ~/.cache/xfel-run-viewer/). Never writes into a run folder.
// Loaded with a dynamic import whose specifier Vite cannot see, so browser bundles skip it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { FileSummary } from '../format/fileAccess';
import { fnmatch } from './fnmatch';
import { entryFromSummary, summaryFromEntry, type RunMapEntry } from './runMap';

export interface RunFile {
  path: string;
  mtime: number;
  size: number;
}

/** The run's .h5 files (sorted; overview.h5 excluded), filtered by a glob on file names. */
export function listRunFiles(dir: string, include = '*'): RunFile[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.h5') && n.toLowerCase() !== 'overview.h5' && fnmatch(n, include))
    .sort()
    .map((n) => {
      const path = join(dir, n);
      const st = statSync(path);
      return { path, mtime: st.mtimeMs / 1000, size: st.size };
    });
}

function cacheDir(): string {
  return process.env.XFEL_RUN_VIEWER_CACHE ?? join(homedir(), '.cache', 'xfel-run-viewer');
}

function ownCachePath(dir: string): string {
  const id = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 24);
  return join(cacheDir(), `runmap-${id}.json`);
}

function readEntries(path: string): RunMapEntry[] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8'));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Cached summaries still valid for these files (same size, mtime within 1 ms). */
export function loadRunMap(dir: string, files: readonly RunFile[]): Map<string, FileSummary> {
  const byName = new Map<string, RunMapEntry>();
  for (const e of readEntries(join(dir, 'karabo_data_map.json'))) byName.set(e.filename, e);
  // Ours wins: it also records the format version
  for (const e of readEntries(ownCachePath(dir))) byName.set(e.filename, e);
  const out = new Map<string, FileSummary>();
  for (const f of files) {
    const e = byName.get(basename(f.path));
    if (!e || e.size !== f.size || Math.abs(e.mtime - f.mtime) > 1e-3) continue;
    const s = summaryFromEntry(e);
    if (s) out.set(f.path, s);
  }
  return out;
}

/** Writes our cache for a run folder (best effort: a read-only home just means no cache). */
export function saveRunMap(dir: string, files: readonly RunFile[], summaries: ReadonlyMap<string, FileSummary>): void {
  const entries = files.flatMap((f) => {
    const s = summaries.get(f.path);
    return s ? [entryFromSummary(basename(f.path), f.mtime, f.size, s)] : [];
  });
  try {
    mkdirSync(cacheDir(), { recursive: true });
    const path = ownCachePath(dir);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries));
    renameSync(tmp, path);
  } catch {
    // no writable cache folder: opening still works, only slower next time
  }
}

// Run-wide checks (EXtra-data's run_dir_check): here, the run-map cache against the files.
import { baseName } from '../h5/h5File';
import { registerRunCheck } from './registry';

interface CacheEntry {
  filename: string;
  mtime: unknown;
  size: unknown;
  train_ids: unknown;
  control_sources: unknown;
  instrument_sources: unknown;
}

/**
 * A cache entry whose file changed (size or mtime) is just outdated, not a problem:
 * EXtra-data ignores those when loading. A current entry must match the file.
 */
registerRunCheck('run_json_cache', async (run, files) => {
  if (!run.cache) return [];
  const current = currentEntries(run.cache.text, run.files);
  const problems = [];
  for (const f of files) {
    const entry = current.get(baseName(f.file));
    if (!entry) continue;
    const agrees = sameSet(entry.control_sources, f.controlSources)
      && sameSet(entry.instrument_sources, f.instrumentSources)
      && sameTrainIds(entry.train_ids, f.trainIds);
    if (!agrees) problems.push({ msg: 'Incorrect data map cache entry', cacheFile: run.cache.path, dataFile: f.file });
  }
  return problems;
});

function currentEntries(text: string, files: Array<{ name: string; size: number; mtimeMatches(m: unknown): boolean }>): Map<string, CacheEntry> {
  let loaded: unknown;
  try {
    loaded = JSON.parse(text);
  } catch {
    return new Map(); // an unreadable cache is ignored, like EXtra-data does
  }
  const out = new Map<string, CacheEntry>();
  if (!Array.isArray(loaded)) return out;
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const entry of loaded as CacheEntry[]) {
    const f = byName.get(entry?.filename);
    const complete = entry && 'suspect_train_indices' in entry && 'legacy_sources' in entry;
    if (f && complete && f.size === entry.size && f.mtimeMatches(entry.mtime)) out.set(entry.filename, entry);
  }
  return out;
}

function sameSet(cached: unknown, actual: string[]): boolean {
  if (!Array.isArray(cached)) return false;
  const c = new Set(cached);
  return c.size === actual.length && actual.every((s) => c.has(s));
}

function sameTrainIds(cached: unknown, actual: bigint[]): boolean {
  return Array.isArray(cached) && cached.length === actual.length
    && cached.every((t, i) => typeof t === 'number' && Number.isInteger(t) && BigInt(t) === actual[i]);
}

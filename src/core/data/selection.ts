// select()/deselect() arguments in karabo_data's three forms, resolved to
// {source: keys or null (all keys)} against the sources of a collection.
import { fnmatch } from './fnmatch';
import { NoMatchError, PropertyNameError, SourceNameError } from './errors';
import { canonicalKey, entryHasKey, entryKeys, type SourceEntry } from './sourceEntry';

/** (srcGlob, keyGlob?), a list of [srcGlob, keyGlob], or {source: keys} (empty = all keys). */
export type SelectionArg = string | ReadonlyArray<readonly [string, string]> | Readonly<Record<string, Iterable<string>>>;

export type Selection = Map<string, Set<string> | null>;

export function resolveSelection(sources: ReadonlyMap<string, SourceEntry>, arg: SelectionArg, keyGlob = '*'): Selection {
  const out: Selection = new Map();
  const add = (src: string, keys: Set<string> | null) => {
    const prev = out.get(src);
    if (prev === null) return;
    if (keys === null || prev === undefined) out.set(src, keys === null ? null : new Set(keys));
    else for (const k of keys) prev.add(k);
  };
  if (typeof arg === 'string' || Array.isArray(arg)) {
    const patterns: Array<readonly [string, string]> = typeof arg === 'string' ? [[arg, keyGlob]] : [...(arg as Array<readonly [string, string]>)];
    for (const [srcGlob, kGlob] of patterns) {
      let matched = false;
      for (const entry of sources.values()) {
        if (!fnmatch(entry.name, srcGlob)) continue;
        if (kGlob === '*' && entry.keys === null) {
          add(entry.name, null);
          matched = true;
          continue;
        }
        const keys = entryKeys(entry).filter((k) => keyMatches(entry, k, kGlob));
        if (keys.length) {
          add(entry.name, new Set(keys));
          matched = true;
        }
      }
      if (!matched) throw new NoMatchError(`('${srcGlob}', '${kGlob}')`, sources.keys());
    }
    return out;
  }
  for (const [src, keys] of Object.entries(arg as Record<string, Iterable<string>>)) {
    const entry = sources.get(src);
    if (!entry) throw new SourceNameError(src, sources.keys());
    const list = [...keys].map((k) => canonicalKey(entry, k));
    const unknown = list.find((k) => !entryHasKey(entry, k));
    if (unknown !== undefined) throw new PropertyNameError(src, unknown, entryKeys(entry));
    add(src, list.length ? new Set(list) : null);
  }
  return out;
}

/** Control keys match a glob with or without their `.value` suffix, as in EXtra-data. */
function keyMatches(entry: SourceEntry, key: string, glob: string): boolean {
  return fnmatch(key, glob) || (entry.control && key.endsWith('.value') && fnmatch(key.slice(0, -6), glob));
}


// A source as a collection sees it: its files in train order and the keys selected.
import type { FileAccess } from '../format/fileAccess';

export interface SourceEntry {
  readonly name: string;
  readonly control: boolean;
  /** Sequence files holding this source, chained in train order. */
  readonly files: readonly FileAccess[];
  /** Selected keys, or null for all keys. */
  readonly keys: ReadonlySet<string> | null;
}

export function sortByFirstTrain(files: readonly FileAccess[]): FileAccess[] {
  return [...files].sort((a, b) => (a.trainIds[0] ?? Infinity) - (b.trainIds[0] ?? Infinity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** All keys of the source in its first file, or the selected ones. */
export function entryKeys(entry: SourceEntry): string[] {
  return entry.keys ? [...entry.keys].sort() : entry.files[0].keys(entry.name);
}

export function entryHasKey(entry: SourceEntry, key: string): boolean {
  return entry.keys ? entry.keys.has(key) : entry.files[0].hasKey(entry.name, key);
}

/** A control key may be named without `.value`. */
export function canonicalKey(entry: SourceEntry, key: string): string {
  if (!entry.control || key.endsWith('.value') || key.endsWith('.timestamp') || entryHasKey(entry, key)) return key;
  return `${key}.value`;
}

/**
 * Train IDs recorded twice for a source (within one file or across files), with the
 * files that hold them; empty when every train is unique. Fast when files are in order.
 */
export function duplicateTrains(files: readonly FileAccess[]): Array<{ trainId: number; files: [string, string] }> {
  let last = -Infinity;
  let ordered = true;
  for (const f of files) {
    for (const t of f.trainIds) {
      if (t <= last) {
        ordered = false;
        break;
      }
      last = t;
    }
    if (!ordered) break;
  }
  if (ordered) return [];
  const seen = new Map<number, string>();
  const dups: Array<{ trainId: number; files: [string, string] }> = [];
  for (const f of files) {
    for (const t of f.trainIds) {
      const prev = seen.get(t);
      if (prev !== undefined) dups.push({ trainId: t, files: [prev, f.filename] });
      else seen.set(t, f.filename);
    }
  }
  return dups;
}

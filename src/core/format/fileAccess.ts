// One EuXFEL data file: what opening a run needs (train IDs, sources, format version)
// read once, and everything else (index groups, indexes, keys) read lazily and cached.
// The HDF5 handle itself comes from a shared pool, so it may be closed and reopened.
import { baseName, sourceName, type H5Source, type HDF5File } from '../h5/h5File';
import type { HandlePool } from './handlePool';
import { readDataSources, readFormatVersion } from './metadata';
import { readSourceIndex, readTrainIds, readTrainTimestamps, readValidity, type SourceIndex } from './trainIndex';
import { keyToPath, listKeys } from './keys';

/**
 * What opening reads from a file: also what the run-map caches store. EXtra-data's
 * karabo_data_map.json has no format version (and older ones no flag): read lazily then.
 */
export interface FileSummary {
  formatVersion?: string;
  trainIds: Float64Array;
  validity?: Uint8Array;
  controlSources: string[];
  instrumentSources: string[];
}

export class FileAccess {
  readonly path: string;
  readonly filename: string;
  readonly trainIds: Float64Array;
  readonly controlSources: ReadonlySet<string>;
  readonly instrumentSources: ReadonlySet<string>;
  private readonly indexCache = new Map<string, SourceIndex>();
  private readonly keysCache = new Map<string, string[]>();
  private readonly keySets = new WeakMap<string[], Set<string>>();
  private readonly knownKeys = new Map<string, Map<string, boolean>>();
  private readonly groupsCache = new Map<string, string[]>();
  private positions: Map<number, number> | null = null;
  private version: string | undefined;
  private flags: Uint8Array | undefined;

  constructor(readonly src: H5Source, private readonly pool: HandlePool, summary: FileSummary) {
    this.path = sourceName(src);
    this.filename = baseName(this.path);
    this.trainIds = summary.trainIds;
    this.flags = summary.validity;
    this.version = summary.formatVersion;
    this.controlSources = new Set(summary.controlSources);
    this.instrumentSources = new Set(summary.instrumentSources);
  }

  /** Reads METADATA and INDEX/trainId only: the validity flags are read when first needed. */
  static summarise(h5: HDF5File): FileSummary {
    const formatVersion = readFormatVersion(h5);
    const { control, instrument } = readDataSources(h5, formatVersion);
    return { formatVersion, trainIds: readTrainIds(h5), controlSources: control, instrumentSources: instrument };
  }

  get formatVersion(): string {
    return (this.version ??= readFormatVersion(this.h5));
  }

  /** 1 = good train, 0 = suspect, per position in INDEX/trainId. */
  get validity(): Uint8Array {
    return (this.flags ??= readValidity(this.h5, this.formatVersion, this.trainIds));
  }

  get h5(): HDF5File {
    return this.pool.get(this.src);
  }

  hasSource(source: string): boolean {
    return this.controlSources.has(source) || this.instrumentSources.has(source);
  }

  isControl(source: string): boolean {
    return this.controlSources.has(source);
  }

  /** Index groups of a source: '' for control sources, output groups ('data', 'image'…) for instrument ones. */
  indexGroups(source: string): string[] {
    if (this.controlSources.has(source)) return [''];
    let groups = this.groupsCache.get(source);
    if (!groups) {
      const h5 = this.h5;
      const base = `INDEX/${source}`;
      groups = h5.kind(base) === 'group' ? h5.keys(base).filter((g) => h5.kind(`${base}/${g}`) === 'group') : [];
      this.groupsCache.set(source, groups);
    }
    return groups;
  }

  /** The index group a key is indexed by. */
  groupForKey(source: string, key: string): string {
    if (this.controlSources.has(source)) return '';
    const group = key.split('.')[0];
    const groups = this.indexGroups(source);
    return groups.includes(group) || groups.length !== 1 ? group : groups[0];
  }

  index(source: string, group: string): SourceIndex {
    const id = `${source}\n${group}`;
    let ix = this.indexCache.get(id);
    if (!ix) {
      ix = readSourceIndex(this.h5, source, group, this.trainIds.length);
      this.indexCache.set(id, ix);
    }
    return ix;
  }

  /** Keys of a source, sorted; control keys as `name.value` / `name.timestamp`. */
  keys(source: string): string[] {
    let keys = this.keysCache.get(source);
    if (!keys) {
      keys = listKeys(this.h5, source, this.isControl(source));
      this.keysCache.set(source, keys);
    }
    return keys;
  }

  /** Whether a key exists, without listing all keys of the source. */
  hasKey(source: string, key: string): boolean {
    const listed = this.keysCache.get(source);
    if (listed) {
      // Asked once per key of a train view: a set, not a scan of the source's keys
      let set = this.keySets.get(listed);
      if (!set) this.keySets.set(listed, (set = new Set(listed)));
      return set.has(key);
    }
    let known = this.knownKeys.get(source);
    if (!known) this.knownKeys.set(source, (known = new Map()));
    let exists = known.get(key);
    if (exists === undefined) {
      exists = this.hasSource(source) && this.h5.kind(this.datasetPath(source, key)) === 'dataset';
      known.set(key, exists);
    }
    return exists;
  }

  datasetPath(source: string, key: string): string {
    return keyToPath(source, key, this.isControl(source));
  }

  /** INDEX/timestamp per position, or null (format 0.5). */
  trainTimestamps(): BigUint64Array | null {
    return readTrainTimestamps(this.h5, this.trainIds.length);
  }

  /** Position of a train in this file's INDEX, or -1. */
  positionOf(trainId: number): number {
    if (!this.positions) {
      this.positions = new Map();
      for (let i = this.trainIds.length - 1; i >= 0; i--) this.positions.set(this.trainIds[i], i);
    }
    return this.positions.get(trainId) ?? -1;
  }
}

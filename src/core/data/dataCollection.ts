// A run, a file, or a selection of either: an immutable view over shared FileAccess
// objects. select/deselect/selectTrains/union return new views; nothing is re-read.
import type { FileAccess } from '../format/fileAccess';
import type { HandlePool } from '../format/handlePool';
import { runKeyPath } from '../format/keys';
import { product, type NumericArray } from '../h5/dtypes';
import { rowTrainIds, type TrainFilter } from './chunks';
import { buildDataFrame } from './dataFrame';
import { PropertyNameError, SourceNameError, TrainIDError } from './errors';
import { detectorInfo, formatInfo, isDetectorSource } from './info';
import { entryInfo, keyChunks, readKey, type Roi } from './readKey';
import { resolveSelection, type SelectionArg } from './selection';
import { canonicalKey, duplicateTrains, entryHasKey, entryKeys, sortByFirstTrain, type SourceEntry } from './sourceEntry';
import { resolveIndex } from './slices';
import { hasAllKeys, readTrain, readTrainKeyHead, trainKeyCounts } from './trainData';
import { selectTrainIds, type TrainSelector } from './trainSelectors';
import type { DataFrame, DetectorInfo, LabelledArray, Series, TrainData, TrainValue } from './types';
import { writeCollection } from '../writing/writeCollection';

export interface CollectionOptions {
  /** Include trains flagged suspect in INDEX/flag (default true, as EXtra-data). */
  includeSuspectTrains?: boolean;
}

interface State {
  sources: ReadonlyMap<string, SourceEntry>;
  trainIds: number[];
  /** null: every train of every file is selected. */
  trainSet: ReadonlySet<number> | null;
  includeSuspect: boolean;
  pool: HandlePool;
  warnings: string[];
}

export class DataCollection {
  /** Sorted train IDs of this selection. */
  readonly trainIds: number[];
  readonly warnings: string[];
  private readonly sources: ReadonlyMap<string, SourceEntry>;
  /**
   * Package-internal (src/core only, not part of the karabo_data API): the train selection
   * as readers apply it. The detector layer reads single frames (one-row hyperslabs), which
   * no public getter offers.
   */
  readonly trainFilter: TrainFilter;

  private constructor(private readonly state: State) {
    this.sources = state.sources;
    this.trainIds = state.trainIds;
    this.warnings = state.warnings;
    this.trainFilter = { trainSet: state.trainSet, includeSuspect: state.includeSuspect };
  }

  /** A collection of whole files (a run or a single file). Throws if a source has a train twice. */
  static fromFiles(files: FileAccess[], pool: HandlePool, warnings: string[], options: CollectionOptions = {}): DataCollection {
    const includeSuspect = options.includeSuspectTrains ?? true;
    const bySource = new Map<string, FileAccess[]>();
    for (const f of files) {
      for (const s of [...f.controlSources, ...f.instrumentSources]) {
        if (!bySource.has(s)) bySource.set(s, []);
        bySource.get(s)!.push(f);
      }
    }
    const sources = new Map<string, SourceEntry>();
    for (const [name, fs] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
      sources.set(name, { name, control: fs[0].controlSources.has(name), files: sortByFirstTrain(fs), keys: null });
    }
    checkConflicts(sources);
    const trainIds = unionTrainIds(files, includeSuspect);
    return new DataCollection({ sources, trainIds, trainSet: null, includeSuspect, pool, warnings });
  }

  get controlSources(): Set<string> {
    return new Set([...this.sources.values()].filter((e) => e.control).map((e) => e.name));
  }

  get instrumentSources(): Set<string> {
    return new Set([...this.sources.values()].filter((e) => !e.control).map((e) => e.name));
  }

  get allSources(): Set<string> {
    return new Set(this.sources.keys());
  }

  get detectorSources(): Set<string> {
    return new Set([...this.instrumentSources].filter(isDetectorSource));
  }

  /** Files holding the selected sources, by name. */
  get files(): Array<{ filename: string; path: string; formatVersion: string }> {
    return this.fileAccesses().map((f) => ({ filename: f.filename, path: f.path, formatVersion: f.formatVersion }));
  }

  private fileAccesses(): FileAccess[] {
    const set = new Set<FileAccess>();
    for (const e of this.sources.values()) for (const f of e.files) set.add(f);
    return [...set].sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
  }

  keysForSource(source: string): Set<string> {
    return new Set(entryKeys(this.sourceEntry(source)));
  }

  getDataCounts(source: string, key: string): Series {
    const { entry, key: k } = this.resolve(source, key);
    for (const f of entry.files) {
      const group = f.groupForKey(source, k);
      const n = f.index(source, group).first.length;
      // Counts of the trains past the end of a short index are unknown
      if (n < f.trainIds.length) throw new Error(`${f.filename}: INDEX/${source}/${group} has ${n} entries for ${f.trainIds.length} trains`);
    }
    const chunks = keyChunks(entry, k, this.trainFilter);
    const index: number[] = [];
    const values: bigint[] = [];
    for (const c of chunks) {
      for (let i = 0; i < c.trainIds.length; i++) {
        index.push(c.trainIds[i]);
        values.push(BigInt(c.counts[i]));
      }
    }
    return { name: null, index, indexNames: ['trainId'], values: BigUint64Array.from(values), dtype: 'uint64' };
  }

  /**
   * dtype and shape of one entry of a key, from the dataset's header (no data read), and
   * the number of entries in the selected trains (from INDEX).
   */
  keyInfo(source: string, key: string): { dtype: string; shape: number[]; entries: number } {
    const { entry, key: k } = this.resolve(source, key);
    const { dtype, entryShape } = entryInfo(entry, k);
    const entries = keyChunks(entry, k, this.trainFilter).reduce((n, c) => n + c.total, 0);
    return { dtype, shape: entryShape, entries };
  }

  /**
   * All selected trains' values of a key, train axis first. `out` (a typed array of the
   * key's dtype, at least as long as the result) is read into and returned as `data`
   * (a view of its first elements if longer), so repeated reads can reuse one buffer.
   */
  getArray(source: string, key: string, options: { extraDims?: string[]; roi?: Roi; out?: NumericArray } = {}): LabelledArray {
    const { entry, key: k } = this.resolve(source, key);
    const { value, chunks } = readKey(entry, k, this.trainFilter, options.roi, options.out);
    const nExtra = value.shape.length - 1;
    const dims = options.extraDims ?? Array.from({ length: nExtra }, (_, i) => `dim_${i}`);
    if (dims.length !== nExtra) throw new RangeError(`extraDims needs ${nExtra} names for ${source} ${k}, got ${dims.length}`);
    return { ...value, dims: ['trainId', ...dims], coords: { trainId: rowTrainIds(chunks) } };
  }

  /**
   * One value per train; a pulse-resolved key with one value per frame (shape (N, 1)) is
   * indexed by [trainId, pulseId], as karabo_data 0.7 does.
   */
  getSeries(source: string, key: string): Series {
    const { entry, key: k } = this.resolve(source, key);
    const { value, chunks } = readKey(entry, k, this.trainFilter);
    const name = `${source}/${entry.control && k.endsWith('.value') ? k.slice(0, -6) : k}`;
    const entryShape = value.shape.slice(1);
    const trainIndex = rowTrainIds(chunks);
    if (entryShape.length === 0) return { name, index: trainIndex, indexNames: ['trainId'], values: value.data, dtype: value.dtype };
    const group = k.split('.')[0];
    const pulseKey = `${group}.pulseId`;
    if (product(entryShape) === 1 && !entry.control && entry.files[0].hasKey(source, pulseKey)) {
      const pulses = readKey(entry, pulseKey, this.trainFilter).value.data as ArrayLike<number | bigint>;
      const index = trainIndex.map((t, i): [number, number] => [t, Number(pulses[i])]);
      return { name, index, indexNames: ['trainId', 'pulseId'], values: value.data, dtype: value.dtype };
    }
    throw new RangeError(`${source} ${k} has shape (${entryShape.join(', ')}) per entry: a series needs one value per entry; use getArray`);
  }

  getDataFrame(options: { fields?: SelectionArg; timestamps?: boolean } = {}): DataFrame {
    const view = options.fields ? this.select(options.fields) : this;
    const series: Series[] = [];
    for (const entry of view.sources.values()) {
      for (const key of entryKeys(entry)) {
        if (!options.timestamps && key.endsWith('.timestamp')) continue;
        series.push(view.getSeries(entry.name, key));
      }
    }
    return buildDataFrame(series);
  }

  select(arg: SelectionArg, keyGlob = '*'): DataCollection {
    const sel = resolveSelection(this.sources, arg, keyGlob);
    const sources = new Map<string, SourceEntry>();
    for (const [name, entry] of this.sources) {
      if (!sel.has(name)) continue;
      sources.set(name, { ...entry, keys: sel.get(name) ?? entry.keys });
    }
    return this.derive({ sources });
  }

  deselect(arg: SelectionArg, keyGlob = '*'): DataCollection {
    const sel = resolveSelection(this.sources, arg, keyGlob);
    const sources = new Map<string, SourceEntry>();
    for (const [name, entry] of this.sources) {
      const drop = sel.get(name);
      if (drop === null) continue;
      if (drop === undefined) {
        sources.set(name, entry);
        continue;
      }
      const keep = entryKeys(entry).filter((k) => !drop.has(k));
      if (keep.length) sources.set(name, { ...entry, keys: new Set(keep) });
    }
    return this.derive({ sources });
  }

  selectTrains(sel: TrainSelector): DataCollection {
    const trainIds = selectTrainIds(this.trainIds, sel);
    const trainSet = new Set(trainIds);
    const sources = new Map<string, SourceEntry>();
    for (const [name, entry] of this.sources) {
      const files = entry.files.filter((f) => hasAnyTrain(f, trainSet, this.state.includeSuspect));
      // Keep one file even with no trains selected, for keys and dtypes (as EXtra-data)
      sources.set(name, { ...entry, files: files.length ? files : [entry.files[0]] });
    }
    return this.derive({ sources, trainIds, trainSet });
  }

  union(...others: DataCollection[]): DataCollection {
    const all = [this, ...others];
    const sources = new Map<string, SourceEntry>();
    for (const dc of all) {
      for (const [name, entry] of dc.sources) {
        const prev = sources.get(name);
        if (!prev) {
          sources.set(name, entry);
          continue;
        }
        const byPath = new Map<string, FileAccess>();
        for (const f of [...prev.files, ...entry.files]) if (!byPath.has(f.path)) byPath.set(f.path, f);
        const keys = prev.keys === null || entry.keys === null ? null : new Set([...prev.keys, ...entry.keys]);
        sources.set(name, { ...prev, files: sortByFirstTrain([...byPath.values()]), keys });
      }
    }
    checkConflicts(sources);
    const trainIds = [...new Set(all.flatMap((dc) => dc.trainIds))].sort((a, b) => a - b);
    const trainSet = all.every((dc) => dc.state.trainSet === null) ? null : new Set(trainIds);
    return new DataCollection({ ...this.state, sources, trainIds, trainSet, warnings: [...new Set(all.flatMap((dc) => dc.warnings))] });
  }

  trainFromId(trainId: number, options: { devices?: SelectionArg } = {}): [number, TrainData] {
    if (!this.trainIds.includes(trainId)) throw new TrainIDError(trainId, this.trainIds);
    const view = options.devices ? this.select(options.devices) : this;
    return [trainId, readTrain(view.sources.values(), trainId, view.trainFilter)];
  }

  /**
   * One key of one train as trainFromId gives it (same scalar, same shape), with only its
   * first `n` values read: a preview of what may be a detector's megabytes. Null where the
   * source has no data for the key in this train.
   */
  trainKeyHead(source: string, key: string, trainId: number, n: number): TrainValue | null {
    const { entry, key: k } = this.resolveInTrain(source, key, trainId);
    return readTrainKeyHead(entry, trainId, this.trainFilter, k, n);
  }

  /** How many entries each key of a source has in a train (0: trainFromId leaves it out), from INDEX alone. */
  trainKeyCounts(source: string, trainId: number): Map<string, number> {
    this.checkTrain(trainId);
    return trainKeyCounts(this.sourceEntry(source), trainId, this.trainFilter);
  }

  private resolveInTrain(source: string, key: string, trainId: number): { entry: SourceEntry; key: string } {
    this.checkTrain(trainId);
    return this.resolve(source, key);
  }

  private checkTrain(trainId: number): void {
    // Asked for many keys of one train: a set, not a scan of the train IDs per key
    this.trainIdSet ??= new Set(this.trainIds);
    if (!this.trainIdSet.has(trainId)) throw new TrainIDError(trainId, this.trainIds);
  }

  private trainIdSet: Set<number> | undefined;

  trainFromIndex(index: number, options: { devices?: SelectionArg } = {}): [number, TrainData] {
    return this.trainFromId(this.trainIds[resolveIndex(index, this.trainIds.length)], options);
  }

  /** Iterates over trains in order; requireAll skips trains where a selected key has no data. */
  async *trains(options: { devices?: SelectionArg; trainRange?: TrainSelector; requireAll?: boolean } = {}): AsyncGenerator<[number, TrainData]> {
    let view: DataCollection = options.devices ? this.select(options.devices) : this;
    if (options.trainRange) view = view.selectTrains(options.trainRange);
    for (const tid of view.trainIds) {
      const data = readTrain(view.sources.values(), tid, view.trainFilter);
      if (!options.requireAll || hasAllKeys(view.sources.values(), data)) yield [tid, data];
    }
  }

  /** Writes the selected sources, keys and trains to a new EuXFEL file (docs 3.1.6). */
  write(target: string): Promise<void> {
    return writeCollection(this, target);
  }

  info(): string {
    return formatInfo(this);
  }

  detectorInfo(source: string): DetectorInfo {
    const entry = this.sourceEntry(source);
    return detectorInfo(this, entry);
  }

  /** When each train was recorded (INDEX/timestamp, ns since the epoch), aligned with trainIds; 0n where unknown. */
  trainTimestamps(): BigUint64Array {
    const out = new BigUint64Array(this.trainIds.length);
    const pos = new Map(this.trainIds.map((t, i) => [t, i]));
    for (const f of this.fileAccesses()) {
      const ts = f.trainTimestamps();
      if (!ts) continue;
      for (let i = 0; i < ts.length; i++) {
        const p = pos.get(f.trainIds[i]);
        if (p !== undefined && ts[i]) out[p] = ts[i];
      }
    }
    return out;
  }

  /** Value of a control key at the start of the run (RUN section), read from the source's first file. */
  getRunValue(source: string, key: string): unknown {
    const { entry, key: k } = this.resolve(source, key);
    const file = entry.files[0];
    const path = runKeyPath(source, k);
    if (!entry.control || file.h5.kind(path) !== 'dataset') throw new PropertyNameError(source, key, entryKeys(entry));
    const v = file.h5.read(path);
    return v.shape.length === 0 || product(v.shape) === 1 ? (v.data as ArrayLike<unknown>)[0] : v;
  }

  /**
   * Package-internal (src/core only, not part of the karabo_data API): a source's files and
   * keys, for the detector layer's single-frame reads. An unknown source is a SourceNameError.
   */
  sourceEntry(source: string): SourceEntry {
    const entry = this.sources.get(source);
    if (!entry) throw new SourceNameError(source, this.sources.keys());
    return entry;
  }

  private resolve(source: string, key: string): { entry: SourceEntry; key: string } {
    const entry = this.sourceEntry(source);
    const k = canonicalKey(entry, key);
    if (!entryHasKey(entry, k)) throw new PropertyNameError(source, key, entryKeys(entry));
    return { entry, key: k };
  }

  private derive(changes: Partial<State>): DataCollection {
    return new DataCollection({ ...this.state, ...changes });
  }
}

function hasAnyTrain(f: FileAccess, trainSet: ReadonlySet<number>, includeSuspect: boolean): boolean {
  for (let i = 0; i < f.trainIds.length; i++) {
    if (trainSet.has(f.trainIds[i]) && (includeSuspect || f.validity[i])) return true;
  }
  return false;
}

function unionTrainIds(files: readonly FileAccess[], includeSuspect: boolean): number[] {
  let n = 0;
  for (const f of files) n += f.trainIds.length;
  const all = new Float64Array(n);
  n = 0;
  for (const f of files) {
    if (includeSuspect) {
      all.set(f.trainIds, n);
      n += f.trainIds.length;
    } else for (let i = 0; i < f.trainIds.length; i++) if (f.validity[i]) all[n++] = f.trainIds[i];
  }
  const sorted = all.subarray(0, n).sort();
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]);
  return out;
}

/** The same source and train in two places is refused, naming the source, train and files. */
function checkConflicts(sources: ReadonlyMap<string, SourceEntry>): void {
  const problems: string[] = [];
  for (const entry of sources.values()) {
    const dups = duplicateTrains(entry.files);
    if (!dups.length) continue;
    const { trainId, files } = dups[0];
    const where = files[0] === files[1] ? `twice in ${files[0]}` : `in ${files[0]} and ${files[1]}`;
    problems.push(`${entry.name} (train ${trainId} ${where}${dups.length > 1 ? `, and ${dups.length - 1} more` : ''})`);
  }
  if (problems.length) {
    throw new Error(`${problems.length} sources have conflicting data (same train ID in different files): ${problems.join(', ')}`);
  }
}

// One EuXFEL HDF5 file (EXDF): METADATA, INDEX, CONTROL/RUN and INSTRUMENT, laid out as
// the DAQ writes them, from plain typed arrays. The caller says what each source holds
// per train; this module decides where it goes in the file for the chosen format version.
import type { ArrayValue } from '../h5/dtypes';
import { formatFacts, TIME_SERVER_SOURCE, type FormatVersion } from './formatVersion';
import { H5Writer, type Attrs, type DatasetOptions, type UnwrittenValue } from './h5Writing';

/** A control source: one value per train (count 0 or 1), each with the time it was set. */
export interface ControlSourceSpec {
  kind: 'control';
  /** Karabo device ID, e.g. 'SA1_XTD2_XGM/DOOCS/MAIN'. */
  name: string;
  /** Entries per train of the file (0 or 1); default 1 for every train. */
  counts?: number[];
  /** By key ('beamPosition.ixPos', without '.value'). `value.shape[0]` = Σ counts. */
  keys: Record<string, ControlKeySpec>;
  /** Keys that exist only in RUN (e.g. 'classId'). */
  runOnlyKeys?: Record<string, RunValue>;
}

export interface ControlKeySpec {
  value: ArrayValue;
  /** ns since the epoch, one per entry. */
  timestamp: BigUint64Array;
  /** The RUN copy: the value at the start of the run. */
  run: RunValue;
  /** Attributes of the key's group (alias, description, daqPolicy…). */
  attrs?: Attrs;
}

export interface RunValue {
  /** Shape [1, ...entry], as RUN keeps the train axis. */
  value: ArrayValue;
  timestamp: bigint;
}

/** An instrument source ('device:channel'), one index group per first key component. */
export interface InstrumentSourceSpec {
  kind: 'instrument';
  /** e.g. 'SA1_XTD2_XGM/DOOCS/MAIN:output' or 'SPB_DET_AGIPD1M-1/DET/7CH0:xtdf'. */
  name: string;
  /** By index group: 'data' for 'data.intensityTD', 'image' for 'image.data'… */
  groups: Record<string, IndexGroupSpec>;
}

export interface IndexGroupSpec {
  /** Entries per train of the file. */
  counts: number[];
  /**
   * By key below the group ('intensityTD', 'image.pixels'); `value.shape[0]` = Σ counts.
   * A `trainId` key is written from the counts unless given here.
   */
  keys: Record<string, InstrumentKeySpec>;
  /** Whether rows are padded with zeros like INDEX/trainId (per-train data); default true. */
  padRows?: boolean;
}

export interface InstrumentKeySpec {
  /** The rows, or a dataset created but never written (reads as zeros, takes no space). */
  value: ArrayValue | UnwrittenValue;
  gzip?: number;
  chunkRows?: number;
  attrs?: Attrs;
}

export type SourceSpec = ControlSourceSpec | InstrumentSourceSpec;

/** METADATA values other than the source lists (format 1.0+). */
export interface FileMetadata {
  runNumber: number;
  proposalNumber: number;
  sequenceNumber: number;
  creationDate: string;
  updateDate: string;
  daqLibrary: string;
  karaboFramework: string;
  runType: string;
  sample: string;
}

export interface EuxfelFileSpec {
  formatVersion: FormatVersion;
  /** INDEX/trainId in file order (may be unsorted or repeat, to make broken files). */
  trainIds: number[];
  sources: SourceSpec[];
  /** Per train: true = suspect (not opened by the time server). Encoded per format version. */
  suspect?: boolean[];
  /** INDEX/timestamp per train, ns; default 1546300800000000000 + i·1e8. */
  timestamps?: BigUint64Array;
  /** INDEX/trainId and per-train rows are padded with zeros to a multiple of this; default 32. */
  padTo?: number;
  /** 'firstCount' (default) or the old 'firstLastStatus' INDEX of the first DAQ versions. */
  indexFormat?: 'firstCount' | 'firstLastStatus';
  metadata?: Partial<FileMetadata>;
  /** METADATA strings variable-length (default, as the DAQ) or fixed-length (as some copies). */
  metadataStrings?: 'vlen' | 'fixed';
}

export const DEFAULT_METADATA: FileMetadata = {
  runNumber: 1, proposalNumber: 700000, sequenceNumber: 0,
  creationDate: '20190101T000000Z', updateDate: '20190101T000500Z',
  daqLibrary: '1.9.0', karaboFramework: '2.7.0', runType: 'Test DAQ', sample: 'No Sample',
};

export const BASE_TIMESTAMP_NS = 1546300800000000000n;
export const TRAIN_PERIOD_NS = 100_000_000n;

/** Writes one EuXFEL file at `path` (overwriting it). */
export async function writeEuxfelFile(path: string, spec: EuxfelFileSpec): Promise<void> {
  checkSpec(spec);
  const w = await H5Writer.create(path);
  try {
    writeMetadata(w, spec);
    writeTrainIndex(w, spec);
    w.group('RUN'); // present even in files without control sources
    for (const src of spec.sources) {
      if (src.kind === 'control') writeControlSource(w, spec, src);
      else writeInstrumentSource(w, spec, src);
    }
  } finally {
    w.close();
  }
}

/** 'CONTROL/dev' and 'INSTRUMENT/dev:chan/group' entries, in the order sources are given. */
export function dataSourceIds(sources: SourceSpec[]): string[] {
  return sources.flatMap((s) =>
    s.kind === 'control' ? [`CONTROL/${s.name}`] : Object.keys(s.groups).map((g) => `INSTRUMENT/${s.name}/${g}`));
}

function paddedLength(n: number, padTo: number): number {
  return padTo > 1 ? Math.max(padTo, Math.ceil(n / padTo) * padTo) : n;
}

function writeMetadata(w: H5Writer, spec: EuxfelFileSpec): void {
  const facts = formatFacts(spec.formatVersion);
  const ids = dataSourceIds(spec.sources);
  if (facts.timeServerSource) ids.unshift(TIME_SERVER_SOURCE);
  const roots = ids.map((id) => (id.includes('/') ? id.slice(0, id.indexOf('/')) : ''));
  const devices = ids.map((id) => (id.includes('/') ? id.slice(id.indexOf('/') + 1) : id));
  const listGroup = facts.dataSourcesGroup ? 'METADATA/dataSources' : 'METADATA';
  const padTo = paddedLength(ids.length, 16);
  const fixedLength = spec.metadataStrings === 'fixed';
  w.strings(`${listGroup}/dataSourceId`, ids, { ascii: true, fixedLength, padTo });
  w.strings(`${listGroup}/deviceId`, devices, { ascii: true, fixedLength, padTo });
  w.strings(`${listGroup}/root`, roots, { ascii: true, fixedLength, padTo });
  if (!facts.writesVersion) return;

  const m = { ...DEFAULT_METADATA, ...spec.metadata };
  const text = (name: string, v: string) => w.strings(`METADATA/${name}`, [v], { ascii: true, fixedLength, contiguous: true });
  const u32 = (name: string, v: number) =>
    w.array(`METADATA/${name}`, { data: new Uint32Array([v]), shape: [1], dtype: 'uint32' }, {}, true);
  text('creationDate', m.creationDate);
  text('daqLibrary', m.daqLibrary);
  text('dataFormatVersion', spec.formatVersion);
  text('karaboFramework', m.karaboFramework);
  u32('proposalNumber', m.proposalNumber);
  u32('runNumber', m.runNumber);
  text('runType', m.runType);
  text('sample', m.sample);
  u32('sequenceNumber', m.sequenceNumber);
  text('updateDate', m.updateDate);
}

function writeTrainIndex(w: H5Writer, spec: EuxfelFileSpec): void {
  const facts = formatFacts(spec.formatVersion);
  const n = spec.trainIds.length;
  const padRows = paddedLength(n, spec.padTo ?? 32) - n;
  const perTrain = (path: string, value: ArrayValue) => w.array(path, value, { padRows, chunkRows: n + padRows || 1 });
  perTrain('INDEX/trainId', { data: BigUint64Array.from(spec.trainIds, BigInt), shape: [n], dtype: 'uint64' });
  if (!facts.hasFlagAndTimestamp) return;

  const suspect = (i: number) => spec.suspect?.[i] ?? false;
  // 1.1: the index of the source that opened the train, the time server (0) meaning good.
  const flag = Int32Array.from({ length: n }, (_, i) => (facts.flagInverted ? Number(suspect(i)) : Number(!suspect(i))));
  perTrain('INDEX/flag', { data: flag, shape: [n], dtype: 'int32' });
  const timestamps = spec.timestamps
    ?? BigUint64Array.from({ length: n }, (_, i) => BASE_TIMESTAMP_NS + BigInt(i) * TRAIN_PERIOD_NS);
  perTrain('INDEX/timestamp', { data: timestamps, shape: [n], dtype: 'uint64' });
  if (facts.hasOrigin) {
    // A suspect train was opened by the first listed source rather than the time server.
    const origin = Int32Array.from({ length: n }, (_, i) => (suspect(i) ? 0 : -1));
    perTrain('INDEX/origin', { data: origin, shape: [n], dtype: 'int32' });
  }
}

function writeIndexGroup(w: H5Writer, spec: EuxfelFileSpec, path: string, counts: number[]): void {
  const n = counts.length;
  const first = new BigUint64Array(n);
  for (let i = 1; i < n; i++) first[i] = first[i - 1] + BigInt(counts[i - 1]);
  const u64 = (data: BigUint64Array) => ({ data, shape: [n], dtype: 'uint64' as const });
  const opts = { chunkRows: n || 1 };
  w.array(`${path}/first`, u64(first), opts);
  if (spec.indexFormat === 'firstLastStatus') {
    // count = (last - first + 1) * status
    const last = BigUint64Array.from(counts, (c, i) => first[i] + BigInt(Math.max(c, 1) - 1));
    w.array(`${path}/last`, u64(last), opts);
    w.array(`${path}/status`, u64(BigUint64Array.from(counts, (c) => BigInt(c > 0))), opts);
  } else {
    w.array(`${path}/count`, u64(BigUint64Array.from(counts, BigInt)), opts);
  }
}

function writeControlSource(w: H5Writer, spec: EuxfelFileSpec, src: ControlSourceSpec): void {
  const counts = src.counts ?? spec.trainIds.map(() => 1);
  writeIndexGroup(w, spec, `INDEX/${src.name}`, counts);
  w.group(`CONTROL/${src.name}`);
  w.group(`RUN/${src.name}`);
  for (const [key, k] of Object.entries(src.keys)) {
    const ctrl = `CONTROL/${src.name}/${keyPath(key)}`;
    writeValue(w, `${ctrl}/value`, k.value);
    w.array(`${ctrl}/timestamp`, { data: k.timestamp, shape: [k.timestamp.length], dtype: 'uint64' });
    if (k.attrs) w.attrs(ctrl, k.attrs);
    writeRunValue(w, `RUN/${src.name}/${keyPath(key)}`, k.run);
  }
  for (const [key, r] of Object.entries(src.runOnlyKeys ?? {})) writeRunValue(w, `RUN/${src.name}/${keyPath(key)}`, r);
}

/** 'beamPosition.ixPos' → 'beamPosition/ixPos' */
function keyPath(key: string): string {
  return key.replaceAll('.', '/');
}

function writeRunValue(w: H5Writer, path: string, r: RunValue): void {
  writeValue(w, `${path}/value`, r.value);
  w.array(`${path}/timestamp`, { data: new BigUint64Array([r.timestamp]), shape: [1], dtype: 'uint64' });
}

function writeValue(w: H5Writer, path: string, v: ArrayValue | UnwrittenValue, opts: DatasetOptions = {}): void {
  if ('unwritten' in v) w.unwritten(path, v, opts);
  else if (v.dtype === 'str') w.strings(path, v.data as string[], { attrs: opts.attrs, padTo: v.shape[0] + (opts.padRows ?? 0) });
  else w.array(path, v, opts);
}

function writeInstrumentSource(w: H5Writer, spec: EuxfelFileSpec, src: InstrumentSourceSpec): void {
  for (const [group, g] of Object.entries(src.groups)) {
    writeIndexGroup(w, spec, `INDEX/${src.name}/${group}`, g.counts);
    const rows = g.counts.reduce((a, b) => a + b, 0);
    // An empty dataset stays empty, as the DAQ leaves it.
    const padRows = g.padRows === false || rows === 0 ? 0 : paddedLength(rows, spec.padTo ?? 32) - rows;
    const base = `INSTRUMENT/${src.name}/${group}`;
    w.group(base);
    if (!('trainId' in g.keys)) {
      const tids = new BigUint64Array(rows);
      let r = 0;
      g.counts.forEach((c, i) => tids.fill(BigInt(spec.trainIds[i]), r, (r += c)));
      w.array(`${base}/trainId`, { data: tids, shape: [rows], dtype: 'uint64' }, { padRows });
    }
    for (const [key, k] of Object.entries(g.keys)) {
      writeValue(w, `${base}/${keyPath(key)}`, k.value, {
        padRows, gzip: k.gzip, chunkRows: k.chunkRows, attrs: k.attrs,
      });
    }
  }
}

function checkSpec(spec: EuxfelFileSpec): void {
  const n = spec.trainIds.length;
  const where = (src: SourceSpec) => `${src.kind} source ${src.name}`;
  for (const src of spec.sources) {
    const groups = src.kind === 'control'
      ? [{ name: '', counts: src.counts ?? Array(n).fill(1), keys: src.keys }]
      : Object.entries(src.groups).map(([name, g]) => ({ name, counts: g.counts, keys: g.keys }));
    for (const g of groups) {
      if (g.counts.length !== n) throw new Error(`${where(src)} ${g.name}: ${g.counts.length} counts for ${n} trains`);
      const rows = g.counts.reduce((a, b) => a + b, 0);
      for (const [key, k] of Object.entries(g.keys)) {
        const v = (k as { value: ArrayValue | UnwrittenValue }).value;
        if (v.shape[0] !== rows) throw new Error(`${where(src)} key ${key}: ${v.shape[0]} rows, counts say ${rows}`);
      }
    }
  }
}

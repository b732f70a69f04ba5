// One EuXFEL data file as the checks see it: what EXtra-data's FileAccess reads when it
// opens a file (a failure there is "Could not open HDF5 file"). METADATA and INDEX are read
// by the format layer, INDEX as stored (untrimmed, exact uint64, with its shape), since that
// is what the checks are about.
import { H5Error, HDF5File, type H5Source } from '../h5/h5File';
import { product, type ArrayValue } from '../h5/dtypes';
import { FileStructureError, readDataSources, readFormatVersion } from '../format/metadata';
import { keyToPath, listKeys } from '../format/keys';
import { readRawSourceIndex, toBigInts } from '../format/trainIndex';

/** What a run-wide check needs to know about a file; plain data, so it crosses threads. */
export interface FileSummary {
  file: string;
  trainIds: bigint[];
  controlSources: string[];
  instrumentSources: string[];
}

/** Larger 1-D datasets than any real INDEX or control key: refuse rather than exhaust memory. */
const MAX_CHECKED_ENTRIES = 10_000_000;

export interface RawIndex {
  first: bigint[];
  count: bigint[];
  firstShape: number[];
  countShape: number[];
}

export class DataFile {
  private readonly keyCache = new Map<string, string[]>();
  private readonly indexCache = new Map<string, RawIndex>();
  /** INDEX/trainId without its zero padding: the file's trains. */
  readonly trainIds: bigint[];

  private constructor(
    private readonly h5: HDF5File,
    /** The path or name it was opened by. */
    readonly file: string,
    /** INDEX/trainId as stored, with any zero padding. */
    readonly allTrainIds: bigint[],
    readonly controlSources: string[],
    readonly instrumentSources: string[],
  ) {
    this.trainIds = allTrainIds.filter((t) => t !== 0n);
  }

  static async open(src: H5Source): Promise<DataFile> {
    const h5 = await HDF5File.open(src);
    try {
      if (h5.kind('INDEX/trainId') !== 'dataset') throw new FileStructureError(`${h5.name}: INDEX/trainId dataset not found`);
      const trainIds = toBigInts(readChecked(h5, 'INDEX/trainId'));
      const { control, instrument } = readDataSources(h5, readFormatVersion(h5));
      return new DataFile(h5, h5.path, trainIds, control, instrument);
    } catch (e) {
      h5.close();
      throw e;
    }
  }

  close(): void {
    this.h5.close();
  }

  summary(): FileSummary {
    const { file, trainIds, controlSources, instrumentSources } = this;
    return { file, trainIds, controlSources, instrumentSources };
  }

  /** Dotted keys of a source, sorted; a source METADATA lists but the file lacks is an error. */
  keys(source: string): string[] {
    let keys = this.keyCache.get(source);
    if (!keys) {
      const control = this.controlSources.includes(source);
      const group = `${control ? 'CONTROL' : 'INSTRUMENT'}/${source}`;
      if (this.h5.kind(group) !== 'group') throw this.error(`${group} is listed in METADATA but not in the file`);
      keys = listKeys(this.h5, source, control);
      this.keyCache.set(source, keys);
    }
    return keys;
  }

  /** HDF5 path of a source's key. */
  datasetPath(source: string, key: string): string {
    return keyToPath(source, key, this.controlSources.includes(source));
  }

  /** Length of a dataset's first dimension; a scalar has none. */
  dim0(path: string): number {
    const shape = this.h5.info(path).shape;
    if (shape.length === 0) throw this.error(`${path} is a scalar, expected one entry per train or sample`);
    return shape[0];
  }

  /** An INDEX group's first/count as stored (old files: first/last/status), untrimmed. */
  rawIndex(groupPath: string): RawIndex {
    let index = this.indexCache.get(groupPath);
    if (!index) this.indexCache.set(groupPath, (index = this.readIndex(groupPath)));
    return index;
  }

  private readIndex(groupPath: string): RawIndex {
    const raw = readRawSourceIndex(this.h5, groupPath, (path) => this.read(path));
    const { values: first, shape: firstShape } = raw.first;
    if (raw.layout === 'count') return { first, count: raw.count.values, firstShape, countShape: raw.count.shape };
    const last = raw.last.values;
    const status = raw.status.values;
    if (last.length !== first.length || status.length !== first.length) {
      throw this.error(`${groupPath}: first, last and status have different lengths`);
    }
    // uint64 arithmetic, as numpy does it: count = (last - first + 1) * status
    const count = first.map((f, i) => BigInt.asUintN(64, (last[i] - f + 1n) * status[i]));
    return { first, count, firstShape, countShape: firstShape };
  }

  /** first/count cut to the number of trains, as FileAccess.get_index gives them. */
  index(groupPath: string): { first: bigint[]; count: bigint[] } {
    const { first, count } = this.rawIndex(groupPath);
    const n = this.trainIds.length;
    return { first: first.slice(0, n), count: count.slice(0, n) };
  }

  read(path: string): ArrayValue {
    return readChecked(this.h5, path);
  }

  private error(msg: string): FileStructureError {
    return new FileStructureError(`${this.h5.name}: ${msg}`);
  }
}

function readChecked(h5: HDF5File, path: string): ArrayValue {
  const { shape } = h5.info(path);
  const n = product(shape);
  if (n > MAX_CHECKED_ENTRIES) throw new H5Error(`${h5.name}: ${path} has ${n} entries, too many to check`, h5.path);
  return h5.read(path);
}

// One open HDF5 file, read-only, with the few operations the format layer needs.
// Node: a path on disk, read lazily by h5wasm/node. Browser worker: a `File`, mounted
// on WORKERFS so HDF5 reads only the byte ranges it asks for.
import { emscripten, isNode, loadH5Wasm, type H5Wasm } from './h5wasmModule';
import { allocate, numpyDtype, product, type ArrayValue, type H5TypeMetadata, type NumericArray, type NumpyDtype } from './dtypes';
import type { Dataset as H5Dataset, File as H5WasmFile, Group as H5Group } from 'h5wasm';
import { cacheWorkerfsReads } from './blockReads';

/** A file to open: a path in Node, a browser `File` (or Blob with a name) in a worker. */
export type H5Source = string | File;

export class H5Error extends Error {
  constructor(message: string, readonly file: string, readonly hdf5Diag?: string) {
    super(message);
    this.name = 'H5Error';
  }
}

/** One [start, stop, step] per dimension, already resolved to non-negative numbers. */
export type Hyperslab = Array<[number, number, number?]>;

export interface DatasetInfo {
  shape: number[];
  dtype: NumpyDtype;
  chunks: number[] | null;
  compression: string | null;
}

let mountCounter = 0;
let errorHandlerOn = false;

/** Turns an HDF5-DIAG stack into its most specific line ("Not an HDF5 file"). */
export function summariseHdf5Diag(text: string): string {
  const minors = [...text.matchAll(/minor: (.+)/g)].map((m) => m[1].trim());
  const details = [...text.matchAll(/in [\w]+\(\): (.+)/g)].map((m) => m[1].trim());
  const last = details.at(-1);
  const minor = minors.at(-1);
  if (last && minor && !last.toLowerCase().includes(minor.toLowerCase())) return `${last} (${minor})`;
  return last ?? minor ?? text.split('\n')[0];
}

export function sourceName(src: H5Source): string {
  return typeof src === 'string' ? src : src.name;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

type DatasetMeta = H5TypeMetadata & { shape: number[] | null; chunks: number[] | null };

export class HDF5File {
  // The file is read-only: group listings and dataset metadata never change.
  private readonly groupKeys = new Map<string, string[]>();
  private readonly datasets = new Map<string, { d: H5Dataset; meta: DatasetMeta; info?: DatasetInfo }>();

  private constructor(
    private readonly h5: H5Wasm,
    private readonly file: H5WasmFile,
    /** Full path (Node) or file name (browser): what messages name. */
    readonly path: string,
    private readonly mountpoint: string | null,
  ) {}

  get name(): string {
    return baseName(this.path);
  }

  static async open(src: H5Source): Promise<HDF5File> {
    return HDF5File.openSync(await loadH5Wasm(), src);
  }

  /** Opens with an already loaded h5wasm, so handle caches can reopen files synchronously. */
  static openSync(h5: H5Wasm, src: H5Source): HDF5File {
    const M = emscripten(h5);
    if (!errorHandlerOn) {
      (M as unknown as { activate_throwing_error_handler(): void }).activate_throwing_error_handler();
      errorHandlerOn = true;
    }
    const label = sourceName(src);
    let fsPath: string;
    let mountpoint: string | null = null;
    if (typeof src === 'string') {
      if (!isNode) throw new H5Error(`Cannot open a path (${src}) outside Node`, src);
      fsPath = src;
    } else {
      mountpoint = `/xfel-mnt-${++mountCounter}`;
      cacheWorkerfsReads(M.FS.filesystems.WORKERFS as unknown as Parameters<typeof cacheWorkerfsReads>[0]);
      M.FS.mkdir(mountpoint);
      M.FS.mount(M.FS.filesystems.WORKERFS, { files: [src] }, mountpoint);
      fsPath = `${mountpoint}/${src.name}`;
    }
    try {
      const file = new h5.File(fsPath, 'r');
      return new HDF5File(h5, file, label, mountpoint);
    } catch (e) {
      if (mountpoint) unmount(h5, mountpoint);
      const msg = e instanceof Error ? e.message : String(e);
      throw new H5Error(`${label}: cannot open as HDF5: ${summariseHdf5Diag(msg)}`, label, msg);
    }
  }

  close(): void {
    try {
      this.file.close();
    } finally {
      if (this.mountpoint) unmount(this.h5, this.mountpoint);
    }
  }

  /** 'group', 'dataset', or null when the path does not exist. */
  kind(path: string): 'group' | 'dataset' | null {
    if (!this.linkExists(path)) return null;
    const t = this.guard(path, () => this.file.get_type(path));
    // H5O_TYPE_GROUP = 0, H5O_TYPE_DATASET = 1
    return t === 0 ? 'group' : t === 1 ? 'dataset' : null;
  }

  /** Whether each link along the path exists (HDF5 raises on missing intermediates). */
  private linkExists(path: string): boolean {
    const parts = path.split('/').filter(Boolean);
    let current = '';
    for (const part of parts) {
      const keys = this.groupKeys.get(current || '/') ?? this.listGroup(current || '/');
      if (!keys || !keys.includes(part)) return false;
      current = `${current}/${part}`;
    }
    return true;
  }

  /** Names in a group, or null if the path is not a group. */
  private listGroup(groupPath: string): string[] | null {
    const cached = this.groupKeys.get(groupPath);
    if (cached) return cached;
    const keys = this.guard(groupPath, () => {
      const g = this.file.get(groupPath) as H5Group | null;
      return g && typeof (g as H5Group).keys === 'function' ? g.keys() : null;
    });
    if (!keys) return null;
    this.groupKeys.set(groupPath, keys);
    return keys;
  }

  keys(groupPath: string): string[] {
    const keys = this.listGroup(groupPath);
    if (!keys) throw this.error(`no group ${groupPath}`);
    return keys;
  }

  /** Every dataset path below a group, relative to it, '/'-separated. */
  datasetsBelow(groupPath: string): string[] {
    const out: string[] = [];
    const walk = (prefix: string, rel: string) => {
      for (const k of this.keys(prefix)) {
        const full = `${prefix}/${k}`;
        const r = rel ? `${rel}/${k}` : k;
        // Children listed by keys() exist: ask their type directly (kind() re-walks the path)
        const t = this.guard(full, () => this.file.get_type(full));
        if (t === 0) walk(full, r);
        else if (t === 1) out.push(r);
      }
    };
    walk(groupPath, '');
    return out;
  }

  private dataset(path: string): { d: H5Dataset; meta: DatasetMeta; info?: DatasetInfo } {
    let entry = this.datasets.get(path);
    if (!entry) {
      const d = this.guard(path, () => this.file.get(path) as H5Dataset | null);
      if (!d || typeof (d as H5Dataset).slice !== 'function') throw this.error(`no dataset ${path}`);
      entry = { d, meta: this.guard(path, () => d.metadata as unknown as DatasetMeta) };
      this.datasets.set(path, entry);
    }
    return entry;
  }

  info(path: string): DatasetInfo {
    const entry = this.dataset(path);
    if (!entry.info) {
      const filters = this.guard(path, () => entry!.d.filters as Array<{ name: string }>);
      entry.info = {
        shape: entry.meta.shape ?? [],
        dtype: numpyDtype(entry.meta),
        chunks: entry.meta.chunks ?? null,
        compression: filters.find((f) => f.name === 'deflate') ? 'gzip' : filters[0]?.name ?? null,
      };
    }
    return entry.info;
  }

  /**
   * Reads a dataset or a hyperslab of it. Ranges past the end are clipped
   * (h5wasm would ask malloc for a negative size).
   */
  read(path: string, slab?: Hyperslab): ArrayValue {
    const { d, meta: m } = this.dataset(path);
    const fullShape = m.shape ?? [];
    const dtype = numpyDtype(m);
    const { ranges, shape } = clipRanges(fullShape, slab);
    if (product(shape) === 0) return { data: emptyOf(dtype), shape, dtype };
    try {
      if (dtype === 'str') return { data: this.readStrings(d, m, ranges, shape), shape, dtype };
      if (fullShape.length && isPlainNumeric(m)) {
        const out = allocate(dtype, product(shape));
        this.readNumeric(d, ranges, shape, new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
        return { data: out, shape, dtype };
      }
      const data = (fullShape.length ? d.slice(ranges) : d.value) as NumericArray;
      return { data, shape, dtype };
    } catch (e) {
      throw this.error(`cannot read ${path}: ${summariseHdf5Diag(e instanceof Error ? e.message : String(e))}`);
    }
  }

  /**
   * Reads numbers into `target` from element `offset` on: lets a reader fill one array
   * from many hyperslabs without concatenating. Returns the shape read (clipped).
   */
  readInto(path: string, slab: Hyperslab, target: NumericArray, offset: number): number[] {
    const { d, meta: m } = this.dataset(path);
    const { ranges, shape } = clipRanges(m.shape ?? [], slab);
    const n = product(shape);
    if (n === 0) return shape;
    if (!isPlainNumeric(m) || !ranges.length) {
      target.set(this.read(path, slab).data as never, offset);
      return shape;
    }
    const bytes = target.BYTES_PER_ELEMENT;
    if (m.size !== bytes) throw this.error(`cannot read ${path} (${m.size}-byte values) into ${bytes}-byte elements`);
    this.readNumeric(d, ranges, shape, new Uint8Array(target.buffer, target.byteOffset + offset * bytes, n * bytes));
    return shape;
  }

  /** Little-endian numbers straight from the wasm heap (h5wasm's slice copies twice). */
  private readNumeric(d: H5Dataset, ranges: Array<[number, number, number]>, shape: number[], out: Uint8Array): void {
    const M = emscripten(this.h5);
    const ptr = M._malloc(out.byteLength);
    if (!ptr) throw new Error(`cannot allocate ${out.byteLength} bytes`);
    try {
      const fileId = (d as unknown as { file_id: bigint }).file_id;
      M.get_dataset_data(fileId, d.path, shape.map(BigInt), ranges.map(([a]) => BigInt(a)), ranges.map(([, , st]) => BigInt(st)), BigInt(ptr));
      out.set(M.HEAPU8.subarray(ptr, ptr + out.byteLength));
    } finally {
      M._free(ptr);
    }
  }

  /** Variable-length strings, with never-written (NULL) entries read as '' rather than garbage. */
  private readStrings(d: H5Dataset, m: DatasetMeta, ranges: Array<[number, number, number]>, shape: number[]): string[] {
    if (!m.vlen) {
      const v = ranges.length ? d.slice(ranges) : d.value;
      return (Array.isArray(v) ? v : [v]) as string[];
    }
    const M = emscripten(this.h5);
    const n = product(shape);
    const count = shape.map(BigInt);
    const offset = ranges.map(([a]) => BigInt(a));
    const strides = ranges.map(([, , st]) => BigInt(st));
    const ptr = M._malloc(4 * n);
    const fileId = (d as unknown as { file_id: bigint }).file_id;
    try {
      if (ranges.length) M.get_dataset_data(fileId, d.path, count, offset, strides, BigInt(ptr));
      else M.get_dataset_data(fileId, d.path, null, null, null, BigInt(ptr));
      const ptrs = new Uint32Array(M.HEAPU8.buffer, ptr, n).slice();
      const out = Array.from(ptrs, (p) => (p === 0 ? '' : M.UTF8ToString(p)));
      M.reclaim_vlen_memory_count(fileId, d.path, '', BigInt(ptr), ranges.length ? count : [1n]);
      return out;
    } finally {
      M._free(ptr);
    }
  }

  attrs(path: string): Record<string, unknown> {
    return this.guard(path, () => {
      const obj = this.file.get(path) as H5Group | null;
      if (!obj) throw this.error(`no object ${path}`);
      const out: Record<string, unknown> = {};
      for (const [k, a] of Object.entries(obj.attrs)) out[k] = (a as { value: unknown }).value;
      return out;
    });
  }

  /** Runs an h5wasm call, turning a raw HDF5-DIAG stack into one line naming this file and path. */
  private guard<T>(path: string, call: () => T): T {
    try {
      return call();
    } catch (e) {
      if (e instanceof H5Error) throw e;
      throw this.error(`cannot read ${path}: ${summariseHdf5Diag(e instanceof Error ? e.message : String(e))}`);
    }
  }

  private error(msg: string): H5Error {
    return new H5Error(`${this.name}: ${msg}`, this.path);
  }
}

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

function clipRanges(fullShape: readonly number[], slab?: Hyperslab) {
  const ranges = fullShape.map((n, i): [number, number, number] => {
    const [start = 0, stop = n, step = 1] = slab?.[i] ?? [];
    const s = Math.min(Math.max(start, 0), n);
    return [s, Math.max(Math.min(stop, n), s), step];
  });
  return { ranges, shape: ranges.map(([a, b, st]) => Math.ceil((b - a) / st)) };
}

function isPlainNumeric(m: H5TypeMetadata): boolean {
  return (m.type === H5T_INTEGER || m.type === H5T_FLOAT) && m.littleEndian !== false && !m.vlen && [1, 2, 4, 8].includes(m.size) && !(m.type === H5T_FLOAT && m.size < 4);
}

function emptyOf(dtype: NumpyDtype): NumericArray | string[] {
  if (dtype === 'str') return [];
  switch (dtype) {
    case 'int8': return new Int8Array(0);
    case 'uint8': case 'bool': return new Uint8Array(0);
    case 'int16': return new Int16Array(0);
    case 'uint16': return new Uint16Array(0);
    case 'int32': return new Int32Array(0);
    case 'uint32': return new Uint32Array(0);
    case 'int64': return new BigInt64Array(0);
    case 'uint64': return new BigUint64Array(0);
    case 'float64': return new Float64Array(0);
    default: return new Float32Array(0);
  }
}

function unmount(h5: H5Wasm, mountpoint: string): void {
  const M = emscripten(h5);
  try {
    M.FS.unmount(mountpoint);
    M.FS.rmdir(mountpoint);
  } catch {
    // already gone: nothing to release
  }
}

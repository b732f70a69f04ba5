// The few HDF5 writing operations the EuXFEL layout needs, over h5wasm in 'w' mode.
// No Node API here: in Node h5wasm/node writes host paths, in a worker the same calls
// write to the in-memory file system.
import { emscripten, loadH5Wasm } from '../h5/h5wasmModule';
import { product, typedArrayFor, type ArrayValue, type NumericArray, type NumpyDtype } from '../h5/dtypes';
import type { Dataset as H5Dataset, File as H5WasmFile, Group as H5Group } from 'h5wasm';

export type AttrValue = string | number[] | NumericArray;
export type Attrs = Record<string, AttrValue>;

/** A dataset the DAQ created but never filled: chunks stay unallocated and read as 0. */
export interface UnwrittenValue {
  unwritten: true;
  shape: number[];
  dtype: NumpyDtype;
}

export interface DatasetOptions {
  /** Rows per chunk along the first axis; the other axes are whole. Default: ~256 kB chunks. */
  chunkRows?: number;
  /** gzip level (1–9); needs chunking, which every written dataset has. */
  gzip?: number;
  /** Extra zero rows written after the data (the DAQ pads per-train datasets). */
  padRows?: number;
  attrs?: Attrs;
}

const H5WASM_DTYPE: Partial<Record<NumpyDtype, string>> = {
  int8: '<b', uint8: '<B', bool: '<B', int16: '<h', uint16: '<H', int32: '<i', uint32: '<I',
  int64: '<q', uint64: '<Q', float32: '<f', float64: '<d',
};

const CHUNK_BYTES = 256 * 1024;

/** An HDF5 file open for writing, creating parent groups on demand. */
export class H5Writer {
  private readonly groups = new Set<string>(['']);

  private constructor(private readonly file: H5WasmFile) {}

  static async create(path: string): Promise<H5Writer> {
    const h5 = await loadH5Wasm();
    // Without it, h5wasm prints HDF5 errors and carries on with a half-written file.
    (emscripten(h5) as unknown as { activate_throwing_error_handler(): void }).activate_throwing_error_handler();
    return new H5Writer(new h5.File(path, 'w'));
  }

  close(): void {
    this.file.close();
  }

  group(path: string): H5Group {
    const parts = path.split('/').filter(Boolean);
    let current = '';
    for (const part of parts) {
      const parent = current;
      current = `${current}/${part}`;
      if (!this.groups.has(current)) {
        (this.file.get(parent || '/') as H5Group).create_group(part);
        this.groups.add(current);
      }
    }
    return this.file.get(current || '/') as H5Group;
  }

  /**
   * A chunked numeric dataset, unlimited along its first axis like the DAQ's, or a
   * contiguous one of fixed shape when `contiguous` (METADATA scalars).
   */
  array(path: string, value: ArrayValue, opts: DatasetOptions = {}, contiguous = false): H5Dataset {
    if (value.dtype === 'str') throw new Error(`${path}: use strings() for string data`);
    const dtype = H5WASM_DTYPE[value.dtype];
    if (!dtype) throw new Error(`${path}: cannot write dtype ${value.dtype}`);
    const [rows = 1, ...entry] = value.shape;
    const pad = opts.padRows ?? 0;
    const shape = value.shape.length ? [rows + pad, ...entry] : [1];
    let data = value.data as NumericArray;
    if (pad > 0) {
      data = new (data.constructor as { new (n: number): NumericArray })(product(shape));
      (data as Uint8Array).set(value.data as Uint8Array);
    }
    const { parent, name } = this.split(path);
    const chunkRows = opts.chunkRows ?? defaultChunkRows(entry, data.BYTES_PER_ELEMENT, shape[0]);
    const ds = parent.create_dataset({
      name, data, shape, dtype,
      ...(contiguous ? {} : {
        maxshape: [null, ...entry],
        chunks: [chunkRows, ...entry],
        ...(opts.gzip ? { compression: 'gzip' as const, compression_opts: opts.gzip } : {}),
      }),
    });
    this.setAttrs(ds, opts.attrs);
    return ds;
  }

  /** Created empty and grown to its shape without writing: no chunk is allocated, reads give 0. */
  unwritten(path: string, { shape: [rows, ...entry], dtype }: UnwrittenValue, opts: DatasetOptions = {}): void {
    const ctor = typedArrayFor(dtype);
    const chunkRows = opts.chunkRows ?? defaultChunkRows(entry, ctor.BYTES_PER_ELEMENT, rows);
    const ds = this.array(path, { data: new ctor(0), shape: [0, ...entry], dtype }, { ...opts, padRows: 0, chunkRows });
    ds.resize([rows + (opts.padRows ?? 0), ...entry]);
  }

  /**
   * A 1D string dataset, variable-length unless `fixedLength` (as wide as the longest value).
   * `padTo` entries beyond the data are left unwritten (NULL or zero bytes), as the DAQ
   * leaves them in METADATA's source lists.
   */
  strings(path: string, values: string[], { ascii = false, fixedLength = false, padTo = 0, contiguous = false, attrs }: {
    ascii?: boolean; fixedLength?: boolean; padTo?: number; contiguous?: boolean; attrs?: Attrs;
  } = {}): void {
    const { parent, name } = this.split(path);
    const length = Math.max(values.length, padTo);
    const width = fixedLength ? `${Math.max(1, ...values.map((v) => new TextEncoder().encode(v).length))}` : '';
    const ds = parent.create_dataset({
      name, data: values, shape: [values.length], dtype: (ascii ? 'A' : 'S') + width,
      ...(contiguous ? {} : { maxshape: [null], chunks: [Math.max(1, Math.min(length, 1024))] }),
    });
    if (length > values.length) ds.resize([length]);
    this.setAttrs(ds, attrs);
  }

  attrs(path: string, attrs: Attrs): void {
    this.setAttrs(this.group(path), attrs);
  }

  private setAttrs(obj: { create_attribute(name: string, data: AttrValue): void }, attrs?: Attrs): void {
    for (const [k, v] of Object.entries(attrs ?? {})) obj.create_attribute(k, v);
  }

  private split(path: string): { parent: H5Group; name: string } {
    const i = path.lastIndexOf('/');
    return { parent: this.group(path.slice(0, Math.max(i, 0))), name: path.slice(i + 1) };
  }
}

function defaultChunkRows(entry: number[], itemBytes: number, rows: number): number {
  const rowBytes = product(entry) * itemBytes;
  return Math.max(1, Math.min(rows || 1, Math.floor(CHUNK_BYTES / Math.max(rowBytes, 1))));
}

// numpy dtype names for HDF5 element types, and the typed arrays that hold them.

export type NumpyDtype =
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64'
  | 'float16' | 'float32' | 'float64' | 'bool' | 'str' | 'bytes' | 'object';

export type NumericArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/** An n-dimensional array in C order: what every getter returns. */
export interface ArrayValue<T extends NumericArray | string[] = NumericArray | string[]> {
  data: T;
  shape: number[];
  dtype: NumpyDtype;
}

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;
const H5T_ENUM = 8;

export interface H5TypeMetadata {
  type: number;
  size: number;
  signed?: boolean;
  vlen?: boolean;
  littleEndian?: boolean;
  cset?: number;
  enum_type?: H5TypeMetadata;
}

export function numpyDtype(meta: H5TypeMetadata): NumpyDtype {
  if (meta.type === H5T_STRING) return 'str';
  if (meta.type === H5T_ENUM && meta.enum_type) return numpyDtype(meta.enum_type);
  if (meta.type === H5T_INTEGER) {
    const bits = meta.size * 8;
    return `${meta.signed ? 'int' : 'uint'}${bits}` as NumpyDtype;
  }
  if (meta.type === H5T_FLOAT) return `float${meta.size * 8}` as NumpyDtype;
  return 'object';
}

type TypedArrayCtor = { new (buf: ArrayBuffer | number): NumericArray; BYTES_PER_ELEMENT: number };

const CTORS: Partial<Record<NumpyDtype, TypedArrayCtor>> = {
  int8: Int8Array, uint8: Uint8Array, bool: Uint8Array,
  int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array,
  int64: BigInt64Array, uint64: BigUint64Array,
  float32: Float32Array, float64: Float64Array,
};

export function typedArrayFor(dtype: NumpyDtype): TypedArrayCtor {
  const ctor = CTORS[dtype];
  if (!ctor) throw new Error(`No typed array holds dtype ${dtype}`);
  return ctor;
}

export function allocate(dtype: NumpyDtype, length: number): NumericArray {
  return new (typedArrayFor(dtype))(length);
}

export function isFloatDtype(dtype: NumpyDtype): boolean {
  return dtype.startsWith('float');
}

export function product(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

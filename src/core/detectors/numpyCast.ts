// A fill value cast to an array's dtype the way numpy does it on x86-64 (C casts compiled
// to cvttsd2si): NaN → 0 and -1.5 → 65535 for uint16, NaN → -2^31 for int32. Users compare
// our stacks with EXtra-data's, so the odd cases must agree too.
import { isFloatDtype, type NumpyDtype } from '../h5/dtypes';

const INT32_MIN = -(2 ** 31);
const INT64_MIN = -(2n ** 63n);

/** cvttsd2si into a 32-bit register: out of range (or NaN) gives INT32_MIN. */
function truncate32(x: number): number {
  return Number.isNaN(x) || x >= 2 ** 31 || x < INT32_MIN ? INT32_MIN : Math.trunc(x);
}

/** cvttsd2si into a 64-bit register. */
function truncate64(x: number): bigint {
  return Number.isNaN(x) || x >= 2 ** 63 || x < -(2 ** 63) ? INT64_MIN : BigInt(Math.trunc(x));
}

/** The element numpy stores for `np.full(1, x, dtype)[0]`. */
export function castLikeNumpy(x: number, dtype: NumpyDtype): number | bigint {
  if (isFloatDtype(dtype)) return dtype === 'float32' ? Math.fround(x) : x;
  switch (dtype) {
    case 'bool':
      return x !== 0 ? 1 : 0;
    case 'int8':
    case 'int16':
      return wrapSigned(truncate32(x), dtype === 'int8' ? 8 : 16);
    case 'uint8':
    case 'uint16':
      return truncate32(x) & (dtype === 'uint8' ? 0xff : 0xffff);
    case 'int32':
      return truncate32(x);
    case 'uint32':
      return Number(BigInt.asUintN(32, truncate64(x)));
    case 'int64':
      return truncate64(x);
    case 'uint64':
      // Values from 2^63 go through x - 2^63 with the top bit set back; NaN stays 2^63
      return x >= 2 ** 63 ? BigInt.asUintN(64, truncate64(x - 2 ** 63) ^ INT64_MIN) : BigInt.asUintN(64, truncate64(x));
    default:
      throw new TypeError(`cannot fill an array of dtype ${dtype} with a number`);
  }
}

function wrapSigned(v: number, bits: number): number {
  const m = 2 ** bits;
  const u = ((v % m) + m) % m;
  return u >= m / 2 ? u - m : u;
}

/** EXtra-data's default fill for missing data: NaN for floats, 0 for integers. */
export function defaultFill(dtype: NumpyDtype): number {
  return isFloatDtype(dtype) ? NaN : 0;
}

/** A typed-array fill value for `dtype` (BigInt for 64-bit integers). */
export function fillElement(x: number | undefined, dtype: NumpyDtype): number | bigint {
  return castLikeNumpy(x ?? defaultFill(dtype), dtype);
}

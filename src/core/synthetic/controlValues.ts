// Control sources with the oracle fixtures' deterministic values (shared/oracle/README.md):
// keys are numbered k in sorted order; each value is a function of toff = trainId − the run's
// first train, and its timestamp is 1546300800000000000 + toff·1e8 + k. RUN holds toff = 0.
import type { ArrayValue, NumpyDtype } from '../h5/dtypes';
import type { ControlKeySpec, ControlSourceSpec, RunValue } from './euxfelFile';
import { BASE_TIMESTAMP_NS, TRAIN_PERIOD_NS } from './euxfelFile';

export type ControlDtype = 'float32' | 'float64' | 'int32' | 'uint32' | 'uint8' | 'str';

/** A control key: its dtype, and optionally its own value rule instead of the default. */
export interface ControlKeyDef {
  key: string;
  dtype: ControlDtype;
  value?: (toff: number) => number | string;
}

/** The fixtures' rule for a key numbered k without its own rule. */
export function defaultControlValue(dtype: ControlDtype, k: number, toff: number): number | string {
  switch (dtype) {
    case 'float32': case 'float64': return k + 0.5 * (toff % 20);
    case 'int32': case 'uint32': return 10 * k + (toff % 10);
    case 'uint8': return toff % 2;
    case 'str': return 'ON';
  }
}

export function controlTimestamp(toff: number, k: number): bigint {
  return BASE_TIMESTAMP_NS + BigInt(toff) * TRAIN_PERIOD_NS + BigInt(k);
}

function column(dtype: ControlDtype, values: Array<number | string>): ArrayValue {
  const shape = [values.length];
  if (dtype === 'str') return { data: values as string[], shape, dtype };
  const ctor = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint32: Uint32Array, uint8: Uint8Array }[dtype];
  return { data: ctor.from(values as number[]), shape, dtype: dtype as NumpyDtype };
}

/**
 * A control source whose keys follow the deterministic rules; `keys` must be in sorted
 * order (their index is k). `counts` marks trains without an update (0).
 */
export function deterministicControlSource(
  name: string, keys: ControlKeyDef[], toffs: number[], counts?: number[],
): ControlSourceSpec {
  const written = counts ? toffs.filter((_, i) => counts[i] > 0) : toffs;
  const specs: Record<string, ControlKeySpec> = {};
  keys.forEach((def, k) => {
    const valueAt = (toff: number) => def.value?.(toff) ?? defaultControlValue(def.dtype, k, toff);
    const run: RunValue = { value: column(def.dtype, [valueAt(0)]), timestamp: controlTimestamp(0, k) };
    specs[def.key] = {
      value: column(def.dtype, written.map(valueAt)),
      timestamp: BigUint64Array.from(written, (t) => controlTimestamp(t, k)),
      run,
    };
  });
  return { kind: 'control', name, counts, keys: specs };
}

/** A RUN-only string such as classId (timestamp 0, as the DAQ leaves it). */
export function runOnlyString(value: string): RunValue {
  return { value: { data: [value], shape: [1], dtype: 'str' }, timestamp: 0n };
}

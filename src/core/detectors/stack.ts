// stack_detector_data: one key of every module in a train's data, stacked on a new module
// axis, with absent modules filled (the fill cast to the data's dtype as numpy casts it).
import type { TrainData, TrainValue } from '../data/types';
import { allocate, product, type ArrayValue, type NumericArray, type NumpyDtype } from '../h5/dtypes';
import { fillElement } from './numpyCast';

export interface StackOptions {
  /** Where the module axis goes in the result (default -3, before ss and fs). */
  axis?: number;
  /** Module slots in the result (default 16). */
  modules?: number;
  /** For absent modules; default NaN for floats, 0 for integers. */
  fillvalue?: number;
  /** false: a StackView that copies nothing until asked (default true). */
  realArray?: boolean;
  /** Finds the module number (group 1) in a source name. */
  pattern?: RegExp;
  /** First module's number, when numbering starts at 1. */
  startsAt?: number;
}

/** Modules' arrays kept apart; a whole array is built only by asArray(). */
export class StackView {
  readonly shape: number[];
  private readonly axis: number;
  private readonly fill: number | bigint;

  constructor(
    private readonly arrays: ReadonlyMap<number, ArrayValue<NumericArray>>,
    readonly nModules: number,
    readonly moduleShape: readonly number[],
    readonly dtype: NumpyDtype,
    fillvalue: number | undefined,
    axis: number,
  ) {
    const ndim = moduleShape.length + 1;
    this.axis = axis < 0 ? axis + ndim : axis;
    if (this.axis < 0 || this.axis >= ndim) throw new RangeError(`axis ${axis} is out of bounds for an array of dimension ${ndim}`);
    this.shape = [...moduleShape.slice(0, this.axis), nModules, ...moduleShape.slice(this.axis)];
    this.fill = fillElement(fillvalue, dtype);
  }

  /** One module slot's data (the fill value for an absent module). */
  module(m: number): ArrayValue<NumericArray> {
    if (m < 0 || m >= this.nModules) throw new RangeError(`module ${m} is out of range for ${this.nModules} modules`);
    const a = this.arrays.get(m);
    if (a) return a;
    const data = allocate(this.dtype, product(this.moduleShape));
    (data as Float64Array).fill(this.fill as number);
    return { data, shape: [...this.moduleShape], dtype: this.dtype };
  }

  asArray(): ArrayValue<NumericArray> {
    const outer = product(this.moduleShape.slice(0, this.axis));
    const inner = product(this.moduleShape.slice(this.axis));
    const out = allocate(this.dtype, outer * this.nModules * inner);
    for (let m = 0; m < this.nModules; m++) {
      const src = this.module(m).data as Float64Array;
      for (let o = 0; o < outer; o++) (out as Float64Array).set(src.subarray(o * inner, (o + 1) * inner), (o * this.nModules + m) * inner);
    }
    return { data: out, shape: this.shape, dtype: this.dtype };
  }
}

export function stackDetectorData(train: TrainData, key: string, options: StackOptions & { realArray: false }): StackView;
export function stackDetectorData(train: TrainData, key: string, options?: StackOptions): ArrayValue<NumericArray>;
export function stackDetectorData(train: TrainData, key: string, options: StackOptions = {}): ArrayValue<NumericArray> | StackView {
  const { axis = -3, modules = 16, fillvalue, realArray = true, pattern = /\/DET\/(\d+)CH/, startsAt = 0 } = options;
  if (!Object.keys(train).length) throw new RangeError('No data');
  const arrays = new Map<number, ArrayValue<NumericArray>>();
  for (const [source, data] of Object.entries(train)) {
    const match = pattern.exec(source);
    if (!match) throw new RangeError(`Source '${source}' doesn't match pattern ${pattern.source}`);
    const value = data[key] as TrainValue | undefined;
    if (value) arrays.set(Number(match[1]) - startsAt, asArray(value));
  }
  const dtypes = new Set([...arrays.values()].map((a) => a.dtype));
  if (dtypes.size > 1) throw new RangeError(`Arrays have mismatched dtypes: ${[...dtypes].join(', ')}`);
  dropEmptyModules(arrays);
  if (!arrays.size) throw new RangeError(`No module has data for ${key}`);
  const maxModule = Math.max(...arrays.keys());
  if (maxModule >= modules) throw new RangeError(`Module ${maxModule} is out of range for a detector with ${modules} modules`);
  const first = arrays.values().next().value!;
  const view = new StackView(arrays, modules, first.shape, first.dtype, fillvalue, axis);
  return realArray ? view.asArray() : view;
}

/**
 * Modules with 0 frames (shape (0, …) beside (n, …)) count as absent; any other shape
 * difference is an error.
 */
function dropEmptyModules(arrays: Map<number, ArrayValue<NumericArray>>): void {
  const shapes = new Map([...arrays.values()].map((a) => [a.shape.join(','), a.shape]));
  if (shapes.size <= 1) return;
  const [empty, full] = [...shapes.values()].sort((a, b) => a[0] - b[0]);
  const sameFrames = empty.slice(1).join(',') === full.slice(1).join(',');
  if (shapes.size > 2 || empty[0] !== 0 || !sameFrames) {
    throw new RangeError(`Arrays have mismatched shapes: ${[...shapes.values()].map((s) => `(${s.join(', ')})`).join(', ')}`);
  }
  for (const [m, a] of arrays) if (a.shape[0] === 0) arrays.delete(m);
}

/** A train's scalar (one control value) as a 0-d array. */
function asArray(v: TrainValue): ArrayValue<NumericArray> {
  if ('data' in v) return v as ArrayValue<NumericArray>;
  if (typeof v.value === 'string') throw new TypeError('cannot stack strings');
  const data = allocate(v.dtype, 1);
  (data as Float64Array)[0] = v.value as number;
  return { data, shape: [], dtype: v.dtype };
}

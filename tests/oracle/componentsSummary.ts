// Our detector components' results in the references' JSON shapes (components and
// stack_detector_data questions), on top of summarise.ts's array summary.
import { describe, expect, it } from 'vitest';
import type { ArrayValue, DataCollection, DetectorArray, DetectorTrainData, MultiModuleDetector } from '../../src/core/index';
import { differences } from './compare';
import { casesWith, loadRef, requireOracle, type RefCase } from './oracle';
import { openCase } from './referenceSuite';
import { arraySummary } from './summarise';

const flatIndex = (shape: readonly number[], index: readonly number[]) => index.reduce((acc, x, d) => acc * shape[d] + x, 0);

/** `[m, t, p, (plane), 0, "0:16"]`: 16 values along the last axis from that point. */
function rowExcerpts(a: ArrayValue, ref: Array<{ index: Array<number | string> }>) {
  return ref.map(({ index }) => {
    const [from, to] = (index.at(-1) as string).split(':').map(Number);
    const at = flatIndex(a.shape, [...(index.slice(0, -1) as number[]), from]);
    return { index, values: Array.from((a.data as Float64Array).subarray(at, at + to - from), Number) };
  });
}

export function detectorArraySummary(a: DetectorArray, ref: Record<string, any>) {
  const out: Record<string, unknown> = { dims: a.dims, coords: a.coords, ...arraySummary(a, ref) };
  if ('row_excerpts' in ref) out.row_excerpts = rowExcerpts(a, ref.row_excerpts);
  return out;
}

export function detectorSummary(det: MultiModuleDetector) {
  return {
    repr: String(det),
    detector_name: det.detectorName,
    train_ids: det.trainIds,
    frames_per_train: det.framesPerTrain,
    modno_to_source: Object.fromEntries(det.modnoToSource),
  };
}

export function trainsSummary(trains: Array<[number, DetectorTrainData]>) {
  return trains.map(([tid, data]) => ({
    train_id: tid,
    keys: Object.fromEntries(Object.entries(data).map(([k, a]) => [k, { dims: a.dims, shape: a.shape, dtype: a.dtype, coords: a.coords }])),
  }));
}

/** Per module slot of a stack: all NaN, all zero, and its first 4 values. */
export function moduleSlots(a: ArrayValue, axis: number, nModules: number) {
  const ax = axis < 0 ? axis + a.shape.length : axis;
  const outer = a.shape.slice(0, ax).reduce((x, y) => x * y, 1);
  const inner = a.shape.slice(ax + 1).reduce((x, y) => x * y, 1);
  const data = a.data as ArrayLike<number>;
  return Array.from({ length: nModules }, (_, m) => {
    let allNan = true;
    let allZero = true;
    const first: number[] = [];
    for (let o = 0; o < outer; o++) {
      const base = (o * nModules + m) * inner;
      for (let i = 0; i < inner; i++) {
        const v = Number(data[base + i]);
        if (first.length < 4) first.push(v);
        if (!Number.isNaN(v)) allNan = false;
        if (v !== 0) allZero = false;
      }
    }
    return { module: m, all_nan: allNan, all_zero: allZero, first_values: first };
  });
}

/** Python exception types and ours. */
const ERROR_TYPES: Record<string, string> = { ValueError: 'RangeError', SourceNameError: 'SourceNameError', TypeError: 'TypeError' };

/** The part of a Python error message ours must contain: a quoted name, or the first line. */
function gist(message: string): string {
  return message.match(/'([^']+)'/)?.[1] ?? message.split('\n')[0];
}

export type Evaluate = (c: RefCase, run: () => Promise<DataCollection>) => Promise<unknown>;
export type Summarise = (ours: unknown, c: RefCase) => unknown | Promise<unknown>;

/** Every call of a question for every case that has it: results summarised and compared, errors by type and gist. */
export function componentsSuite(question: string, evaluate: Evaluate, summarise: Summarise) {
  const have = requireOracle();
  describe.skipIf(!have)(`EXtra-data 1.24 references: ${question}`, () => {
    for (const caseName of casesWith(question)) {
      describe(caseName, () => {
        let opened: Promise<DataCollection> | undefined;
        const run = () => (opened ??= openCase(caseName));
        for (const c of loadRef(caseName, question).cases) {
          it(c.call, async () => {
            if (c.error) {
              const err = await evaluate(c, run).then(() => null, (e: Error) => e);
              expect(err, `expected ${c.error.type}`).not.toBeNull();
              expect({ type: err!.name, gist: err!.message.includes(gist(c.error.message)) }).toEqual({ type: ERROR_TYPES[c.error.type], gist: true });
              return;
            }
            expect(differences(await summarise(await evaluate(c, run), c), c.result)).toEqual([]);
          }, 60_000);
        }
      });
    }
  });
}

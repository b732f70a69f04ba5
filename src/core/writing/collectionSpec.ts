// A DataCollection's selected sources, keys and trains as the synthetic writer's file spec,
// read only through the collection's public getters (as EXtra-data's FileWriter does).
import type { DataCollection } from '../data/dataCollection';
import type { LabelledArray } from '../data/types';
import { allocate, type ArrayValue, type NumericArray } from '../h5/dtypes';
import type { ControlKeySpec, ControlSourceSpec, InstrumentSourceSpec, SourceSpec } from '../synthetic';

/** Per-source specs for the collection's trains, sources sorted by name. */
export function sourceSpecs(dc: DataCollection): SourceSpec[] {
  const control = dc.controlSources;
  return [...dc.allSources].sort().map((s) => (control.has(s) ? controlSpec(dc, s) : instrumentSpec(dc, s)));
}

/** Entries per train of the collection for one key (0 where the source has no data). */
function countsPerTrain(dc: DataCollection, source: string, key: string): number[] {
  const counts = dc.getDataCounts(source, key);
  const byTrain = new Map((counts.index as number[]).map((t, i) => [t, Number((counts.values as BigUint64Array)[i])]));
  return dc.trainIds.map((t) => byTrain.get(t) ?? 0);
}

function plain({ data, shape, dtype }: LabelledArray): ArrayValue {
  return { data, shape, dtype };
}

function controlSpec(dc: DataCollection, source: string): ControlSourceSpec {
  const keys = dc.keysForSource(source);
  const names = [...keys].filter((k) => k.endsWith('.value')).map((k) => k.slice(0, -'.value'.length));
  let counts: number[] | undefined;
  const specs: Record<string, ControlKeySpec> = {};
  for (const name of names) {
    const value = plain(dc.getArray(source, `${name}.value`));
    counts ??= countsPerTrain(dc, source, `${name}.value`);
    // A key selected without its .timestamp has no time we can read: 0 marks it unknown.
    const hasTime = keys.has(`${name}.timestamp`);
    const timestamp = hasTime
      ? (dc.getArray(source, `${name}.timestamp`).data as BigUint64Array)
      : new BigUint64Array(value.shape[0]);
    specs[name] = {
      value,
      timestamp,
      run: {
        value: runValue(dc.getRunValue(source, `${name}.value`), value),
        timestamp: hasTime ? BigInt(dc.getRunValue(source, `${name}.timestamp`) as bigint) : 0n,
      },
    };
  }
  return { kind: 'control', name: source, counts: counts ?? dc.trainIds.map(() => 0), keys: specs };
}

/** RUN keeps a train axis of length 1; getRunValue unwraps single values. */
function runValue(v: unknown, like: ArrayValue): ArrayValue {
  const entry = like.shape.slice(1);
  if (typeof v === 'object' && v !== null && 'shape' in v) {
    const a = v as ArrayValue;
    return { data: a.data, shape: [1, ...entry], dtype: a.dtype };
  }
  if (like.dtype === 'str') return { data: [String(v)], shape: [1, ...entry], dtype: 'str' };
  const data = allocate(like.dtype, 1) as NumericArray;
  (data as unknown as Array<number | bigint>)[0] = v as number | bigint;
  return { data, shape: [1, ...entry], dtype: like.dtype };
}

function instrumentSpec(dc: DataCollection, source: string): InstrumentSourceSpec {
  const groups: InstrumentSourceSpec['groups'] = {};
  for (const key of [...dc.keysForSource(source)].sort()) {
    const dot = key.indexOf('.');
    const group = key.slice(0, dot);
    groups[group] ??= { counts: countsPerTrain(dc, source, key), keys: {}, padRows: false };
    groups[group].keys[key.slice(dot + 1)] = { value: plain(dc.getArray(source, key)) };
  }
  return { kind: 'instrument', name: source, groups };
}

// The Train panel's view of one train. Its outline — every selected source's keys that have
// data in the train — comes from INDEX alone; the values of the rows shown are read on
// request, each a preview: the first few values of an array, read without the rest (a
// detector train is hundreds of megabytes, and a run has thousands of control keys).
import type { DataCollection, TrainValue } from '../core/index';
import type { TrainOutline, TrainRow, TrainRowName, TrainView } from './types';
import { SHOWN, naturally, nsToUtc, toDisplay } from './values';

/** When a train was: INDEX/timestamp (format ≥ 1.0), else the newest control timestamp it has (ns). */
export interface TrainTime {
  ns: bigint;
  from: 'index' | 'control';
}

/** The rows of a train, without values. */
export function readTrainOutline(run: DataCollection, trainId: number, sources: string[] | undefined, time: TrainTime | undefined): TrainOutline {
  if (!run.trainIds.includes(trainId)) run.trainFromId(trainId); // throws EXtra-data's TrainIDError
  const view = sources?.length ? run.select(sources.map((s): [string, string] => [s, '*'])) : run;
  const rows: TrainRowName[] = [];
  const missing: TrainRowName[] = [];
  for (const source of [...view.allSources].sort(naturally)) {
    const keys = new Set([...view.trainKeyCounts(source, trainId)].filter(([, n]) => n > 0).map(([key]) => key));
    if (!keys.size) missing.push({ source, key: null, missing: true });
    for (const key of [...keys].sort(naturally)) {
      // A control value's timestamp goes beside it rather than on a row of its own
      if (!(key.endsWith('.timestamp') && keys.has(`${key.slice(0, -10)}.value`))) rows.push({ source, key, missing: false });
    }
  }
  return { trainId, rows: [...rows, ...missing], utc: time ? nsToUtc(String(time.ns)) : null, utcSource: time?.from ?? 'none' };
}

/**
 * Per train, the newest timestamp of the control values it has (ns): without INDEX/timestamp
 * (format 0.5) the closest to when the train was. Every control timestamp of the run is
 * read once, key by key, instead of every key's at each train shown.
 */
export function newestControlTimes(run: DataCollection): Map<number, bigint> {
  const newest = new Map<number, bigint>();
  for (const source of run.controlSources) {
    const keys = run.keysForSource(source);
    for (const key of keys) {
      if (!key.endsWith('.timestamp') || !keys.has(`${key.slice(0, -10)}.value`)) continue;
      let stamps;
      try {
        stamps = run.getArray(source, key);
      } catch {
        continue; // a broken INDEX of one key leaves it out of the time, not every train's outline out
      }
      if (stamps.dtype !== 'uint64') continue;
      const data = stamps.data as BigUint64Array;
      stamps.coords.trainId.forEach((t, i) => {
        if (data[i] > (newest.get(t) ?? 0n)) newest.set(t, data[i]);
      });
    }
  }
  return newest;
}

/** The values of some rows of a train's outline; `runValue`: a control key's RUN value as text. */
export function readTrainRows(run: DataCollection, trainId: number, names: TrainRowName[], runValue: (source: string, key: string) => string | null): TrainRow[] {
  return names.map((name) => {
    const { source, key } = name;
    if (key === null) return { ...name, value: '', dtype: '', shape: [], runValue: null, timestamp: null };
    return { ...name, ...toDisplay(run.trainKeyHead(source, key, trainId, SHOWN)), runValue: runValue(source, key), timestamp: controlTimestamp(run, name, trainId) };
  });
}

/** Outline and every row's values at once. */
export function readTrainView(run: DataCollection, trainId: number, sources: string[] | undefined, context: { runValue(source: string, key: string): string | null; time: TrainTime | undefined }): TrainView {
  const outline = readTrainOutline(run, trainId, sources, context.time);
  return { ...outline, rows: readTrainRows(run, trainId, outline.rows, context.runValue) };
}

/** The UTC time beside a control `.value` key: its `.timestamp` sibling's, when that is a uint64. */
function controlTimestamp(run: DataCollection, { source, key }: TrainRowName, trainId: number): string | null {
  if (!key?.endsWith('.value')) return null;
  const stampKey = `${key.slice(0, -6)}.timestamp`;
  let stamp: TrainValue | null = null;
  try {
    stamp = run.trainKeyHead(source, stampKey, trainId, 1);
  } catch {
    return null; // no such key
  }
  const shown = stamp ? toDisplay(stamp) : null;
  return shown?.dtype === 'uint64' ? nsToUtc(shown.value) : null;
}

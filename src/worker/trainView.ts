// The Train panel's view of one train: every selected source's keys with a preview of their
// values — the first few of an array, read without the rest (a detector train is hundreds of
// megabytes; trainFromId would read them all on every step through the trains).
import type { DataCollection, TrainValue } from '../core/index';
import type { TrainRow, TrainView } from './types';
import { SHOWN, naturally, nsToUtc, toDisplay } from './values';

export interface TrainViewContext {
  /** A control key's RUN value as text (kept by the caller, read once per run). */
  runValue(source: string, key: string): string | null;
  /** When the train was recorded (INDEX/timestamp, ns), if the files say. */
  recorded: bigint | undefined;
}

export function readTrainView(run: DataCollection, trainId: number, sources: string[] | undefined, context: TrainViewContext): TrainView {
  if (!run.trainIds.includes(trainId)) run.trainFromId(trainId); // throws EXtra-data's TrainIDError
  const view = sources?.length ? run.select(sources.map((s): [string, string] => [s, '*'])) : run;
  const rows: TrainRow[] = [];
  const missing: TrainRow[] = [];
  let newestControl: string | null = null;
  for (const source of [...view.allSources].sort(naturally)) {
    const values = new Map<string, TrainValue>();
    for (const key of view.keysForSource(source)) {
      const head = view.trainKeyHead(source, key, trainId, SHOWN);
      if (head) values.set(key, head);
    }
    if (!values.size) missing.push({ source, key: null, value: '', dtype: '', shape: [], missing: true, runValue: null, timestamp: null });
    for (const key of [...values.keys()].sort(naturally)) {
      // A control value's timestamp goes beside it rather than on a row of its own
      if (key.endsWith('.timestamp') && values.has(`${key.slice(0, -10)}.value`)) continue;
      const stamp = key.endsWith('.value') ? toDisplay(values.get(`${key.slice(0, -6)}.timestamp`)) : null;
      const timestamp = stamp?.dtype === 'uint64' ? nsToUtc(stamp.value) : null;
      if (timestamp && (!newestControl || timestamp > newestControl)) newestControl = timestamp;
      rows.push({ source, key, ...toDisplay(values.get(key)), missing: false, runValue: context.runValue(source, key), timestamp });
    }
  }
  // INDEX/timestamp (format ≥ 1.0) is when the train was recorded; without it, the newest
  // control timestamp is the closest to the train's time.
  const { recorded } = context;
  const utc = recorded ? nsToUtc(String(recorded)) : newestControl;
  return { trainId, rows: [...rows, ...missing], utc, utcSource: recorded ? 'index' : utc ? 'control' : 'none' };
}

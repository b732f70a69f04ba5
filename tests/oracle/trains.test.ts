// train_from_id / train_from_index and the trains() iterator against EXtra-data 1.24.
import type { TrainData } from '../../src/core/index';
import { differences } from './compare';
import { referenceSuite } from './referenceSuite';
import { trainSummary } from './summarise';
import { evaluateCall } from './translate';

referenceSuite('train_from', (ours, ref) => differences(trainSummary(ours as [number, TrainData], ref.result), ref.result));

referenceSuite(
  'trains',
  (ours, ref) => differences(ours, ref.result),
  async (c, run) => {
    const trainIds: number[] = [];
    let first: { train_id: number; sources: Record<string, string[]> } | null = null;
    for await (const [tid, data] of (await evaluateCall(c.call, run)) as AsyncIterable<[number, TrainData]>) {
      trainIds.push(tid);
      first ??= { train_id: tid, sources: Object.fromEntries(Object.entries(data).map(([s, d]) => [s, Object.keys(d).sort()])) };
    }
    return { count: trainIds.length, train_ids: trainIds, first };
  },
);

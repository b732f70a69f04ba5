// stack_detector_data against EXtra-data 1.24: default (NaN → 0 for uint16), fillvalue=0
// and -1.5 (→ 65535), a missing module (AGIPD 03), a train lacking module 07 and one with
// 0 frames for module 11; the module slots and the sources given are checked too.
import { requireOracle } from './oracle';
import type { ArrayValue, TrainData } from '../../src/core/index';
import { DETECTOR_SOURCES, evaluateComponentCall } from './componentsCalls';
import { componentsSuite, moduleSlots } from './componentsSummary';
import { arraySummary } from './summarise';

requireOracle();

componentsSuite(
  'stack_detector_data',
  async (c, run) => {
    const trainId = Number(c.call.match(/train_from_id\((\d+)\)/)![1]);
    const [, train] = (await run()).select(DETECTOR_SOURCES).trainFromId(trainId);
    return { train, stacked: await evaluateComponentCall(c.call, run) };
  },
  (ours, c) => {
    const { train, stacked } = ours as { train: TrainData; stacked: ArrayValue };
    const out: Record<string, unknown> = arraySummary(stacked, c.result);
    if ('module_slots' in c.result) out.module_slots = moduleSlots(stacked, -3, 16);
    // EXtra-data's train dict leaves out sources without data for the train; ours keeps
    // them with metadata only, so compare the sources that have the key
    const key = c.call.match(/, '([^']+)'/)![1];
    if ('sources_in_train' in c.result) out.sources_in_train = Object.keys(train).filter((s) => key in train[s]).sort();
    return out;
  },
);

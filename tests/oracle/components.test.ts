// LPD1M / AGIPD1M / DSSC1M against EXtra-data 1.24: constructors (modules, min_modules,
// select_trains), get_array with pulse selections, and the trains() iterator.
import { requireOracle } from './oracle';
import type { DetectorArray, DetectorTrainData, MultiModuleDetector } from '../../src/core/index';
import { evaluateComponentCall } from './componentsCalls';
import { componentsSuite, detectorArraySummary, detectorSummary, trainsSummary } from './componentsSummary';

requireOracle();

componentsSuite(
  'components',
  (c, run) => evaluateComponentCall(c.call, run),
  async (ours, c) => {
    if (c.call.endsWith('.trains() [first 3 trains]')) {
      const trains: Array<[number, DetectorTrainData]> = [];
      for await (const t of ours as AsyncIterable<[number, DetectorTrainData]>) if (trains.push(t) === 3) break;
      return trainsSummary(trains);
    }
    if (c.call.includes('.get_array(')) return detectorArraySummary(ours as DetectorArray, c.result);
    return detectorSummary(ours as MultiModuleDetector);
  },
);

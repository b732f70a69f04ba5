// get_data_counts, get_series, get_array, get_dataframe against EXtra-data 1.24
// (and karabo_data 0.7 for the calls in karaboData07Cases.ts).
import type { DataFrame, LabelledArray, Series } from '../../src/core/index';
import { dataFrameDifferences, differences } from './compare';
import { referenceSuite } from './referenceSuite';
import { labelledSummary, seriesSummary } from './summarise';

referenceSuite('get_data_counts', (ours, ref) => differences(seriesSummary(ours as Series), ref.result));

referenceSuite('get_series', (ours, ref) => differences(seriesSummary(ours as Series), ref.result));

referenceSuite('get_array', (ours, ref) => differences(labelledSummary(ours as LabelledArray, ref.result), ref.result));

referenceSuite('get_dataframe', (ours, ref) => dataFrameDifferences(ours as DataFrame, ref.result));

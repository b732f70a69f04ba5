// open, keys_for_source, select, union_conflict, info, detector_info against EXtra-data 1.24.
import type { DataCollection, DetectorInfo } from '../../src/core/index';
import { differences } from './compare';
import type { RefCase } from './oracle';
import { referenceSuite } from './referenceSuite';
import { collectionSummary } from './summarise';

function summaryDifferences(dc: DataCollection, ref: RefCase): string[] {
  const want = ref.result as Record<string, unknown>;
  const ours = collectionSummary(dc, 'keys' in want);
  if (want.n_trains === 0) {
    // With no train selected, each source keeps one of its files, whichever EXtra-data
    // listed first (directory order): compare which sequences of files remain.
    const seq = (files: unknown) => [...new Set((files as string[]).map((f) => f.replace(/-S\d+\.h5$/, '')))].sort();
    return differences({ ...ours, files: seq(ours.files) }, { ...want, files: seq(want.files) });
  }
  return differences(ours, want);
}

referenceSuite('open', (ours, ref) => {
  if (ref.call.endsWith(')')) return summaryDifferences(ours as DataCollection, ref);
  if (ours instanceof Set) return differences([...ours].sort(), ref.result);
  return differences(ours, ref.result);
});

referenceSuite('keys_for_source', (ours, ref) => differences([...(ours as Set<string>)].sort(), ref.result));

referenceSuite('select', (ours, ref) => summaryDifferences(ours as DataCollection, ref));

referenceSuite('union_conflict', (ours, ref) => summaryDifferences(ours as DataCollection, ref));

referenceSuite('info', (ours, ref) => differences(ours, ref.stdout));

referenceSuite('detector_info', (ours, ref) => {
  const d = ours as DetectorInfo;
  return differences({ dims: d.dims, frames_per_train: d.framesPerTrain, total_frames: d.totalFrames }, ref.result);
});

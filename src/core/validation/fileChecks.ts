// EXtra-data 1.24's checks on one file, registered under its names and with its message
// texts: the CLI output and the oracle references compare these strings.
import { registerFileCheck } from './registry';
import type { DataFile } from './dataFile';
import type { Problem } from './problem';
import { toBigInts } from '../format/trainIndex';
import { sameShape } from './numbers';

type Found = Omit<Problem, 'check'>;

const TRAIN_IDS = 'INDEX/trainId';

registerFileCheck('train_ids_nonzero', function* (f) {
  const first0 = f.allTrainIds.indexOf(0n);
  if (first0 >= 0 && f.allTrainIds.slice(first0).some((t) => t !== 0n)) {
    yield { msg: 'Zeroes in trainId index before last train ID', dataset: TRAIN_IDS };
  }
});

registerFileCheck('train_ids_order', function* (f) {
  const tids = f.trainIds;
  const pos = tids.findIndex((t, i) => i + 1 < tids.length && tids[i + 1] <= t);
  if (pos >= 0) {
    yield {
      msg: `Train IDs are not strictly increasing, e.g. at ${pos} (${tids[pos]} >= ${tids[pos + 1]})`,
      dataset: TRAIN_IDS,
    };
  }
});

registerFileCheck('index_control', function* (f) {
  for (const src of f.controlSources) {
    const { first, count } = f.index(`INDEX/${src}`);
    for (const key of f.keys(src)) {
      const dataset = f.datasetPath(src, key);
      const outside = dataOutside(first, count, f.dim0(dataset), dataset);
      if (outside) {
        yield outside;
        break; // every key of a source shares its index: one report is enough
      }
    }
    yield* checkIndex(f, `INDEX/${src}`);
  }
});

registerFileCheck('index_instrument', function* (f) {
  for (const src of f.instrumentSources) {
    const indexPaths = new Set<string>();
    for (const key of f.keys(src)) {
      const indexPath = `INDEX/${src}/${key.split('.')[0]}`;
      indexPaths.add(indexPath);
      const { first, count } = f.index(indexPath);
      const dataset = f.datasetPath(src, key);
      const outside = dataOutside(first, count, f.dim0(dataset), dataset);
      if (outside) yield outside;
    }
    for (const indexPath of indexPaths) yield* checkIndex(f, indexPath);
  }
});

registerFileCheck('control_timestamps_order', function* (f) {
  for (const src of f.controlSources) {
    for (const key of f.keys(src)) {
      if (!key.endsWith('.timestamp')) continue;
      const dataset = f.datasetPath(src, key);
      const ts = toBigInts(f.read(dataset));
      const first0 = ts.indexOf(0n);
      if (first0 >= 0 && ts.slice(first0).some((t) => t !== 0n)) {
        yield { msg: 'Zeroes in Timestamp before last train ID', dataset };
      }
      const end = first0 >= 0 ? first0 : ts.length;
      const pos = ts.findIndex((t, i) => i + 1 < end && ts[i + 1] < t);
      if (pos >= 0) {
        yield { msg: `Timestamp is decreasing, e.g. at ${pos + 1} (${ts[pos + 1]} < ${ts[pos]})`, dataset };
      }
    }
  }
});

function dataOutside(first: bigint[], count: bigint[], dim0: number, dataset: string): Found | null {
  let maxEnd = -1n;
  for (let i = 0; i < first.length; i++) {
    const end = BigInt.asUintN(64, first[i] + (count[i] ?? 0n));
    if (end > maxEnd) maxEnd = end;
  }
  if (maxEnd <= BigInt(dim0)) return null;
  return { msg: `Index referring to data (${maxEnd}) outside dataset (${dim0})`, dataset };
}

function* checkIndex(f: DataFile, dataset: string): Generator<Found> {
  const { first, count, firstShape, countShape } = f.rawIndex(dataset);
  if (firstShape.length !== 1 || countShape.length !== 1) {
    yield { msg: 'Index first / count are not 1D', dataset, firstShape, countShape };
    return;
  }
  if (!sameShape(firstShape, countShape)) {
    yield { msg: 'Index first & count have different number of entries', dataset, firstShape, countShape };
    return;
  }
  if (firstShape[0] !== f.trainIds.length) {
    yield { msg: 'Index has wrong number of entries', dataset, indexShape: firstShape, trainIdsShape: [f.trainIds.length] };
  }
  yield* checkIndexContiguous(first, count, dataset);
}

/** Each train's data follows the previous train's, from 0, without gaps or overlaps. */
function* checkIndexContiguous(first: bigint[], count: bigint[], dataset: string): Generator<Found> {
  if (first.length === 0) return;
  if (first[0] !== 0n) yield { msg: "Index doesn't start at 0", dataset };
  const gaps: number[] = [];
  const overlaps: number[] = [];
  for (let i = 0; i + 1 < first.length; i++) {
    const diff = BigInt.asIntN(64, first[i + 1]) - BigInt.asUintN(64, first[i] + count[i]);
    if (diff > 0n) gaps.push(i);
    else if (diff < 0n) overlaps.push(i);
  }
  const at = (pos: number, op: string) => `at ${pos} (${first[pos]} + ${count[pos]} ${op} ${first[pos + 1]})`;
  if (gaps.length) yield { msg: `Gaps (${gaps.length}) in index, e.g. ${at(gaps[0], '<')}`, dataset };
  if (overlaps.length) yield { msg: `Overlaps (${overlaps.length}) in index, e.g. ${at(overlaps[0], '>')}`, dataset };
}

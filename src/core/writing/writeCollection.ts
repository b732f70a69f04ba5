// DataCollection.write (docs 3.1.6): the selected sources, keys and trains copied into one
// new EuXFEL file, which our reader and EXtra-data open like a run's file.
import type { DataCollection } from '../data/dataCollection';
import { HDF5File } from '../h5/h5File';
import { isNode } from '../h5/h5wasmModule';
import { writeEuxfelFile, type EuxfelFileSpec } from '../synthetic/euxfelFile';
import { sourceSpecs } from './collectionSpec';

/**
 * Writes the collection to `targetPath` (overwriting it). Format 1.0 when every selected
 * train's INDEX/timestamp can be read from the source files, else 0.5, which has none:
 * a written file never holds made-up train times. Every train is written as good.
 */
export async function writeCollection(collection: DataCollection, targetPath: string): Promise<void> {
  refuseRunFolder(collection, targetPath);
  const timestamps = await trainTimestamps(collection);
  const spec: EuxfelFileSpec = {
    formatVersion: timestamps ? '1.0' : '0.5',
    trainIds: collection.trainIds,
    sources: sourceSpecs(collection),
    padTo: 1,
    metadata: runMetadata(collection),
    ...(timestamps ? { timestamps } : {}),
  };
  await writeEuxfelFile(targetPath, spec);
}

/** We never write into a run folder (EXtra-data and the DAQ treat every file there as the run's). */
export function refuseRunFolder(collection: DataCollection, targetPath: string): void {
  const target = folderOf(targetPath);
  const clash = collection.files.find((f) => folderOf(f.path) === target);
  if (clash) throw new Error(`Refusing to write ${targetPath}: that folder holds the run's file ${clash.filename}`);
}

function folderOf(path: string): string {
  const parts: string[] = [];
  for (const p of path.replaceAll('\\', '/').split('/').slice(0, -1)) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** INDEX/timestamp of each selected train from the source files (Node paths), or null. */
async function trainTimestamps(dc: DataCollection): Promise<BigUint64Array | null> {
  if (!isNode) return null;
  const byTrain = new Map<number, bigint>();
  for (const f of dc.files) {
    const h5 = await HDF5File.open(f.path);
    try {
      if (h5.kind('INDEX/timestamp') !== 'dataset') return null;
      const tids = h5.read('INDEX/trainId').data as BigUint64Array;
      const ts = h5.read('INDEX/timestamp').data as BigUint64Array;
      tids.forEach((t, i) => byTrain.set(Number(t), ts[i]));
    } finally {
      h5.close();
    }
  }
  const out = new BigUint64Array(dc.trainIds.length);
  for (const [i, t] of dc.trainIds.entries()) {
    const ts = byTrain.get(t);
    if (ts === undefined || ts === 0n) return null;
    out[i] = ts;
  }
  return out;
}

/** Run and proposal numbers from the source files' names and paths (…/p700000/raw/r0450/RAW-R0450-…). */
function runMetadata(dc: DataCollection): EuxfelFileSpec['metadata'] {
  const first = dc.files[0];
  const run = /-R(\d+)-/.exec(first?.filename ?? '');
  const proposal = /\/p(\d{6})\//.exec(first?.path ?? '');
  const now = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    ...(run ? { runNumber: Number(run[1]) } : {}),
    ...(proposal ? { proposalNumber: Number(proposal[1]) } : {}),
    creationDate: now,
    updateDate: now,
    daqLibrary: 'xfel-run-viewer writeCollection',
    runType: 'Selection written by xfel-run-viewer',
  };
}

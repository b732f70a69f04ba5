// DataCollection.write (docs 3.1.6): the selected sources, keys and trains copied into one
// new EuXFEL file, which our reader and EXtra-data open like a run's file.
import type { DataCollection } from '../data/dataCollection';
import { writeEuxfelFile, type EuxfelFileSpec } from '../synthetic/euxfelFile';
import { sourceSpecs } from './collectionSpec';

/**
 * Writes the collection to `targetPath` (overwriting it). Format 1.0 when every selected
 * train's INDEX/timestamp is known, else 0.5, which has none:
 * a written file never holds made-up train times. Every train is written as good.
 */
export async function writeCollection(collection: DataCollection, targetPath: string): Promise<void> {
  refuseRunFolder(collection, targetPath);
  const times = collection.trainTimestamps();
  const timestamps = times.every((t) => t > 0n) ? times : null;
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

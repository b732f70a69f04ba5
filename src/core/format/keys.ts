// Key names of EuXFEL sources: dataset paths below CONTROL/<source> or
// INSTRUMENT/<source>, with '/' written as '.'. RUN/<source> holds a control
// source's values at the start of the run.
import type { HDF5File } from '../h5/h5File';

export function listKeys(h5: HDF5File, source: string, control: boolean): string[] {
  const root = `${control ? 'CONTROL' : 'INSTRUMENT'}/${source}`;
  if (h5.kind(root) !== 'group') return [];
  return h5.datasetsBelow(root).map((p) => p.replaceAll('/', '.')).sort();
}

export function keyToPath(source: string, key: string, control: boolean): string {
  return `${control ? 'CONTROL' : 'INSTRUMENT'}/${source}/${key.replaceAll('.', '/')}`;
}

/** Where a control key's value at the start of the run is (the key as in CONTROL, e.g. `x.value`). */
export function runKeyPath(source: string, key: string): string {
  return `RUN/${source}/${key.replaceAll('.', '/')}`;
}

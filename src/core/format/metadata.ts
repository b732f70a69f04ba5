// METADATA of a EuXFEL file: the format version and the list of data sources.
// Format 0.5 (no version dataset) keeps the list in METADATA/dataSourceId;
// 1.0 and later in METADATA/dataSources/dataSourceId.
import type { HDF5File } from '../h5/h5File';

export interface DataSources {
  control: string[];
  instrument: string[];
}

export function readFormatVersion(h5: HDF5File): string {
  if (h5.kind('METADATA/dataFormatVersion') !== 'dataset') return '0.5';
  const v = h5.read('METADATA/dataFormatVersion').data;
  return String((v as string[])[0] ?? '0.5').replace(/\0+$/, '');
}

export function readDataSources(h5: HDF5File, formatVersion: string): DataSources {
  const path = formatVersion === '0.5' ? 'METADATA/dataSourceId' : 'METADATA/dataSources/dataSourceId';
  if (h5.kind(path) !== 'dataset') throw new FileStructureError(`${h5.name}: ${path} not found`);
  const control = new Set<string>();
  const instrument = new Set<string>();
  for (const entry of h5.read(path).data as string[]) {
    // Lists are padded with empty entries
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const category = slash < 0 ? entry : entry.slice(0, slash);
    const name = slash < 0 ? '' : entry.slice(slash + 1);
    if (category === 'INSTRUMENT') {
      // 'DEVICE:channel/group' -> source 'DEVICE:channel'
      const colon = name.indexOf(':');
      const device = name.slice(0, colon);
      const channel = name.slice(colon + 1).split('/')[0];
      instrument.add(`${device}:${channel}`);
    } else if (category === 'CONTROL') {
      control.add(name);
    } else if (category !== 'Karabo_TimerServer') {
      // Karabo_TimerServer is a virtual source of format 1.1 only
      throw new FileStructureError(`${h5.name}: unknown data category ${category} in ${path}`);
    }
  }
  return { control: [...control].sort(), instrument: [...instrument].sort() };
}

/** A file that is HDF5 but not laid out as a EuXFEL data file. */
export class FileStructureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileStructureError';
  }
}

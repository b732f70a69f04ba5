// What each EuXFEL file format version (EXDF) changes in the file layout. Facts from
// EXtra-data's data_format.rst and file_access.py; the readers key off the same facts.

export type FormatVersion = '0.5' | '1.0' | '1.1' | '1.2' | '1.3';

export const FORMAT_VERSIONS: readonly FormatVersion[] = ['0.5', '1.0', '1.1', '1.2', '1.3'];

export interface FormatFacts {
  /** 0.5 has no METADATA/dataFormatVersion: readers infer it from the layout. */
  writesVersion: boolean;
  /** Source lists in METADATA/dataSources/… (1.0+) or straight in METADATA (0.5). */
  dataSourcesGroup: boolean;
  /** INDEX/flag and INDEX/timestamp exist from 1.0. */
  hasFlagAndTimestamp: boolean;
  /** 1.1 wrote the index of the source that opened the train: 0 (time server) = good. */
  flagInverted: boolean;
  /** 1.1 lists the virtual time server as the first data source. */
  timeServerSource: boolean;
  /** INDEX/origin: -1 when the time server opened the train (1.2+). */
  hasOrigin: boolean;
}

export function formatFacts(v: FormatVersion): FormatFacts {
  const atLeast1 = v !== '0.5';
  return {
    writesVersion: atLeast1,
    dataSourcesGroup: atLeast1,
    hasFlagAndTimestamp: atLeast1,
    flagInverted: v === '1.1',
    timeServerSource: v === '1.1',
    hasOrigin: v === '1.2' || v === '1.3',
  };
}

/** The data source name EXtra-data skips in 1.1 files. */
export const TIME_SERVER_SOURCE = 'Karabo_TimerServer';

// What a validation check reports: EXtra-data's problem dicts, with the check's name added
// so a panel can group them and a user can skip that check.

export interface Problem {
  /**
   * Name of the check that found it (what `skip` takes), or one that can't be skipped:
   * `open_file` (not openable), `run_files` (none usable), `isolation` (its worker timed out or died).
   */
  check: string;
  /** EXtra-data 1.24's message text. */
  msg: string;
  /** The data file, as it was given (a path in Node, a file name in the browser). */
  file?: string;
  /** HDF5 path of the dataset or INDEX group concerned. */
  dataset?: string;
  /** Why a file could not be opened or checked: an h5py-style message. */
  error?: string;
  indexShape?: number[];
  trainIdsShape?: number[];
  firstShape?: number[];
  countShape?: number[];
  /** Run folder, for run-wide problems. */
  directory?: string;
  cacheFile?: string;
  dataFile?: string;
}

export interface ValidationOptions {
  /** Names of checks not to run (see `validationCheckNames()`). */
  skip?: Iterable<string>;
}

export function problem(check: string, msg: string, fields: Omit<Problem, 'check' | 'msg'> = {}): Problem {
  return { check, msg, ...fields };
}

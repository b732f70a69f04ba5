// What distinguishes AGIPD, LPD and DSSC for the data components: declared as data, so a
// new multi-module detector is one more entry, not more code.

export interface DetectorSpec {
  /** Class name, as in EXtra-data (and error messages). */
  name: 'AGIPD1M' | 'LPD1M' | 'DSSC1M';
  /** Matches a source of this detector; group 1 is the detector name, group 3 the module number. */
  sourcePattern: RegExp;
  nModules: number;
  /** [slow_scan, fast_scan] pixels of one module. */
  moduleShape: [number, number];
  /** Planes per raw frame: AGIPD raw stores data and gain (the `data_gain` axis). */
  rawPlanes: number;
}

// Raw (DET) and corrected (CORR) data share names apart from that part; the module
// number is the digits before 'CH' ('.../DET/7CH0:xtdf').
const sources = (tag: string) => new RegExp(`^(.+_${tag}.*)/(DET|CORR)/(\\d+)CH`);

export const AGIPD_SPEC: DetectorSpec = { name: 'AGIPD1M', sourcePattern: sources('AGIPD1M'), nModules: 16, moduleShape: [512, 128], rawPlanes: 2 };
export const LPD_SPEC: DetectorSpec = { name: 'LPD1M', sourcePattern: sources('LPD1M'), nModules: 16, moduleShape: [256, 256], rawPlanes: 1 };
export const DSSC_SPEC: DetectorSpec = { name: 'DSSC1M', sourcePattern: sources('DSSC1M'), nModules: 16, moduleShape: [128, 512], rawPlanes: 1 };

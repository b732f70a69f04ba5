// THE ONE LIST of reference calls where EXtra-data 1.24 raises an error but karabo_data
// 0.7 gives a sensible result: for these we match refs/karabo_data-0.7.0 instead.
// Every other 1.24 error is expected to be an error of ours too.

const pulseSeries = (src: string) => [`get_series('${src}', 'image.pulseId')`, `get_series('${src}', 'image.cellId')`];
const unionAll = "select('*XGM*').union(deselect('*XGM*'))";
const wrongLengthGetters = [
  "get_array('SA1_XTD2_XGM/DOOCS/MAIN:output', 'data.intensityTD')",
  "get_array('SA1_XTD2_XGM/DOOCS/MAIN:output', 'data.intensityTD', roi=by_index[:10])",
  "get_array('SA1_XTD2_XGM/DOOCS/MAIN:output', 'data.intensityTD', roi=by_index[100:110])",
  "get_array('SA1_XTD2_XGM/DOOCS/MAIN:output', 'data.intensityTD', roi=by_index[::250])",
  "get_series('SA1_XTD2_XGM/DOOCS/MAIN:output', 'data.trainId')",
];

/** case -> calls. Why, per group: */
export const MATCH_KARABO_DATA_07: Record<string, string[]> = {
  // get_series of a pulse-resolved key (one value per frame, shape (N, 1)): 1.24 refuses
  // ("only 1D"); 0.7 gives a series indexed by [trainId, pulseId].
  'fxe-lpd-run': [...pulseSeries('FXE_DET_LPD1M-1/DET/0CH0:xtdf'), ...pulseSeries('FXE_DET_LPD1M-1/DET/1CH0:xtdf')],
  'spb-agipd-run': [...pulseSeries('SPB_DET_AGIPD1M-1/DET/0CH0:xtdf'), ...pulseSeries('SPB_DET_AGIPD1M-1/DET/1CH0:xtdf')],
  'scs-dssc-run': [...pulseSeries('SCS_DET_DSSC1M-1/DET/0CH0:xtdf'), ...pulseSeries('SCS_DET_DSSC1M-1/DET/1CH0:xtdf')],
  'old-index-firstlast': pulseSeries('SPB_DET_AGIPD1M-1/DET/7CH0:xtdf'),
  'old-index-firstlast--h5file': pulseSeries('SPB_DET_AGIPD1M-1/DET/7CH0:xtdf'),
  // A union with an empty selection (deselect of every source): 1.24 raises IndexError,
  // 0.7 gives the first selection back.
  'broken-index-past-end': [unionAll],
  'broken-not-hdf5': [unionAll],
  // INDEX first/count shorter than INDEX/trainId: 1.24 fails to broadcast, 0.7 reads the
  // trains the index describes.
  'broken-index-wrong-length': [unionAll, ...wrongLengthGetters],
};

export function matchesKaraboData07(caseName: string, call: string): boolean {
  return MATCH_KARABO_DATA_07[caseName]?.includes(call) ?? false;
}

// Writer of synthetic EuXFEL runs (EXDF files) with h5wasm: fixtures, the demo run, benchmarks.
//
//   writeEuxfelFile(path, spec)    one file from typed arrays: {formatVersion ('0.5'–'1.3'),
//                                  trainIds, sources: [{kind: 'control', name, keys}, {kind:
//                                  'instrument', name, groups: {data: {counts, keys}}}], suspect?}
//   planSyntheticRun(spec)         the run's files (DA01-S00000…, AGIPD07-S00000…), built lazily
//   writeSyntheticRun(dir, spec)   writes them into a new (or empty) folder (Node)
//   xgm(), camera(), digitizer(), slowControl(), spec.detector devices with the oracle fixtures' deterministic values
//
// e.g. a format 1.2 run of 1000 trains in 2 sequences with XGM data and 4 LPD modules:
//   await writeSyntheticRun(dir, { runNumber: 7, formatVersion: '1.2', nTrains: 1000,
//     aggregators: [{ name: 'DA01', trainsPerSequence: 500, devices: [xgm('SA1_XTD2_XGM/DOOCS/MAIN')] }],
//     detector: { type: 'LPD', framesPerTrain: 4, modules: [0, 1, 2, 3], emptyTrainIds: { 2: [10003] } } });
export { writeEuxfelFile, dataSourceIds, DEFAULT_METADATA } from './euxfelFile';
export type {
  EuxfelFileSpec, SourceSpec, ControlSourceSpec, ControlKeySpec, RunValue, InstrumentSourceSpec,
  IndexGroupSpec, InstrumentKeySpec, FileMetadata,
} from './euxfelFile';
export type { UnwrittenValue, Attrs } from './h5Writing';
export { FORMAT_VERSIONS, formatFacts, type FormatVersion, type FormatFacts } from './formatVersion';
export { planSyntheticRun, type SyntheticRunSpec, type AggregatorSpec, type DetectorRunSpec, type PlannedFile } from './runPlan';
export { writeSyntheticRun } from './writeRun';
export type { DeviceBuilder, DeviceContext } from './devices';
export { deterministicControlSource, type ControlKeyDef } from './controlValues';
export { xgm, XGM_CONTROL_KEYS, type XgmOptions } from './xgm';
export { camera, CAMERA_CONTROL_KEYS, type CameraOptions } from './camera';
export { slowControl, slowControlSource } from './slowControl';
export { digitizer, digitizerKey, digitizerTrace, type DigitizerOptions, type DigitizerPeak } from './digitizer';
export { XTDF_DETECTORS, xtdfSourceName, xtdfModuleSource, fixtureFrame, type XtdfDetectorType, type FrameFiller, type MaskFiller, type FrameContext } from './xtdf';
export { agipdRingPattern, agipdPixelPositions, AGIPD_QUAD_POSITIONS, type RingPatternOptions } from './diffractionPattern';

// Writer of synthetic EuXFEL runs (EXDF files) with h5wasm: fixtures, the demo run, benchmarks.
//   writeEuxfelFile(path, spec)      one file from typed arrays per source/key (any format 0.5–1.3)
//   planSyntheticRun(spec)           which files a run has and what each holds (no I/O)
//   writeSyntheticRun(dir, spec)     writes them into a new folder (Node)
//   xgm(), camera(), detector: {...} the devices, with the oracle fixtures' deterministic values
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
export { XTDF_DETECTORS, xtdfSourceName, xtdfModuleSource, fixtureFrame, type XtdfDetectorType, type FrameFiller, type FrameContext } from './xtdf';
export { agipdRingPattern, agipdPixelPositions, AGIPD_QUAD_POSITIONS, type RingPatternOptions } from './diffractionPattern';

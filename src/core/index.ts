// The public API of the core: pure TypeScript, no DOM, runs in Node and in a Web Worker.
// Names follow karabo_data 0.7 in camelCase. Each section is owned by one concern's folder.

// --- HDF5 access ---
export { HDF5File, H5Error, type H5Source, type DatasetInfo } from './h5/h5File';
export type { ArrayValue, NumpyDtype, NumericArray } from './h5/dtypes';

// --- Data collections (runs, files, selections) ---
export { RunDirectory, H5File, summariseSource, unreadableReason, type RunOptions, type FileSummariser } from './data/open';
export { DataCollection, type CollectionOptions } from './data/dataCollection';
export { byId, byIndex, type TrainSelector } from './data/trainSelectors';
export { fnmatch } from './data/fnmatch';
export { SourceNameError, PropertyNameError, TrainIDError, NoMatchError } from './data/errors';
export type { Roi } from './data/readKey';
export type { SelectionArg } from './data/selection';
export type { PySlice } from './data/slices';
export type { LabelledArray, Series, DataFrame, Scalar, TrainValue, TrainData, SourceTrainData, DetectorInfo } from './data/types';

// --- Detector components ---
export { AGIPD1M, LPD1M, DSSC1M, MultiModuleDetector, type DetectorOptions, type DetectorArray, type DetectorTrainData, type FrameOptions } from './detectors/multiModuleDetector';
export { stackDetectorData, StackView, type StackOptions } from './detectors/stack';
export { castLikeNumpy } from './detectors/numpyCast';
export { AGIPD_SPEC, LPD_SPEC, DSSC_SPEC, type DetectorSpec } from './detectors/detectorSpecs';
export type { PulseSelector } from './detectors/pulseSelection';

// --- Geometry ---
export { AGIPD_1MGeometry, type AgipdQuadOptions } from './geometry/agipd';
export { LPD_1MGeometry, type LpdQuadOptions } from './geometry/lpd';
export { DSSC_1MGeometry, type DsscQuadOptions } from './geometry/dssc';
export { DetectorGeometry, type AssembledImage } from './geometry/detectorGeometry';
export { parseCrystfelGeom, CrystfelGeomError, type CrystfelGeom, type CrystfelPanel } from './geometry/crystfelParser';
export type { WriteCrystfelOptions } from './geometry/crystfelWriter';
export type { GeometryDrawing, DrawingLabel, DrawingArrow, AxisUnits } from './geometry/drawing';
export type { Tile, Vec3, QuadPositions } from './geometry/tile';

// --- Validation ---
// (Node's worker-thread runner, validation/isolated.ts, is imported directly: not browser code.)
export { validateFile, validateRun, checkFile, validationCheckNames, type FileResult, type FileChecker, type RunValidationOptions } from './validation/validate';
export { formatProblems, formatOutcome } from './validation/format';
export type { Problem, ValidationOptions } from './validation/problem';

// --- Synthetic runs (writer) ---
export {
  writeEuxfelFile, planSyntheticRun, writeSyntheticRun, xgm, camera, xtdfModuleSource, xtdfSourceName,
  fixtureFrame, agipdRingPattern, agipdPixelPositions, deterministicControlSource, FORMAT_VERSIONS, formatFacts,
  XTDF_DETECTORS, XGM_CONTROL_KEYS, CAMERA_CONTROL_KEYS, AGIPD_QUAD_POSITIONS,
} from './synthetic';
export type {
  EuxfelFileSpec, SourceSpec, ControlSourceSpec, InstrumentSourceSpec, IndexGroupSpec, SyntheticRunSpec,
  AggregatorSpec, DetectorRunSpec, PlannedFile, DeviceBuilder, FormatVersion, FrameFiller,
} from './synthetic';

// --- Writing, streaming, analysis ---
export { writeCollection, refuseRunFolder } from './writing/writeCollection';
export { writeCxi, type CxiOptions } from './writing/writeCxi';
export { serializeTrain, deserializeTrain, PROTOCOL_VERSION, type BridgeTrain, type BridgeMetadata } from './bridge/serializer';
export { pulseIntensityImage, suppressionRatio, patternPulses, type PulsePattern, type SuppressionRatio, type RatioPerTrain } from './analysis/xgm';
export { histogram, type Histogram } from './analysis/histogram';
export { reduceOverTrains, alignTrains, normalisePeak, TrainAccumulator, type Reduction } from './analysis/waveform';
export { roiSeries, perTrain, type Rect } from './analysis/roi';
export { assembledPixelIndex, roiModulePixels, roiSumsOfTask, type RoiFrameSums } from './analysis/roiModules';
export { ReadBuffers } from './analysis/readBuffers';
export {
  detectorPulseMean, pulseMeanTasks, pulseSumsOfTask, combinePulseSums, PulseSumsAccumulator,
  type PulseMeanOptions, type PulseMeanTask, type PulseSums, type PulseMean, type GroupSum,
} from './analysis/detectorMean';
export { subtractDark, darkOfMean } from './analysis/dark';
export { copyAsPython, type PythonView } from './analysis/copyAsPython';

// What crosses the worker boundary: plain data, typed arrays transferred.
import type { DetectorType } from './detectors';
import type { ImageStats } from './imageStats';

export type { DetectorType, ImageStats };
export type { GeometryDrawing } from '../core/index';

export interface RunSummary {
  runId: number;
  name: string;
  trainIds: number[];
  nTrains: number;
  firstTrainId: number | null;
  lastTrainId: number | null;
  durationSeconds: number;
  files: Array<{ filename: string; formatVersion: string }>;
  /** Files whose METADATA and INDEX summary came from a cache (IndexedDB, a run map) instead of being read. */
  filesFromCache: number;
  warnings: string[];
  controlSources: string[];
  instrumentSources: string[];
  /** `trainIds`: the trains with detector frames; `hasMask`: calibrated data with `image.mask`. */
  detectors: Array<{ name: string; type: DetectorType; modules: number[]; trainIds: number[]; hasMask: boolean }>;
  info: string;
}

export interface SourceRow {
  source: string;
  kind: 'control' | 'instrument';
  /** The detector a module source belongs to, for grouping. */
  detector: string | null;
  keys: string[];
}

export interface KeyInfo {
  source: string;
  key: string;
  dtype: string;
  shape: number[];
  trainsWithData: number;
  entries: number;
}

export interface SeriesResult {
  name: string;
  source: string;
  key: string;
  dtype: string;
  trainIds: Float64Array;
  /** Set for a pulse-resolved series (index [trainId, pulseId]). */
  pulseIds: Float64Array | null;
  values: Float64Array;
  /** String-valued keys (e.g. `state`): shown as categories. */
  labels: string[] | null;
}

export interface ArrayResult {
  data: Float32Array;
  shape: number[];
  dtype: string;
  trainIds: Float64Array;
  /** An overview (arrayOverview) has every `trainStride`-th train, each value the mean of `columnBin` values. */
  trainStride?: number;
  columnBin?: number;
}

export interface TrainRow {
  source: string;
  key: string | null;
  value: string;
  dtype: string;
  shape: number[];
  /** The source has no data for this train (only its metadata). */
  missing: boolean;
  /** A control value's RUN entry (the value when the run started). */
  runValue: string | null;
  /** A control value's timestamp (UTC, ISO 8601). */
  timestamp: string | null;
}

/** A row of the Train panel before its value is read; `key` null: the source has no data in this train. */
export interface TrainRowName {
  source: string;
  key: string | null;
  missing: boolean;
}

/** A train's rows without their values (readTrainOutline), which the panel asks for as they are shown. */
export interface TrainOutline {
  trainId: number;
  rows: TrainRowName[];
  utc: string | null;
  utcSource: TrainView['utcSource'];
}

export interface TrainView {
  trainId: number;
  rows: TrainRow[];
  utc: string | null;
  /** Where `utc` comes from: the files' INDEX/timestamp (format ≥ 1.0), else the newest control timestamp. */
  utcSource: 'index' | 'control' | 'none';
}

export interface FrameRequest {
  detector: string;
  geometryId: number;
  trainId: number;
  pulse: number;
  /** 'mean': the mean over the train's pulses. */
  pulseBy: 'index' | 'pulseId' | 'cellId' | 'mean';
  plane: 'data' | 'gain';
  /** Calibrated data: pixels flagged in `image.mask` are left out (NaN). */
  applyMask: boolean;
}

export interface FrameResult {
  image: Float32Array;
  stats: ImageStats;
  shape: [number, number];
  centre: [number, number];
  trainId: number;
  /** -1 for a mean over trains. */
  pulse: number;
  framesPerTrain: number | null;
  pulseIds: number[];
}

export interface GeometryInfo {
  geometryId: number;
  type: DetectorType;
  label: string;
}

export interface PixelInfo {
  x: number;
  y: number;
}

export interface ModulesResult {
  /** [modules, ss, fs] float32, NaN for a missing module. */
  modules: Float32Array;
  moduleShape: [number, number];
  stats: ImageStats;
  trainId: number;
  pulse: number;
  framesPerTrain: number | null;
  pulseIds: number[];
}

/** One tile: where its pixels are in the module's data, and where they are in space (metres). */
export interface TileInfo {
  module: number;
  /** (ss, fs) of the tile's first pixel in the module's data. */
  origin: [number, number];
  ssPixels: number;
  fsPixels: number;
  cornerPos: [number, number];
  ssVec: [number, number];
  fsVec: [number, number];
}

/** A mean per pulse over trains (the Detector panel's "Mean over trains"). */
export interface TrainMeanRequest {
  detector: string;
  trainIds: number[];
  /** Pulse positions in each train, as a slice (default: all). */
  pulses?: { start?: number; stop?: number | null; step?: number };
  /** Calibrated data: leave out pixels flagged in image.mask. */
  applyMask?: boolean;
}

export interface TrainMeanInfo {
  detector: string;
  /** The trains averaged (those of the range with frames). */
  trainIds: number[];
  /** Pulse IDs, each with the number of frames averaged (most over modules). */
  pulses: number[];
  frames: number[];
  modules: number[];
  masked: boolean;
}

export interface MeanImageRequest {
  detector: string;
  geometryId: number;
  /** Position in TrainMeanInfo.pulses, or null for all pulses. */
  pulse: number | null;
  plane: 'data' | 'gain';
}

/** Which detector frames a region of interest is taken on (every pulse of the trains asked for). */
export interface RoiRequest {
  detector: string;
  geometryId: number;
  plane: 'data' | 'gain';
}

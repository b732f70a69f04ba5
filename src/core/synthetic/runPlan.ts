// How a synthetic run is split into files: one series of sequence files per data
// aggregator (DA01…) and per detector module (AGIPD07…), named as the DAQ names them.
import { BASE_TIMESTAMP_NS, TRAIN_PERIOD_NS, type EuxfelFileSpec, type FileMetadata } from './euxfelFile';
import type { FormatVersion } from './formatVersion';
import type { DeviceBuilder } from './devices';
import { xtdfModuleSource, type FrameFiller, type MaskFiller, type XtdfDetectorType } from './xtdf';

export interface SyntheticRunSpec {
  runNumber: number;
  proposalNumber?: number;
  /** Default '1.0'. */
  formatVersion?: FormatVersion;
  /** File name prefix: 'RAW' (default) or 'CORR'. */
  prefix?: string;
  /** Default 10000. */
  firstTrainId?: number;
  nTrains: number;
  /** Trains flagged as not opened by the time server (INDEX/flag, INDEX/origin). */
  suspectTrainIds?: number[];
  /** Padding of INDEX/trainId and per-train rows; default 32. */
  padTo?: number;
  indexFormat?: EuxfelFileSpec['indexFormat'];
  metadataStrings?: EuxfelFileSpec['metadataStrings'];
  aggregators?: AggregatorSpec[];
  detector?: DetectorRunSpec;
}

export interface AggregatorSpec {
  /** e.g. 'DA01'. */
  name: string;
  /** e.g. [xgm('SA1_XTD2_XGM/DOOCS/MAIN'), camera('FXE_XAD_GEC/CAM/CAMERA')]. */
  devices: DeviceBuilder[];
  /** Trains per sequence file; default all in S00000. */
  trainsPerSequence?: number;
}

export interface DetectorRunSpec {
  type: XtdfDetectorType;
  framesPerTrain: number;
  /** Modules written; default 0–15. A module left out has no files at all. */
  modules?: number[];
  /** The detector's trains (default: the run's): detectors often start later or stop earlier. */
  trainIds?: number[];
  trainsPerSequence?: number;
  /** Per module, trains absent from its files (not in INDEX/trainId). */
  missingTrainIds?: Record<number, number[]>;
  /** Per module, trains listed with 0 frames. */
  emptyTrainIds?: Record<number, number[]>;
  /** gzip level for image.data; default 1 (real raw data is uncompressed: pass 0). */
  gzip?: number;
  sourcePrefix?: string;
  fillFrame?: FrameFiller;
  /** Calibrated data's bad-pixel mask: when given, modules have image.mask (uint32, non-zero = bad). */
  maskFrame?: MaskFiller;
}

export interface PlannedFile {
  /** e.g. 'RAW-R0001-AGIPD07-S00000.h5'. */
  name: string;
  /** Makes the file's content; on demand, so a big run is never all in memory. */
  build: () => EuxfelFileSpec;
}

/** The files of a run and how to make each, without writing anything. */
export function planSyntheticRun(run: SyntheticRunSpec): PlannedFile[] {
  const first = run.firstTrainId ?? 10000;
  const runTrains = Array.from({ length: run.nTrains }, (_, i) => first + i);
  const files: PlannedFile[] = [];
  const add = (aggregator: string, seq: number, trainIds: number[], sources: () => EuxfelFileSpec['sources']) => {
    files.push({ name: fileName(run, aggregator, seq), build: () => fileSpec(run, seq, trainIds, sources()) });
  };

  for (const agg of run.aggregators ?? []) {
    splitSequences(runTrains, agg.trainsPerSequence).forEach((trainIds, seq) => {
      const ctx = { trainIds, firstTrainId: first };
      add(agg.name, seq, trainIds, () => agg.devices.flatMap((build) => build(ctx)));
    });
  }

  const det = run.detector;
  if (det) {
    for (const module of det.modules ?? range(16)) {
      const missing = new Set(det.missingTrainIds?.[module]);
      const moduleTrains = (det.trainIds ?? runTrains).filter((t) => !missing.has(t));
      const emptyTrainIds = new Set(det.emptyTrainIds?.[module]);
      splitSequences(moduleTrains, det.trainsPerSequence).forEach((trainIds, seq) => {
        const source = () => xtdfModuleSource({
          type: det.type, module, framesPerTrain: det.framesPerTrain, sourcePrefix: det.sourcePrefix,
          emptyTrainIds, gzip: det.gzip ?? 1, fillFrame: det.fillFrame, maskFrame: det.maskFrame,
        }, { trainIds, firstTrainId: first });
        add(`${det.type}${pad(module, 2)}`, seq, trainIds, () => [source()]);
      });
    }
  }
  return files;
}

function fileSpec(run: SyntheticRunSpec, seq: number, trainIds: number[], sources: EuxfelFileSpec['sources']): EuxfelFileSpec {
  const suspect = new Set(run.suspectTrainIds);
  const first = run.firstTrainId ?? 10000;
  const metadata: Partial<FileMetadata> = { runNumber: run.runNumber, sequenceNumber: seq };
  if (run.proposalNumber !== undefined) metadata.proposalNumber = run.proposalNumber;
  return {
    formatVersion: run.formatVersion ?? '1.0',
    trainIds,
    sources,
    suspect: trainIds.map((t) => suspect.has(t)),
    timestamps: BigUint64Array.from(trainIds, (t) => BASE_TIMESTAMP_NS + BigInt(t - first) * TRAIN_PERIOD_NS),
    padTo: run.padTo,
    indexFormat: run.indexFormat,
    metadataStrings: run.metadataStrings,
    metadata,
  };
}

function fileName(run: SyntheticRunSpec, aggregator: string, seq: number): string {
  return `${run.prefix ?? 'RAW'}-R${pad(run.runNumber, 4)}-${aggregator}-S${pad(seq, 5)}.h5`;
}

function splitSequences(trainIds: number[], perSequence = Infinity): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < trainIds.length; i += perSequence) out.push(trainIds.slice(i, i + perSequence));
  return out.length ? out : [[]];
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

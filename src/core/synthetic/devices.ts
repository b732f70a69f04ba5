// Builders for the sources of a synthetic run. A device builder gets the trains of one
// file and returns its sources; writeSyntheticRun calls it once per sequence file.
import type { SourceSpec } from './euxfelFile';

export interface DeviceContext {
  /** INDEX/trainId of the file being written. */
  trainIds: number[];
  /** The run's first train: deterministic values depend on trainId − firstTrainId. */
  firstTrainId: number;
}

export type DeviceBuilder = (ctx: DeviceContext) => SourceSpec[];

export function trainOffsets(ctx: DeviceContext): number[] {
  return ctx.trainIds.map((t) => t - ctx.firstTrainId);
}

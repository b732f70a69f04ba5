// Plain result types of the data API (no pandas/xarray imitations).
import type { ArrayValue, NumericArray, NumpyDtype } from '../h5/dtypes';

export type { ArrayValue, NumericArray, NumpyDtype };

/** An array with a train axis first: `coords.trainId` labels each row. */
export interface LabelledArray extends ArrayValue {
  dims: string[];
  coords: { trainId: number[] };
}

/** One value per train (or per [train, pulse] with a pulse-resolved key). */
export interface Series {
  name: string | null;
  index: number[] | Array<[number, number]>;
  indexNames: string[];
  values: NumericArray | string[];
  dtype: NumpyDtype;
}

export interface DataFrame {
  index: number[];
  columns: string[];
  dtypes: Record<string, NumpyDtype>;
  /** Numeric columns as Float64Array with NaN where a train has no value (complete 64-bit columns stay BigInt); strings with null. */
  data: Record<string, Float64Array | BigUint64Array | BigInt64Array | Array<string | null>>;
}

export interface Scalar {
  value: number | bigint | string;
  dtype: NumpyDtype;
}

export type TrainValue = ArrayValue | Scalar;

export interface SourceTrainData {
  metadata: { source: string; 'timestamp.tid': number };
  [key: string]: TrainValue | SourceTrainData['metadata'];
}

export type TrainData = Record<string, SourceTrainData>;

export interface DetectorInfo {
  dims: number[];
  framesPerTrain: number;
  totalFrames: number;
}

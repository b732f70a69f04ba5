// What every detector geometry can do, given its DetectorType and tiles.
import { product, typedArrayFor, type ArrayValue, type NumericArray, type NumpyDtype } from '../h5/dtypes';
import type { CrystfelMetadata, WriteCrystfelOptions } from './crystfelWriter';
import { writeCrystfelGeom } from './crystfelWriter';
import type { DetectorType } from './detectorTypes';
import { compareDrawing, inspectDrawing, type AxisUnits, type GeometryDrawing } from './drawing';
import { applyInterpolation, buildInterpolationWeights, type InterpolationWeights } from './interpolate';
import { dataCoordsToPositions, distortionArray, pixelPositions } from './pixelPositions';
import { assembleSnapped, makeOutputArray, snapGeometry, type SnappedGeometry } from './snapped';
import type { Tile } from './tile';

export interface AssembledImage<T extends NumericArray = NumericArray> {
  image: ArrayValue<T>;
  /** (y, x) index of the detector centre in the image. */
  centre: [number, number];
}

export interface GeometryMetadata {
  crystfel?: CrystfelMetadata;
}

export class DetectorGeometry {
  private snappedCache?: SnappedGeometry;
  private weightsCache?: InterpolationWeights;

  constructor(
    readonly type: DetectorType,
    /** One list of tiles per module, in module order (0 = Q1M1). */
    readonly modules: Tile[][],
    /** Shown in titles; 'No file' for a generated geometry. */
    readonly filename = 'No file',
    readonly metadata: GeometryMetadata = {},
  ) {
    if (modules.length !== type.nModules) throw new Error(`${type.name} has ${type.nModules} modules, got ${modules.length}`);
  }

  get pixelSize(): number {
    return this.type.pixelSize;
  }

  /** [modules, slow scan, fast scan] */
  get expectedDataShape(): [number, number, number] {
    return [this.type.nModules, ...this.type.moduleShape];
  }

  private snapped(): SnappedGeometry {
    return (this.snappedCache ??= snapGeometry(this.type, this.modules));
  }

  /** An empty image (stack) for positionModulesFast: NaN for floats, 0 for integers. */
  outputArrayForPositionFast(extraShape: number[] = [], dtype: NumpyDtype = 'float32'): ArrayValue<NumericArray> {
    return makeOutputArray(this.snapped(), extraShape, dtype);
  }

  private checkData(data: ArrayValue): number[] {
    const tail = data.shape.slice(-3);
    const want = this.expectedDataShape;
    if (tail.length !== 3 || tail.some((n, i) => n !== want[i])) {
      throw new Error(`Wrong shape for detector data: [${data.shape}] does not end with [${want}]`);
    }
    if (!ArrayBuffer.isView(data.data)) throw new Error('Detector data must be numeric');
    return data.shape.slice(0, -3);
  }

  /** Assembles modules on the snapped pixel grid; any leading dims (frames) are kept. */
  positionModulesFast(data: ArrayValue, out?: ArrayValue<NumericArray>): AssembledImage {
    const extra = this.checkData(data);
    const snapped = this.snapped();
    const wantShape = [...extra, ...snapped.size];
    if (!out) out = makeOutputArray(snapped, extra, data.dtype);
    else if (out.shape.length !== wantShape.length || out.shape.some((n, i) => n !== wantShape[i])) {
      throw new Error(`Output array shape [${out.shape}] should be [${wantShape}]`);
    } else if (out.data.constructor !== typedArrayFor(data.dtype)) {
      throw new Error(`Output array dtype ${out.dtype} does not match the data (${data.dtype})`);
    }
    const [, ss, fs] = this.expectedDataShape;
    assembleSnapped(snapped, data.data as NumericArray, ss * fs, this.type.nModules, out.data);
    return { image: out, centre: [...snapped.centre] };
  }

  /**
   * Pixel-splitting assembly (float32), on the same output grid as EXtra-geom's.
   * Pass `out` (float32, shape extra + image) to reuse an image between calls.
   */
  positionModulesInterpolate(data: ArrayValue, out?: ArrayValue<Float32Array>): AssembledImage<Float32Array> {
    const extra = this.checkData(data);
    const w = (this.weightsCache ??= buildInterpolationWeights(this.type, this.modules));
    const shape = [...extra, ...w.size];
    if (!out) out = { data: new Float32Array(product(shape)), shape, dtype: 'float32' };
    else if (!(out.data instanceof Float32Array) || out.shape.length !== shape.length || out.shape.some((n, i) => n !== shape[i])) {
      throw new Error(`Output array should be float32 with shape [${shape}], got ${out.dtype} [${out.shape}]`);
    }
    const frameOut = w.size[0] * w.size[1];
    const frameIn = product(this.expectedDataShape);
    const src = floatFrames(data.data as NumericArray);
    for (let f = 0; f < product(extra); f++) {
      applyInterpolation(w, src.subarray(f * frameIn, (f + 1) * frameIn), out.data.subarray(f * frameOut, (f + 1) * frameOut));
    }
    return { image: out, centre: [...w.centre] };
  }

  /** (x, y, z) metres of each pixel's centre (or first corner): shape [modules, ss, fs, 3]. */
  getPixelPositions(centre = true): ArrayValue<Float64Array> {
    return pixelPositions(this.type, this.modules, centre);
  }

  /** pyFAI's corner array (modules*ss, fs, corners, zyx), float32. */
  toDistortionArray(allowNegativeXY = false): ArrayValue<Float32Array> {
    return distortionArray(this.type, this.modules, allowNegativeXY);
  }

  /** Physical (x, y, z) for data coordinates: shape [n, 3]. */
  dataCoordsToPositions(moduleNo: ArrayLike<number>, slowScan: ArrayLike<number>, fastScan: ArrayLike<number>): ArrayValue<Float64Array> {
    return dataCoordsToPositions(this.type, this.modules, moduleNo, slowScan, fastScan);
  }

  /** One module's data ([..., ss, fs]) split into its tiles' data, in tile order. */
  splitTiles(moduleData: ArrayValue): ArrayValue<NumericArray>[] {
    const [modSS, modFS] = this.type.moduleShape;
    const [tileSS, tileFS] = this.type.tileShape;
    const lead = moduleData.shape.slice(0, -2);
    if (moduleData.shape.at(-2) !== modSS || moduleData.shape.at(-1) !== modFS) {
      throw new Error(`Module data shape [${moduleData.shape}] should end with [${modSS},${modFS}]`);
    }
    const src = moduleData.data as NumericArray;
    const Ctor = typedArrayFor(moduleData.dtype);
    const n = product(lead);
    return this.type.tileOrigins.map(([ss0, fs0]) => {
      const out = new Ctor(n * tileSS * tileFS);
      for (let f = 0; f < n; f++) {
        for (let r = 0; r < tileSS; r++) {
          const start = (f * modSS + ss0 + r) * modFS + fs0;
          (out as Float32Array).set((src as Float32Array).subarray(start, start + tileFS), (f * tileSS + r) * tileFS);
        }
      }
      return { data: out, shape: [...lead, tileSS, tileFS], dtype: moduleData.dtype };
    });
  }

  /** What EXtra-geom's inspect() draws, as data. */
  inspect(axisUnits: AxisUnits = 'px'): GeometryDrawing {
    return inspectDrawing(this, axisUnits);
  }

  /** inspect() plus arrows from this geometry's tile corners to the other's (scaled). */
  compare(other: DetectorGeometry, scale = 1.0): GeometryDrawing {
    return compareDrawing(this, other, scale);
  }

  writeCrystfelGeom(opts: WriteCrystfelOptions = {}): string {
    return writeCrystfelGeom(this, opts);
  }
}

/** Interpolation sums weighted values: integer data is converted to float32 first. */
function floatFrames(data: NumericArray): Float32Array | Float64Array {
  if (data instanceof Float32Array || data instanceof Float64Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) throw new Error('Cannot interpolate 64-bit integer data');
  return Float32Array.from(data);
}

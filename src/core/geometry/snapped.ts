// The geometry snapped to a 2D pixel grid: every tile becomes an axis-aligned
// block of the output image, so assembly is plain strided copies.
import { allocate, isFloatDtype, product, type ArrayValue, type NumericArray, type NumpyDtype } from '../h5/dtypes';
import type { DetectorType } from './detectorTypes';
import { roundHalfEven } from './pyFloat';
import type { Tile } from './tile';

/**
 * One tile's copy recipe: output block rows × cols at (y, x); the pixel for
 * output (r, c) is module data index `srcBase + r*rowStep + c*colStep`.
 */
interface TileCopy {
  module: number;
  y: number;
  x: number;
  rows: number;
  cols: number;
  srcBase: number;
  rowStep: number;
  colStep: number;
}

export interface SnappedGeometry {
  copies: TileCopy[];
  /** (y, x) output index of the detector centre. */
  centre: [number, number];
  /** (height, width) of an assembled image. */
  size: [number, number];
}

function snapTile(type: DetectorType, tile: Tile, tileNo: number): Omit<TileCopy, 'module'> {
  const [px, py] = type.pixelShape;
  const snap = (v: [number, number, number]) => [roundHalfEven(v[1] / py), roundHalfEven(v[0] / px)]; // (y, x)
  const [cy, cx] = snap(tile.cornerPos);
  const [ssY, ssX] = snap(tile.ssVec);
  const [fsY, fsX] = snap(tile.fsVec);
  if (Math.abs(ssY) + Math.abs(ssX) !== 1 || Math.abs(fsY) + Math.abs(fsX) !== 1 || ssY * fsY + ssX * fsX !== 0) {
    throw new Error(`Tile ${tileNo} is not aligned to the pixel grid (rotated by ~45°?): cannot snap it`);
  }
  const { ssPixels: ssP, fsPixels: fsP } = tile;
  const fsWidth = type.moduleShape[1];
  const [ss0, fs0] = type.tileOrigins[tileNo];
  const origin = ss0 * fsWidth + fs0;
  const ssStep = fsWidth;
  if (fsY === 0) {
    // Fast scan runs along x: output rows follow slow scan.
    return {
      y: cy + Math.min(ssY, 0) * ssP,
      x: cx + Math.min(fsX, 0) * fsP,
      rows: ssP,
      cols: fsP,
      srcBase: origin + (ssY > 0 ? 0 : (ssP - 1) * ssStep) + (fsX > 0 ? 0 : fsP - 1),
      rowStep: ssY * ssStep,
      colStep: fsX,
    };
  }
  // Fast scan runs along y: the tile is transposed, output rows follow fast scan.
  return {
    y: cy + Math.min(fsY, 0) * fsP,
    x: cx + Math.min(ssX, 0) * ssP,
    rows: fsP,
    cols: ssP,
    srcBase: origin + (fsY > 0 ? 0 : fsP - 1) + (ssX > 0 ? 0 : (ssP - 1) * ssStep),
    rowStep: fsY,
    colStep: ssX * ssStep,
  };
}

export function snapGeometry(type: DetectorType, modules: Tile[][]): SnappedGeometry {
  const copies: TileCopy[] = modules.flatMap((tiles, m) => tiles.map((t, a) => ({ ...snapTile(type, t, a), module: m })));
  const minY = Math.min(...copies.map((c) => c.y));
  const minX = Math.min(...copies.map((c) => c.x));
  // Shift so every block starts at index >= 0; the shift is where the origin lands.
  for (const c of copies) {
    c.y -= minY;
    c.x -= minX;
  }
  const height = Math.max(...copies.map((c) => c.y + c.rows));
  const width = Math.max(...copies.map((c) => c.x + c.cols));
  return { copies, centre: [-minY, -minX], size: [height, width] };
}

/** An empty image stack: NaN for float dtypes (gaps stay NaN), 0 for integers. */
export function makeOutputArray(snapped: SnappedGeometry, extraShape: number[], dtype: NumpyDtype): ArrayValue<NumericArray> {
  const shape = [...extraShape, ...snapped.size];
  const data = allocate(dtype, product(shape));
  if (isFloatDtype(dtype)) (data as Float32Array | Float64Array).fill(NaN);
  return { data, shape, dtype };
}

/** Copies every frame's tiles into `out` (its shape already checked). */
export function assembleSnapped(
  snapped: SnappedGeometry,
  src: NumericArray,
  moduleSize: number,
  nModules: number,
  out: NumericArray,
): void {
  const [height, width] = snapped.size;
  const frameIn = moduleSize * nModules;
  const frameOut = height * width;
  const nFrames = src.length / frameIn;
  for (let f = 0; f < nFrames; f++) {
    for (const c of snapped.copies) {
      copyTile(c, src, f * frameIn + c.module * moduleSize, out, f * frameOut + c.y * width + c.x, width);
    }
  }
}

function copyTile(c: TileCopy, src: NumericArray, moduleStart: number, out: NumericArray, outStart: number, width: number): void {
  const { rows, cols, rowStep, colStep } = c;
  const s = src as Float32Array;
  const o = out as Float32Array;
  const base = moduleStart + c.srcBase;
  if (colStep === 1) {
    // Output rows are input rows: one block copy each.
    for (let r = 0, i = base, k = outStart; r < rows; r++, i += rowStep, k += width) o.set(s.subarray(i, i + cols), k);
  } else if (Math.abs(rowStep) === 1) {
    // Transposed tile: 16 input rows at a time (16 sequential read streams), so
    // each output row gets a 64-byte run of contiguous writes, not scattered ones.
    const [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15] = Array.from({ length: 15 }, (_, j) => (j + 1) * colStep);
    let col = 0;
    for (; col + 16 <= cols; col += 16) {
      for (let r = 0, i = base + col * colStep, k = outStart + col; r < rows; r++, i += rowStep, k += width) {
        o[k] = s[i];
        o[k + 1] = s[i + c1];
        o[k + 2] = s[i + c2];
        o[k + 3] = s[i + c3];
        o[k + 4] = s[i + c4];
        o[k + 5] = s[i + c5];
        o[k + 6] = s[i + c6];
        o[k + 7] = s[i + c7];
        o[k + 8] = s[i + c8];
        o[k + 9] = s[i + c9];
        o[k + 10] = s[i + c10];
        o[k + 11] = s[i + c11];
        o[k + 12] = s[i + c12];
        o[k + 13] = s[i + c13];
        o[k + 14] = s[i + c14];
        o[k + 15] = s[i + c15];
      }
    }
    for (; col < cols; col++) {
      for (let r = 0, i = base + col * colStep, k = outStart + col; r < rows; r++, i += rowStep, k += width) o[k] = s[i];
    }
  } else {
    for (let r = 0; r < rows; r++) {
      let i = base + r * rowStep;
      for (let k = outStart + r * width, end = k + cols; k < end; k++, i += colStep) o[k] = s[i];
    }
  }
}

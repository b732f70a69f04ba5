// Physical positions of pixels: per pixel (getPixelPositions), per pixel
// corner (toDistortionArray, pyFAI's layout) and for arbitrary data coordinates.
import type { ArrayValue } from '../h5/dtypes';
import type { DetectorType } from './detectorTypes';
import type { Tile, Vec3 } from './tile';

/** Calls fn(row, col, ssCoord, fsCoord) for every pixel of a tile, in module data indices. */
function forEachTilePixel(
  type: DetectorType,
  tileNo: number,
  centre: boolean,
  fn: (row: number, col: number, ss: number, fs: number) => void,
): void {
  const [tileSS, tileFS] = type.tileShape;
  const [ss0, fs0] = type.tileOrigins[tileNo];
  for (let i = 0; i < tileSS; i++) {
    const [ssOff, fsOff] = type.pixelOffset(i, centre);
    const ss = i + ssOff;
    for (let j = 0; j < tileFS; j++) fn(ss0 + i, fs0 + j, ss, j + fsOff);
  }
}

/** (x, y, z) in metres of each pixel's centre (or first corner), shaped like the data + [3]. */
export function pixelPositions(type: DetectorType, modules: Tile[][], centre: boolean): ArrayValue<Float64Array> {
  const [nSS, nFS] = type.moduleShape;
  const out = new Float64Array(modules.length * nSS * nFS * 3);
  modules.forEach((tiles, m) =>
    tiles.forEach((t, a) => {
      const { cornerPos: c, ssVec: u, fsVec: v } = t;
      forEachTilePixel(type, a, centre, (row, col, ss, fs) => {
        const k = ((m * nSS + row) * nFS + col) * 3;
        out[k] = c[0] + ss * u[0] + fs * v[0];
        out[k + 1] = c[1] + ss * u[1] + fs * v[1];
        out[k + 2] = c[2] + ss * u[2] + fs * v[2];
      });
    }),
  );
  return { data: out, shape: [modules.length, nSS, nFS, 3], dtype: 'float64' };
}

/**
 * pyFAI's distortion array: float32 (modules*ss, fs, corners, 3) with (z, y, x)
 * per pixel corner; unless allowNegativeXY, shifted so the smallest y and x are 0.
 */
export function distortionArray(type: DetectorType, modules: Tile[][], allowNegativeXY: boolean): ArrayValue<Float32Array> {
  const [nSS, nFS] = type.moduleShape;
  const { ss: cornerSS, fs: cornerFS } = type.pixelCorners;
  const nc = cornerSS.length;
  const out = new Float32Array(modules.length * nSS * nFS * nc * 3);
  modules.forEach((tiles, m) =>
    tiles.forEach((t, a) => {
      const { cornerPos: c, ssVec: u, fsVec: v } = t;
      forEachTilePixel(type, a, false, (row, col, ss, fs) => {
        const px = c[0] + ss * u[0] + fs * v[0];
        const py = c[1] + ss * u[1] + fs * v[1];
        const pz = c[2] + ss * u[2] + fs * v[2];
        let k = ((m * nSS + row) * nFS + col) * nc * 3;
        for (let q = 0; q < nc; q++, k += 3) {
          out[k] = pz + cornerSS[q] * u[2] + cornerFS[q] * v[2];
          out[k + 1] = py + cornerSS[q] * u[1] + cornerFS[q] * v[1];
          out[k + 2] = px + cornerSS[q] * u[0] + cornerFS[q] * v[0];
        }
      });
    }),
  );
  if (!allowNegativeXY) {
    let minY = Infinity;
    let minX = Infinity;
    for (let k = 0; k < out.length; k += 3) {
      if (out[k + 1] < minY) minY = out[k + 1];
      if (out[k + 2] < minX) minX = out[k + 2];
    }
    for (let k = 0; k < out.length; k += 3) {
      out[k + 1] -= minY;
      out[k + 2] -= minX;
    }
  }
  return { data: out, shape: [modules.length * nSS, nFS, nc, 3], dtype: 'float32' };
}

/** Python's float modulo: the result takes the divisor's sign. */
function pyMod(x: number, n: number): number {
  const r = x % n;
  return r !== 0 && r < 0 !== n < 0 ? r + n : r;
}

/** Which tile (by its index in a flat module-major list) holds a data coordinate, and where in it. */
function locateInTile(type: DetectorType, moduleNo: number, ss: number, fs: number, nTilesTotal: number): [number, number, number] {
  const [tileSS, tileFS] = type.tileShape;
  const [modSS, modFS] = type.moduleShape;
  // Like EXtra-geom, an axis the tiles don't split is used as is (no wrapping).
  const splitSS = tileSS < modSS;
  const splitFS = tileFS < modFS;
  const tile = type.tileAt(splitSS ? Math.floor(ss / tileSS) : 0, splitFS ? Math.floor(fs / tileFS) : 0);
  let flat = moduleNo * type.tileOrigins.length + tile;
  if (flat < 0) flat += nTilesTotal; // numpy's negative indexing
  if (flat < 0 || flat >= nTilesTotal) throw new RangeError(`Data coordinate (module ${moduleNo}, ss=${ss}, fs=${fs}) is outside the detector`);
  return [flat, splitSS ? pyMod(ss, tileSS) : ss, splitFS ? pyMod(fs, tileFS) : fs];
}

/** (x, y, z) in metres for data coordinates; 0.5 is the centre of the first pixel. */
export function dataCoordsToPositions(
  type: DetectorType,
  modules: Tile[][],
  moduleNo: ArrayLike<number>,
  slowScan: ArrayLike<number>,
  fastScan: ArrayLike<number>,
): ArrayValue<Float64Array> {
  const n = moduleNo.length;
  if (slowScan.length !== n || fastScan.length !== n) throw new Error('moduleNo, slowScan and fastScan must have the same length');
  const out = new Float64Array(n * 3);
  const tiles = modules.flat();
  for (let i = 0; i < n; i++) {
    const [t, ss, fs] = locateInTile(type, moduleNo[i], slowScan[i], fastScan[i], tiles.length);
    const tile = tiles[t];
    const p: Vec3 = [0, 0, 0];
    for (let d = 0; d < 3; d++) p[d] = tile.cornerPos[d] + ss * tile.ssVec[d] + fs * tile.fsVec[d];
    out.set(p, i * 3);
  }
  return { data: out, shape: [n, 3], dtype: 'float64' };
}

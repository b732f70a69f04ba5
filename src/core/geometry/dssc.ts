// DSSC-1M: 16 modules of 2 tiles (128 × 256 hexagonal pixels).
import { DSSC_1M } from './detectorTypes';
import { DetectorGeometry, type GeometryMetadata } from './detectorGeometry';
import { add, checkQuadPositions, makeTile, scale, sub, type QuadPositions, type Tile, type Vec3 } from './tile';
import type { H5Source } from '../h5/h5File';
import { readTileOffsets } from './xfelH5Geometry';

export interface DsscQuadOptions {
  /** Length of the unit in metres (default 1e-3: mm). */
  unit?: number;
  /** Gap between tiles, in `unit`s (default 2 mm). */
  asicGap?: number;
  /** Gap between modules, in `unit`s (default 4 mm). */
  panelGap?: number;
}

const xOrient = [-1, -1, 1, 1];
const yOrient = [1, 1, -1, -1];

/** Pixel steps of quadrant q: rows of hexagons are 1.5/√3 of the in-row step apart. */
function quadVectors(q: number): { ssVec: Vec3; fsVec: Vec3 } {
  const px = DSSC_1M.pixelSize;
  return {
    ssVec: [0, (((yOrient[q] * px) * 1.5) / Math.sqrt(3)), 0],
    fsVec: [xOrient[q] * px, 0, 0],
  };
}

export class DSSC_1MGeometry extends DetectorGeometry {
  constructor(modules: Tile[][], filename?: string, metadata?: GeometryMetadata) {
    super(DSSC_1M, modules, filename, metadata);
  }

  /** Idealised layout from each quadrant's low-x, low-y corner, in `unit`s (mm by default). */
  static fromQuadPositions(quadPos: QuadPositions, opts: DsscQuadOptions = {}): DSSC_1MGeometry {
    checkQuadPositions(quadPos);
    const { unit = 1e-3 } = opts;
    const { tileShape: [tileSS, tileFS], pixelShape } = DSSC_1M;
    const asicGap = opts.asicGap === undefined ? 2e-3 : opts.asicGap * unit;
    const panelGap = opts.panelGap === undefined ? 4e-3 : opts.panelGap * unit;
    const fragWidth = pixelShape[0] * tileFS;
    const fragHeight = pixelShape[1] * tileSS;
    const moduleWidth = 2 * fragWidth + asicGap;
    const quadHeight = 4 * fragHeight + 3 * panelGap;
    const moduleStep: Vec3 = [0, fragHeight + panelGap, 0];
    const tileStep: Vec3 = [fragWidth + asicGap, 0, 0];
    const modules = Array.from({ length: 16 }, (_, p) => {
      const q = Math.floor(p / 4);
      const { ssVec, fsVec } = quadVectors(q);
      const [qx, qy] = [quadPos[q][0] * unit, quadPos[q][1] * unit];
      // The first pixel is at the high-x, low-y corner (or low-x, high-y when flipped).
      const quadStart: Vec3 = xOrient[q] === -1 ? [qx + moduleWidth, qy, 0] : [qx, qy + quadHeight, 0];
      const moduleStart = add(quadStart, scale(moduleStep, yOrient[q] * (p % 4)));
      return [0, 1].map((t) => makeTile(add(moduleStart, scale(tileStep, xOrient[q] * t)), ssVec, fsVec, tileSS, tileFS));
    });
    return new DSSC_1MGeometry(modules);
  }

  /**
   * From an EuXFEL HDF5 geometry file (LPD's layout: Qq/Mm/Position,
   * Qq/Mm/Tnn/Position) plus quadrant positions, in `unit`s (mm by default).
   * The file measures each tile at its low-x, low-y corner.
   */
  static async fromH5FileAndQuadPositions(src: H5Source, quadPos: QuadPositions, unit = 1e-3): Promise<DSSC_1MGeometry> {
    const { tileShape: [tileSS, tileFS], tileOrigins } = DSSC_1M;
    const { offsets, name } = await readTileOffsets(src, quadPos, tileOrigins.length);
    const modules = offsets.map((tiles, m) => {
      const q = Math.floor(m / 4);
      const { ssVec, fsVec } = quadVectors(q);
      return tiles.map(([x, y]) => {
        const corner = scale([x, y, 0], unit);
        const first = xOrient[q] === -1 ? sub(corner, scale(fsVec, tileFS)) : sub(corner, scale(ssVec, tileSS));
        return makeTile(first, ssVec, fsVec, tileSS, tileFS);
      });
    });
    return new DSSC_1MGeometry(modules, name);
  }
}

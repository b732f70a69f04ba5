// LPD-1M: 16 modules of 16 tiles (32 × 128 px) in two columns of 8.
import { LPD_1M } from './detectorTypes';
import { DetectorGeometry, type GeometryMetadata } from './detectorGeometry';
import { modulesFromCrystfel } from './fromCrystfel';
import { add, checkQuadPositions, makeTile, scale, sub, type QuadPositions, type Tile, type Vec3 } from './tile';
import type { H5Source } from '../h5/h5File';
import { readTileOffsets } from './xfelH5Geometry';

export interface LpdQuadOptions {
  /** Length of the unit in metres (default 1e-3: mm). */
  unit?: number;
  /** Gap between tiles, in `unit`s (default 4 px). */
  asicGap?: number;
  /** Gap between modules, in `unit`s (default 4 px). */
  panelGap?: number;
}

const ssVec: Vec3 = [0, LPD_1M.pixelSize, 0];
const fsVec: Vec3 = [LPD_1M.pixelSize, 0, 0];

export class LPD_1MGeometry extends DetectorGeometry {
  constructor(modules: Tile[][], filename?: string, metadata?: GeometryMetadata) {
    super(LPD_1M, modules, filename, metadata);
  }

  /**
   * Idealised layout from each quadrant's corner by module 4 tile 16 (the
   * corner of the last stored pixel), in `unit`s (mm by default).
   */
  static fromQuadPositions(quadPos: QuadPositions, opts: LpdQuadOptions = {}): LPD_1MGeometry {
    checkQuadPositions(quadPos);
    const { pixelSize: px, tileShape: [tileSS, tileFS] } = LPD_1M;
    const { unit = 1e-3 } = opts;
    const asicGapPx = opts.asicGap === undefined ? 4 : (opts.asicGap * unit) / px;
    const panelGapPx = opts.panelGap === undefined ? 4 : (opts.panelGap * unit) / px;
    // A module is 256 px + one asic gap across, 256 px + 7 asic gaps up, plus a panel gap each way.
    const panelWidth = (256 + asicGapPx + panelGapPx) * px;
    const panelHeight = (256 + 7 * asicGapPx + panelGapPx) * px;
    const tileWidth = (tileFS + asicGapPx) * px;
    const tileHeight = (tileSS + asicGapPx) * px;
    const tileSize: Vec3 = [tileFS * px, tileSS * px, 0];
    const panelsAcross = [-1, -1, 0, 0];
    const panelsUp = [0, -1, -1, 0];
    const modules = Array.from({ length: 16 }, (_, p) => {
      const [qx, qy] = quadPos[Math.floor(p / 4)];
      const panelCorner: Vec3 = [qx * unit + panelsAcross[p % 4] * panelWidth, qy * unit + panelsUp[p % 4] * panelHeight, 0];
      return Array.from({ length: 16 }, (_, a) => {
        // Tiles 1-8 go down the left column, 9-16 up the right one.
        const [up, across] = a < 8 ? [-a, -1] : [-(15 - a), 0];
        const lastCorner = add(add(panelCorner, [across * tileWidth, 0, 0]), [0, up * tileHeight, 0]);
        return makeTile(sub(lastCorner, tileSize), ssVec, fsVec, tileSS, tileFS);
      });
    });
    return new LPD_1MGeometry(modules);
  }

  /**
   * From an EuXFEL HDF5 geometry file plus quadrant positions (both in `unit`s,
   * mm by default). The file measures each tile at its last pixel's corner.
   */
  static async fromH5FileAndQuadPositions(src: H5Source, quadPos: QuadPositions, unit = 1e-3): Promise<LPD_1MGeometry> {
    const { tileShape: [tileSS, tileFS], tileOrigins } = LPD_1M;
    const { offsets, name } = await readTileOffsets(src, quadPos, tileOrigins.length);
    const modules = offsets.map((tiles) =>
      tiles.map(([x, y]) => {
        const corner = scale([x, y, 0], unit);
        return makeTile(sub(sub(corner, scale(ssVec, tileSS)), scale(fsVec, tileFS)), ssVec, fsVec, tileSS, tileFS);
      }),
    );
    return new LPD_1MGeometry(modules, name);
  }

  static fromCrystfelGeom(text: string, filename = 'No file'): LPD_1MGeometry {
    const { modules, metadata } = modulesFromCrystfel(LPD_1M, text);
    return new LPD_1MGeometry(modules, filename, { crystfel: metadata });
  }
}

// AGIPD-1M: 16 modules of 8 tiles (64 × 128 px) in 4 quadrants.
import { AGIPD_1M } from './detectorTypes';
import { DetectorGeometry, type GeometryMetadata } from './detectorGeometry';
import { modulesFromCrystfel } from './fromCrystfel';
import { checkQuadPositions, makeTile, type QuadPositions, type Tile } from './tile';

export interface AgipdQuadOptions {
  /** Gap between tiles, in `unit`s (default 2 px). */
  asicGap?: number;
  /** Gap between modules, in `unit`s (default 29 px). */
  panelGap?: number;
  /** Length of the unit in metres (default: the pixel size). */
  unit?: number;
}

export class AGIPD_1MGeometry extends DetectorGeometry {
  constructor(modules: Tile[][], filename?: string, metadata?: GeometryMetadata) {
    super(AGIPD_1M, modules, filename, metadata);
  }

  /**
   * Idealised layout from the (x, y) of each quadrant's first pixel (modules
   * 0, 4, 8, 12), in `unit`s; origin at the centre, x left, y up.
   */
  static fromQuadPositions(quadPos: QuadPositions, opts: AgipdQuadOptions = {}): AGIPD_1MGeometry {
    checkQuadPositions(quadPos);
    const { pixelSize: px, tileShape: [tileSS, tileFS] } = AGIPD_1M;
    const { asicGap = 2, panelGap = 29, unit = px } = opts;
    const asicGapPx = (asicGap * unit) / px;
    const panelGapPx = (panelGap * unit) / px;
    // Each module takes 128 px + a panel gap in y; each tile 64 px + an asic gap in x.
    const moduleHeight = (tileFS + panelGapPx) * px;
    const tileWidth = (tileSS + asicGapPx) * px;
    const xOrient = [1, 1, -1, -1];
    const yOrient = [-1, -1, 1, 1];
    const modules = Array.from({ length: 16 }, (_, p) => {
      const q = Math.floor(p / 4);
      const [qx, qy] = quadPos[q];
      const cornerY = qy * unit - (p % 4) * moduleHeight;
      return Array.from({ length: 8 }, (_, a) =>
        makeTile([qx * unit + xOrient[q] * tileWidth * a, cornerY, 0], [xOrient[q] * unit, 0, 0], [0, yOrient[q] * unit, 0], tileSS, tileFS),
      );
    });
    return new AGIPD_1MGeometry(modules);
  }

  /** From CrystFEL .geom text (read the file yourself, e.g. a dropped File's text()). */
  static fromCrystfelGeom(text: string, filename = 'No file'): AGIPD_1MGeometry {
    const { modules, metadata } = modulesFromCrystfel(AGIPD_1M, text);
    return new AGIPD_1MGeometry(modules, filename, { crystfel: metadata });
  }
}

// Each detector type as data: what differs between AGIPD, LPD and DSSC is
// declared here, so the geometry code has no per-detector branches.

export interface DetectorType {
  /** EXtra-geom's detector_type_name, e.g. 'AGIPD-1M'. */
  name: string;
  /** Start of inspect()'s title; the file name follows in brackets. */
  title: string;
  /** Pixel pitch in metres (CrystFEL res = 1 / pixelSize). */
  pixelSize: number;
  /** (x, y) size of one cell of the snapped pixel grid, metres. */
  pixelShape: [number, number];
  nModules: number;
  nQuads: number;
  /** (slow scan, fast scan) pixels of one module's data. */
  moduleShape: [number, number];
  /** (slow scan, fast scan) pixels of one tile. */
  tileShape: [number, number];
  /** (ss, fs) of each tile's first pixel within the module's data, in tile order. */
  tileOrigins: Array<[number, number]>;
  /**
   * Tile number at tile grid (row, col) of a module's data. EXtra-geom's
   * arithmetic, kept for coordinates outside the module: they extrapolate
   * into whichever tile the formula (and numpy's indexing) lands on.
   */
  tileAt(row: number, col: number): number;
  /** Pixel outline relative to its reference corner, in steps of (ssVec, fsVec). */
  pixelCorners: { ss: number[]; fs: number[] };
  /** (ss, fs) offsets from a pixel's index to its reference point: the hook hexagonal pixels need. */
  pixelOffset(ssIndex: number, centre: boolean): [number, number];
  /** 1-based tile whose first pixel and first row inspect() marks. */
  firstPixelTile: number;
  /** 0-based tile at whose centre the module label (Q1M1…) goes. */
  moduleLabelTile: number;
  /** 0-based tiles labelled T<n+1>. */
  labelledTiles: number[];
}

const squarePixel = { ss: [0, 1, 1, 0], fs: [0, 0, 1, 1] };

function squarePixelOffset(_ss: number, centre: boolean): [number, number] {
  // A pixel spans n..n+1 along each axis, so its centre is at n + 0.5.
  return centre ? [0.5, 0.5] : [0, 0];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const AGIPD_1M: DetectorType = {
  name: 'AGIPD-1M',
  title: 'AGIPD-1M detector geometry',
  pixelSize: 2e-4,
  pixelShape: [2e-4, 2e-4],
  nModules: 16,
  nQuads: 4,
  moduleShape: [512, 128],
  tileShape: [64, 128],
  // 8 tiles stacked along slow scan.
  tileOrigins: range(8).map((t): [number, number] => [t * 64, 0]),
  tileAt: (row) => row,
  pixelCorners: squarePixel,
  pixelOffset: squarePixelOffset,
  firstPixelTile: 1,
  moduleLabelTile: 4,
  labelledTiles: [0, 7],
};

export const LPD_1M: DetectorType = {
  name: 'LPD-1M',
  title: 'LPD-1M detector geometry',
  pixelSize: 5e-4,
  pixelShape: [5e-4, 5e-4],
  nModules: 16,
  nQuads: 4,
  moduleShape: [256, 256],
  tileShape: [32, 128],
  // Tiles 1-8 run top to bottom in the left half while the data starts at the
  // bottom; tiles 9-16 run bottom to top in the right half.
  tileOrigins: range(16).map((t): [number, number] => (t < 8 ? [(7 - t) * 32, 0] : [(t - 8) * 32, 128])),
  tileAt: (row, col) => (1 - col) * (7 - row) + col * (row + 8),
  pixelCorners: squarePixel,
  pixelOffset: squarePixelOffset,
  firstPixelTile: 8,
  moduleLabelTile: 0,
  labelledTiles: [7, 8, 15],
};

const DSSC_PIXEL = 236e-6;

export const DSSC_1M: DetectorType = {
  name: 'DSSC-1M',
  title: 'DSSC detector geometry',
  pixelSize: DSSC_PIXEL,
  // Hexagonal pixels: rows are 1.5/√3 of the in-row step apart; the snapped grid keeps that aspect.
  pixelShape: [1 * DSSC_PIXEL, (1.5 / Math.sqrt(3)) * DSSC_PIXEL],
  nModules: 16,
  nQuads: 4,
  moduleShape: [128, 512],
  tileShape: [128, 256],
  tileOrigins: [[0, 0], [0, 256]],
  tileAt: (_row, col) => col,
  // Clockwise from the top; the 4/3 reaches into the next row so hexagons tessellate.
  pixelCorners: { ss: [0, 0.25, 0.75, 1, 0.75, 0.25].map((v) => (v * 4) / 3), fs: [0.5, 1, 1, 0.5, 0, 0] },
  pixelOffset(ss, centre) {
    // Odd rows are shifted by half a pixel; a hexagon's centre is 2/3 of the way to the next row.
    const fsShift = ss % 2 === 1 ? 0.5 : 0;
    return centre ? [2 / 3, fsShift + 0.5] : [0, fsShift];
  },
  firstPixelTile: 1,
  moduleLabelTile: 0,
  labelledTiles: [1],
};

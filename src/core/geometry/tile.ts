// The whole geometry model: a tile is a rectangle of pixels placed in 3D.
// Coordinates are (x, y, z) in metres, origin at the detector centre,
// x to the left looking along the beam, y up.

export type Vec3 = [number, number, number];

export interface Tile {
  /** Corner of the tile where the first stored pixel is. */
  cornerPos: Vec3;
  /** One pixel step along the slow-scan axis. */
  ssVec: Vec3;
  /** One pixel step along the fast-scan axis. */
  fsVec: Vec3;
  ssPixels: number;
  fsPixels: number;
}

export function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function scale(a: Vec3, k: number): Vec3 {
  return [a[0] * k, a[1] * k, a[2] * k];
}

/** The 4 corners in drawing order: first pixel, end of first row, opposite, end of first column. */
export function tileCorners(t: Tile): [Vec3, Vec3, Vec3, Vec3] {
  const fs = scale(t.fsVec, t.fsPixels);
  const ss = scale(t.ssVec, t.ssPixels);
  return [t.cornerPos, add(t.cornerPos, fs), add(add(t.cornerPos, ss), fs), add(t.cornerPos, ss)];
}

export function tileCentre(t: Tile): Vec3 {
  return add(add(t.cornerPos, scale(scale(t.ssVec, 0.5), t.ssPixels)), scale(scale(t.fsVec, 0.5), t.fsPixels));
}

/** Quadrant positions: exactly 4 (x, y) pairs. */
export type QuadPositions = Array<[number, number]>;

export function checkQuadPositions(quadPos: QuadPositions): void {
  if (quadPos.length !== 4 || quadPos.some((p) => p.length < 2)) {
    throw new Error(`Need 4 quadrant positions (x, y), got ${JSON.stringify(quadPos)}`);
  }
}

export function makeTile(cornerPos: Vec3, ssVec: Vec3, fsVec: Vec3, ssPixels: number, fsPixels: number): Tile {
  return { cornerPos, ssVec, fsVec, ssPixels, fsPixels };
}

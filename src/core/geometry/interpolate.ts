// Pixel-splitting assembly (what EXtra-geom does with pyFAI's Distortion):
// each detector pixel's area is shared among the output pixels it overlaps.
// The overlaps depend only on the geometry, so they are computed once as a
// sparse matrix (CSR by output pixel); a frame is then one pass over it.
import type { DetectorType } from './detectorTypes';
import { distortionArray } from './pixelPositions';
import { tileCorners, type Tile } from './tile';

export interface InterpolationWeights {
  /** (height, width) of the output image. */
  size: [number, number];
  /** (y, x) output pixel coordinates of the detector centre. */
  centre: [number, number];
  /** Entries for output pixel o are outStart[o] .. outStart[o+1]-1; none means NaN. */
  outStart: Int32Array;
  inIndex: Int32Array;
  weight: Float32Array;
}

/** Area of a convex polygon (flat [x0, y0, x1, y1, …]) clipped to the unit cell at (cx, cy). */
function clippedArea(poly: number[], cx: number, cy: number): number {
  let pts = poly;
  // Sutherland–Hodgman against the 4 cell edges: keep side, axis, bound.
  const edges: Array<[number, number, number]> = [[1, 0, cx], [-1, 0, cx + 1], [1, 1, cy], [-1, 1, cy + 1]];
  for (const [side, axis, bound] of edges) {
    const next: number[] = [];
    const n = pts.length / 2;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const a = [pts[2 * i], pts[2 * i + 1]];
      const b = [pts[2 * j], pts[2 * j + 1]];
      const da = side * (a[axis] - bound);
      const db = side * (b[axis] - bound);
      if (da >= 0) next.push(a[0], a[1]);
      if ((da >= 0) !== (db >= 0)) {
        const f = da / (da - db);
        next.push(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]));
      }
    }
    pts = next;
    if (pts.length < 6) return 0;
  }
  return Math.abs(shoelace(pts));
}

function shoelace(pts: number[]): number {
  let s = 0;
  const n = pts.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    s += pts[2 * i] * pts[2 * j + 1] - pts[2 * j] * pts[2 * i + 1];
  }
  return s / 2;
}

/**
 * Pixel corners (x, y) in output pixel units, computed in float32 as pyFAI
 * does: exact layouts then land on the same cells (and make the same slivers).
 */
function gridPositions(dist: Float32Array, dx: number, dy: number): Float32Array {
  const pos = new Float32Array((dist.length / 3) * 2);
  const fdx = Math.fround(dx);
  const fdy = Math.fround(dy);
  for (let k = 0, j = 0; k < dist.length; k += 3, j += 2) {
    pos[j] = dist[k + 2] / fdx;
    pos[j + 1] = dist[k + 1] / fdy;
  }
  return pos;
}

/** Overlap length of [a0, a1) with [c, c+1). */
function overlap1d(a0: number, a1: number, c: number): number {
  return Math.max(0, Math.min(a1, c + 1) - Math.max(a0, c));
}

export function buildInterpolationWeights(type: DetectorType, modules: Tile[][]): InterpolationWeights {
  const [dx, dy] = type.pixelShape;
  const dist = distortionArray(type, modules, true);
  const nc = type.pixelCorners.ss.length;
  if (nc !== 4) throw new Error(`Interpolated assembly supports quadrilateral pixels only (${type.name} has ${nc} corners)`);
  const nPix = dist.shape[0] * dist.shape[1];
  const pos = gridPositions(dist.data, dx, dy);
  // The output grid starts at the lowest corner; like pyFAI, in float32.
  let minY = Infinity, minX = Infinity, maxY = -Infinity, maxX = -Infinity;
  for (let k = 0; k < pos.length; k += 2) {
    minX = Math.min(minX, pos[k]);
    maxX = Math.max(maxX, pos[k]);
    minY = Math.min(minY, pos[k + 1]);
    maxY = Math.max(maxY, pos[k + 1]);
  }
  const height = Math.ceil(Math.fround(maxY - minY));
  const width = Math.ceil(Math.fround(maxX - minX));

  const rowStart = new Int32Array(nPix + 1);
  let outIndex: Int32Array = new Int32Array(nPix * 4);
  let weight: Float32Array = new Float32Array(nPix * 4);
  let n = 0;
  const push = (o: number, w: number) => {
    if (n === outIndex.length) {
      outIndex = grow(outIndex, Int32Array);
      weight = grow(weight, Float32Array);
    }
    outIndex[n] = o;
    weight[n++] = w;
  };
  const poly = new Array<number>(8);
  for (let p = 0; p < nPix; p++) {
    for (let q = 0; q < 4; q++) {
      poly[2 * q] = Math.fround(pos[p * 8 + 2 * q] - minX);
      poly[2 * q + 1] = Math.fround(pos[p * 8 + 2 * q + 1] - minY);
    }
    const x0 = Math.min(poly[0], poly[2], poly[4], poly[6]);
    const x1 = Math.max(poly[0], poly[2], poly[4], poly[6]);
    const y0 = Math.min(poly[1], poly[3], poly[5], poly[7]);
    const y1 = Math.max(poly[1], poly[3], poly[5], poly[7]);
    const area = Math.abs(shoelace(poly));
    // Axis-aligned pixels (the usual case) overlap cells as a product of two intervals.
    const rect = area > 0 && Math.abs(area - (x1 - x0) * (y1 - y0)) < 1e-9 * area;
    for (let cy = Math.floor(y0); cy < Math.min(Math.ceil(y1), height); cy++) {
      for (let cx = Math.floor(x0); cx < Math.min(Math.ceil(x1), width); cx++) {
        const a = rect ? overlap1d(x0, x1, cx) * overlap1d(y0, y1, cy) : clippedArea(poly, cx, cy);
        if (a > 0) push(cy * width + cx, a / area);
      }
    }
    rowStart[p + 1] = n;
  }

  const byOutput = transpose(rowStart, outIndex.subarray(0, n), weight.subarray(0, n), height * width);
  const corners = modules.flat().flatMap((t) => tileCorners(t));
  const cMinX = Math.min(...corners.map((c) => c[0]));
  const cMinY = Math.min(...corners.map((c) => c[1]));
  return {
    size: [height, width],
    centre: [-cMinY / dy - 0.5, -cMinX / dx - 0.5],
    ...byOutput,
  };
}

function grow<T extends Int32Array | Float32Array>(a: T, Ctor: { new (n: number): T }): T {
  const b = new Ctor(a.length * 2);
  b.set(a);
  return b;
}

/** Input-major entries → output-major (CSR), so a frame is written in one sequential pass. */
function transpose(rowStart: Int32Array, outIndex: Int32Array, weight: Float32Array, nOut: number) {
  const outStart = new Int32Array(nOut + 1);
  for (let k = 0; k < outIndex.length; k++) outStart[outIndex[k] + 1]++;
  for (let o = 0; o < nOut; o++) outStart[o + 1] += outStart[o];
  const fill = outStart.slice(0, nOut);
  const inIndex = new Int32Array(outIndex.length);
  const w = new Float32Array(outIndex.length);
  for (let p = 0; p < rowStart.length - 1; p++) {
    for (let k = rowStart[p]; k < rowStart[p + 1]; k++) {
      const slot = fill[outIndex[k]]++;
      inIndex[slot] = p;
      w[slot] = weight[k];
    }
  }
  return { outStart, inIndex, weight: w };
}

/** One frame: out = W · frame; output pixels no detector pixel touches are NaN. */
export function applyInterpolation(w: InterpolationWeights, frame: Float32Array | Float64Array, out: Float32Array): void {
  const { outStart, inIndex, weight } = w;
  for (let o = 0, k = 0; o < out.length; o++) {
    const end = outStart[o + 1];
    if (k === end) {
      out[o] = NaN;
      continue;
    }
    let sum = 0;
    for (; k < end; k++) sum += weight[k] * frame[inIndex[k]];
    out[o] = sum;
  }
}

// Pixel-splitting assembly (what EXtra-geom does with pyFAI's Distortion):
// each detector pixel's area is shared among the output pixels it overlaps.
// The overlaps depend only on the geometry, so they are computed once as a
// sparse matrix, grouped by output pixel; a frame is then one pass over it.
import type { DetectorType } from './detectorTypes';
import { distortionArray } from './pixelPositions';
import { tileCorners, type Tile } from './tile';

/** Output pixels that each sum `count` weighted input pixels. */
interface WeightGroup {
  count: number;
  outputs: Int32Array;
  /** count entries per output, in output order. */
  inIndex: Int32Array;
  weight: Float32Array;
}

export interface InterpolationWeights {
  /** (height, width) of the output image. */
  size: [number, number];
  /** (y, x) output pixel coordinates of the detector centre. */
  centre: [number, number];
  /** Grouped by entry count, so the inner loops have fixed length (no mispredicted branches). */
  groups: WeightGroup[];
  /** Output pixels no detector pixel touches: NaN. */
  uncovered: Int32Array;
  nEntries: number;
}

// Scratch polygons for clipping (a quadrilateral clipped by 4 edges has at most 8 vertices).
const clipA = new Float64Array(32);
const clipB = new Float64Array(32);

/** Area of a convex polygon (flat [x0, y0, x1, y1, …]) clipped to the unit cell at (cx, cy). */
function clippedArea(poly: ArrayLike<number>, cx: number, cy: number): number {
  let src: Float64Array = clipA;
  let dst: Float64Array = clipB;
  let n = poly.length / 2;
  for (let i = 0; i < poly.length; i++) src[i] = poly[i];
  // Sutherland–Hodgman against the 4 cell edges: keep side, axis, bound.
  for (const [side, axis, bound] of [[1, 0, cx], [-1, 0, cx + 1], [1, 1, cy], [-1, 1, cy + 1]]) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const da = side * (src[2 * i + axis] - bound);
      const db = side * (src[2 * j + axis] - bound);
      if (da >= 0) {
        dst[m++] = src[2 * i];
        dst[m++] = src[2 * i + 1];
      }
      if (da >= 0 !== db >= 0) {
        const f = da / (da - db);
        dst[m++] = src[2 * i] + f * (src[2 * j] - src[2 * i]);
        dst[m++] = src[2 * i + 1] + f * (src[2 * j + 1] - src[2 * i + 1]);
      }
    }
    n = m / 2;
    if (n < 3) return 0;
    [src, dst] = [dst, src];
  }
  return Math.abs(shoelace(src, n));
}

function shoelace(pts: ArrayLike<number>, n = pts.length / 2): number {
  let s = 0;
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

  const byOutput = groupByOutput(rowStart, outIndex.subarray(0, n), weight.subarray(0, n), height * width);
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

/** Input-major entries → per-output entries, grouped by how many each output has. */
function groupByOutput(rowStart: Int32Array, outIndex: Int32Array, weight: Float32Array, nOut: number) {
  const count = new Int32Array(nOut);
  for (let k = 0; k < outIndex.length; k++) count[outIndex[k]]++;
  const groupOf = new Map<number, WeightGroup>();
  const sizes = new Map<number, number>();
  for (let o = 0; o < nOut; o++) sizes.set(count[o], (sizes.get(count[o]) ?? 0) + 1);
  for (const [c, n] of sizes) {
    if (c > 0) groupOf.set(c, { count: c, outputs: new Int32Array(n), inIndex: new Int32Array(n * c), weight: new Float32Array(n * c) });
  }
  // Where output o's entries go: its slot in its group, filled as entries arrive.
  const slot = new Int32Array(nOut);
  const filled = new Int32Array(nOut);
  const next = new Map<number, number>();
  const uncovered: number[] = [];
  for (let o = 0; o < nOut; o++) {
    const c = count[o];
    if (c === 0) {
      uncovered.push(o);
      continue;
    }
    const j = next.get(c) ?? 0;
    next.set(c, j + 1);
    groupOf.get(c)!.outputs[j] = o;
    slot[o] = j * c;
  }
  for (let p = 0; p < rowStart.length - 1; p++) {
    for (let k = rowStart[p]; k < rowStart[p + 1]; k++) {
      const o = outIndex[k];
      const g = groupOf.get(count[o])!;
      const at = slot[o] + filled[o]++;
      g.inIndex[at] = p;
      g.weight[at] = weight[k];
    }
  }
  return { groups: [...groupOf.values()], uncovered: Int32Array.from(uncovered), nEntries: outIndex.length };
}

/** One frame: out = W · frame; output pixels no detector pixel touches are NaN. */
export function applyInterpolation(w: InterpolationWeights, frame: Float32Array | Float64Array, out: Float32Array): void {
  for (const { count, outputs, inIndex: ix, weight: wt } of w.groups) {
    const n = outputs.length;
    if (count === 1) {
      for (let j = 0; j < n; j++) out[outputs[j]] = wt[j] * frame[ix[j]];
    } else if (count === 2) {
      for (let j = 0, k = 0; j < n; j++, k += 2) out[outputs[j]] = wt[k] * frame[ix[k]] + wt[k + 1] * frame[ix[k + 1]];
    } else if (count === 4) {
      for (let j = 0, k = 0; j < n; j++, k += 4) {
        out[outputs[j]] = wt[k] * frame[ix[k]] + wt[k + 1] * frame[ix[k + 1]] + wt[k + 2] * frame[ix[k + 2]] + wt[k + 3] * frame[ix[k + 3]];
      }
    } else {
      for (let j = 0, k = 0; j < n; j++) {
        let sum = 0;
        for (const end = k + count; k < end; k++) sum += wt[k] * frame[ix[k]];
        out[outputs[j]] = sum;
      }
    }
  }
  for (const o of w.uncovered) out[o] = NaN;
}

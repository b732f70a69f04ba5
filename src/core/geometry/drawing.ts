// inspect()/compare() as drawing data (the app renders it as SVG): the same
// shapes, labels and limits EXtra-geom's matplotlib figures show.
import type { DetectorType } from './detectorTypes';
import { pyRepr } from './pyFloat';
import { tileCentre, tileCorners, type Tile } from './tile';

export type AxisUnits = 'px' | 'm';
export type Point = [number, number];

export interface DrawingLabel {
  text: string;
  x: number;
  y: number;
  /** Module labels (Q1M1) are drawn bold. */
  kind: 'module' | 'tile';
}

export interface DrawingArrow {
  from: Point;
  delta: Point;
  /** matplotlib FancyArrow outline (width 5, head length 4), closed. */
  polygon: Point[];
}

export interface GeometryDrawing {
  title: string;
  units: AxisUnits;
  xlabel: string;
  ylabel: string;
  /** Axis limits with 5% margins; x runs right to left (front view, looking along the beam). */
  xlim: Point;
  ylim: Point;
  /** Closed tile outlines, module-major. */
  tiles: Array<{ module: number; tile: number; polygon: Point[] }>;
  labels: DrawingLabel[];
  /** First stored pixel of each module ('x' markers). */
  firstPixels: Point[];
  /** First stored row of each module (dotted lines). */
  firstRows: Array<[Point, Point]>;
  /** Cross marking the detector centre. */
  centreCross: Array<[Point, Point]>;
  arrows: DrawingArrow[];
  /** Text anchored to the axes' bottom right (compare's arrow scale). */
  note?: string;
}

interface DrawableGeometry {
  type: DetectorType;
  modules: Tile[][];
  filename: string;
}

const xy = (v: readonly number[], k: number): Point => [v[0] * k, v[1] * k];

function unitScale(g: DrawableGeometry, units: AxisUnits): number {
  if (units !== 'px' && units !== 'm') throw new Error(`axis units must be 'px' or 'm', not '${units}'`);
  return units === 'm' ? 1 : 1 / g.type.pixelSize;
}

/** matplotlib's autoscale: data limits plus 5% margins on each side. */
function withMargins(values: number[]): Point {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const m = (hi - lo) * 0.05;
  return [lo - m, hi + m];
}

export function inspectDrawing(g: DrawableGeometry, units: AxisUnits): GeometryDrawing {
  const k = unitScale(g, units);
  const { type } = g;
  const tiles = g.modules.flatMap((mod, m) =>
    mod.map((t, a) => {
      const poly = tileCorners(t).map((c) => xy(c, k));
      return { module: m, tile: a, polygon: [...poly, poly[0]] };
    }),
  );
  const firstRows = g.modules.map((mod): [Point, Point] => {
    const t = mod[type.firstPixelTile - 1];
    const c1 = xy(t.cornerPos, k);
    const row = xy(t.fsVec.map((v) => v * t.fsPixels), k);
    return [c1, [c1[0] + row[0], c1[1] + row[1]]];
  });
  const labels = g.modules.flatMap((mod, m): DrawingLabel[] => {
    const at = (t: number) => xy(tileCentre(mod[t]), k);
    const [mx, my] = at(type.moduleLabelTile);
    return [
      { text: `Q${Math.floor(m / 4) + 1}M${(m % 4) + 1}`, x: mx, y: my, kind: 'module' },
      ...type.labelledTiles.map((t): DrawingLabel => ({ text: `T${t + 1}`, x: at(t)[0], y: at(t)[1], kind: 'tile' })),
    ];
  });
  const cross = 0.02 * k;
  const centreCross: Array<[Point, Point]> = [[[-cross, 0], [cross, 0]], [[0, -cross], [0, cross]]];
  const points = [...tiles.flatMap((t) => t.polygon), ...firstRows.flat(), ...centreCross.flat()];
  const [x0, x1] = withMargins(points.map((p) => p[0]));
  const label = units === 'm' ? 'metres' : 'pixels';
  return {
    title: `${type.title} (${g.filename})`,
    units,
    xlabel: label,
    ylabel: label,
    xlim: [x1, x0],
    ylim: withMargins(points.map((p) => p[1])),
    tiles,
    labels,
    firstPixels: firstRows.map((r) => r[0]),
    firstRows,
    centreCross,
    arrows: [],
  };
}

/** The outline matplotlib's FancyArrow(x, y, dx, dy, width=5, head_length=4) draws. */
function arrowPolygon(from: Point, delta: Point, width = 5, headLength = 4): Point[] {
  const headWidth = 3 * width;
  const distance = Math.hypot(delta[0], delta[1]);
  const length = distance + headLength;
  const left: Point[] = [
    [0, 0],
    [-headLength, -headWidth / 2],
    [-headLength, -width / 2],
    [-length, -width / 2],
    [-length, 0],
  ].map(([a, b]): Point => [a + headLength, b]);
  const right = left.map(([a, b]): Point => [a, -b]);
  const coords = [...left.slice(0, -1), ...right.slice(0, -1).reverse()];
  const [cx, sx] = distance !== 0 ? [delta[0] / distance, delta[1] / distance] : [0, 1];
  const tip: Point = [from[0] + delta[0], from[1] + delta[1]];
  // Closed as it is: the first and last points are both the tip.
  return coords.map(([a, b]): Point => [a * cx - b * sx + tip[0], a * sx + b * cx + tip[1]]);
}

export function compareDrawing(a: DrawableGeometry, b: DrawableGeometry, scale: number): GeometryDrawing {
  const drawing = inspectDrawing(a, 'px');
  const k = 1 / a.type.pixelSize;
  const arrowScale = scale * k;
  a.modules.forEach((modA, m) =>
    modA.forEach((tA, t) => {
      const tB = b.modules[m]?.[t];
      if (!tB) return;
      const cA = tileCorners(tA);
      const cB = tileCorners(tB);
      // Arrows from the first corner and from the opposite one show shifts and rotations.
      for (const i of [0, 2]) {
        const delta: Point = [(cB[i][0] - cA[i][0]) * arrowScale, (cB[i][1] - cA[i][1]) * arrowScale];
        if (delta[0] === 0 && delta[1] === 0) continue;
        const from = xy(cA[i], k);
        drawing.arrows.push({ from, delta, polygon: arrowPolygon(from, delta) });
      }
    }),
  );
  drawing.title = `Geometry comparison: ${a.filename} → ${b.filename}`;
  drawing.note = `Arrows scaled: ${pyRepr(scale)}×`;
  return drawing;
}

// The detector ROI between the screen and the image array. The assembled image is shown turned
// by 180° (front view): array column x is drawn at screen column width-1-x, row y at height-1-y.
// Screen positions are CSS px from the view's top-left corner; the view may be zoomed.
import type { Rect } from '../../worker/api';

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Where to draw on the view, in CSS px. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A press moved less than this (CSS px, each way) is a click: it keeps the ROI. */
export const MIN_DRAG_PX = 3;

export function isDrag(from: Point, to: Point): boolean {
  return Math.abs(to.x - from.x) >= MIN_DRAG_PX || Math.abs(to.y - from.y) >= MIN_DRAG_PX;
}

/**
 * The array pixels covered by a drag from `from` to `to`: both end pixels are inside, as the
 * hover readout names them. Ends outside the view are clamped to its edge pixels.
 */
export function dragToRect(from: Point, to: Point, view: Size, image: Size): Rect {
  const col = (x: number) => pixelAt(x, view.width, image.width);
  const row = (y: number) => pixelAt(y, view.height, image.height);
  const [c0, c1] = ordered(col(from.x), col(to.x));
  const [r0, r1] = ordered(row(from.y), row(to.y));
  return { x0: image.width - 1 - c1, x1: image.width - c0, y0: image.height - 1 - r1, y1: image.height - r0 };
}

/** Where `rect` is on the view, clipped to the image; null when nothing of it is on the image. */
export function rectToBox(rect: Rect, view: Size, image: Size): Box | null {
  const r = clampRect(rect, image);
  if (r.x1 <= r.x0 || r.y1 <= r.y0) return null;
  const sx = view.width / image.width;
  const sy = view.height / image.height;
  return { left: (image.width - r.x1) * sx, top: (image.height - r.y1) * sy, width: (r.x1 - r.x0) * sx, height: (r.y1 - r.y0) * sy };
}

/** The pixels of `rect` on the image, rounded as the core's roiSeries rounds them. */
export function clampRect(rect: Rect, image: Size): Rect {
  const at = (v: number, n: number) => Math.max(0, Math.min(n, Math.round(v)));
  return { x0: at(rect.x0, image.width), x1: at(rect.x1, image.width), y0: at(rect.y0, image.height), y1: at(rect.y1, image.height) };
}

/** The screen pixel (of `pixels` across `extent` CSS px) under `at`, clamped to the view. */
function pixelAt(at: number, extent: number, pixels: number): number {
  return Math.max(0, Math.min(pixels - 1, Math.floor((at / extent) * pixels)));
}

function ordered(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}

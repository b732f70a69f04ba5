// The ROI drawn with the mouse: screen drag → array rectangle and rectangle → box on the view,
// under the view's 180° turn and zoom.
import { describe, expect, it } from 'vitest';
import { clampRect, dragToRect, isDrag, rectToBox, type Point, type Size } from '../../src/app/vis/roiRect';

const image: Size = { width: 8, height: 6 };
const view: Size = { width: 80, height: 30 }; // 10 CSS px per column, 5 per row

/** The array pixel under a view point, as the hover readout (ImageView.onMove) finds it. */
function hovered(p: Point, v: Size, im: Size): [number, number] {
  const sx = Math.floor((p.x / v.width) * im.width);
  const sy = Math.floor((p.y / v.height) * im.height);
  return [im.width - 1 - sx, im.height - 1 - sy];
}

describe('dragToRect', () => {
  it('turns a drag near the top-left of the view into the array’s bottom-right corner', () => {
    // Screen columns 0–1 and rows 0–2 are array columns 6–7 and rows 3–5.
    expect(dragToRect({ x: 2, y: 1 }, { x: 15, y: 12 }, view, image)).toEqual({ x0: 6, x1: 8, y0: 3, y1: 6 });
  });

  it('does not depend on the drag’s direction', () => {
    const a = { x: 33, y: 4 };
    const b = { x: 61, y: 27 };
    const r = dragToRect(a, b, view, image);
    expect(dragToRect(b, a, view, image)).toEqual(r);
    expect(dragToRect({ x: a.x, y: b.y }, { x: b.x, y: a.y }, view, image)).toEqual(r);
  });

  it('holds exactly the pixels between the hovered end pixels', () => {
    const big: Size = { width: 13, height: 9 };
    const zoomed: Size = { width: 13 * 3.7, height: 9 * 3.7 };
    for (const [a, b] of [[{ x: 1, y: 1 }, { x: 40, y: 30 }], [{ x: 20.2, y: 3.9 }, { x: 7.4, y: 18 }], [{ x: 0, y: 0 }, { x: 48.09, y: 33.29 }]]) {
      const r = dragToRect(a, b, zoomed, big);
      const [ca, ra] = hovered(a, zoomed, big);
      const [cb, rb] = hovered(b, zoomed, big);
      for (let row = 0; row < big.height; row++) {
        for (let col = 0; col < big.width; col++) {
          const between = col >= Math.min(ca, cb) && col <= Math.max(ca, cb) && row >= Math.min(ra, rb) && row <= Math.max(ra, rb);
          const inside = col >= r.x0 && col < r.x1 && row >= r.y0 && row < r.y1;
          expect(inside, `array pixel ${col},${row}`).toBe(between);
        }
      }
    }
  });

  it('clamps ends dragged off the view to the image', () => {
    expect(dragToRect({ x: -50, y: -9 }, { x: 500, y: 300 }, view, image)).toEqual({ x0: 0, x1: 8, y0: 0, y1: 6 });
    expect(dragToRect({ x: 75, y: 25 }, { x: 120, y: 90 }, view, image)).toEqual({ x0: 0, x1: 1, y0: 0, y1: 1 });
  });
});

describe('rectToBox', () => {
  it('draws a rectangle where its pixels are on the turned, zoomed view', () => {
    expect(rectToBox({ x0: 6, x1: 8, y0: 3, y1: 6 }, view, image)).toEqual({ left: 0, top: 0, width: 20, height: 15 });
    expect(rectToBox({ x0: 0, x1: 1, y0: 0, y1: 1 }, view, image)).toEqual({ left: 70, top: 25, width: 10, height: 5 });
  });

  it('covers the points of the drag that made the rectangle', () => {
    const a = { x: 33, y: 4 };
    const b = { x: 61, y: 27 };
    const box = rectToBox(dragToRect(a, b, view, image), view, image)!;
    for (const p of [a, b]) {
      expect(p.x).toBeGreaterThanOrEqual(box.left);
      expect(p.x).toBeLessThan(box.left + box.width);
      expect(p.y).toBeGreaterThanOrEqual(box.top);
      expect(p.y).toBeLessThan(box.top + box.height);
    }
  });

  it('clips to the image, and gives null for nothing on it', () => {
    expect(rectToBox({ x0: -5, x1: 2, y0: 4, y1: 99 }, view, image)).toEqual({ left: 60, top: 0, width: 20, height: 10 });
    expect(rectToBox({ x0: 8, x1: 12, y0: 0, y1: 6 }, view, image)).toBeNull();
    expect(rectToBox({ x0: 5, x1: 3, y0: 0, y1: 6 }, view, image)).toBeNull();
  });
});

describe('clampRect and isDrag', () => {
  it('rounds and clamps as the core’s roiSeries does', () => {
    expect(clampRect({ x0: -1.2, x1: 3.5, y0: 2.4, y1: 60 }, image)).toEqual({ x0: 0, x1: 4, y0: 2, y1: 6 });
  });

  it('takes a press that moved under 3 px for a click', () => {
    expect(isDrag({ x: 10, y: 10 }, { x: 12, y: 8 })).toBe(false);
    expect(isDrag({ x: 10, y: 10 }, { x: 10, y: 13 })).toBe(true);
    expect(isDrag({ x: 10, y: 10 }, { x: 7, y: 10 })).toBe(true);
  });
});

// A rectangle of interest on an image view: drawn with the mouse (a rubber band while dragging),
// and shown over the image. Both snap to whole image pixels, as the ROI is reduced.
import { useEffect, useRef, useState } from 'react';
import type { Rect } from '../../worker/api';
import { dragToRect, isDrag, rectToBox, type Box, type Point, type Size } from './roiRect';

/**
 * Mouse handling for drawing a rectangle on `canvas`. The drag is followed on the window, so
 * that it can end off the image (clamped to it); Escape abandons it; a click draws nothing.
 */
export function useRoiDrag(canvas: React.RefObject<HTMLCanvasElement | null>, image: Size, onRoiDrawn?: (r: Rect) => void) {
  const [band, setBand] = useState<{ from: Point; to: Point } | null>(null);
  // The window listeners live for a whole drag: they read these, not a stale render's.
  const latest = useRef({ image, onRoiDrawn, band });
  latest.current = { image, onRoiDrawn, band };
  const dragging = band !== null;

  useEffect(() => {
    if (!dragging) return;
    const at = (e: MouseEvent): Point => {
      const r = canvas.current!.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const move = (e: MouseEvent) => setBand((b) => b && { from: b.from, to: at(e) });
    const up = (e: MouseEvent) => {
      const { image: im, onRoiDrawn: done, band: b } = latest.current;
      const to = at(e);
      const r = canvas.current!.getBoundingClientRect();
      if (b && isDrag(b.from, to)) done?.(dragToRect(b.from, to, { width: r.width, height: r.height }, im));
      setBand(null);
    };
    const key = (e: KeyboardEvent) => e.key === 'Escape' && setBand(null);
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      window.removeEventListener('keydown', key);
    };
  }, [dragging]);

  const onMouseDown = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!onRoiDrawn || e.button !== 0 || !image.width) return;
    e.preventDefault(); // no text selection while dragging
    const r = e.currentTarget.getBoundingClientRect();
    const from = { x: e.clientX - r.left, y: e.clientY - r.top };
    setBand({ from, to: from });
  };

  /** The rectangle the drag would draw now; null before it is a drag. */
  const rubberBand = band && isDrag(band.from, band.to) ? band : null;
  return { onMouseDown, rubberBand };
}

/** The ROI (array pixels) and the rubber band (view points) over a view of `view` CSS px. */
export function RoiOverlay({ roi, rubberBand, view, image }: {
  roi: Rect | null;
  rubberBand: { from: Point; to: Point } | null;
  view: Size;
  image: Size;
}) {
  if (!image.width || !image.height) return null;
  const box = roi && rectToBox(roi, view, image);
  const band = rubberBand && rectToBox(dragToRect(rubberBand.from, rubberBand.to, view, image), view, image);
  if (!box && !band) return null;
  return (
    <svg className="roi-overlay" width={view.width} height={view.height} aria-hidden>
      {box && <Outline box={box} className="roi-rect" testId="roi-overlay" />}
      {band && <Outline box={band} className="roi-rubber-band" testId="roi-rubber-band" />}
    </svg>
  );
}

/** A dark line under a light one: visible on any colormap. */
function Outline({ box, className, testId }: { box: Box; className: string; testId: string }) {
  const props = { x: box.left, y: box.top, width: box.width, height: box.height, fill: 'none' };
  return (
    <g className={className} data-testid={testId}>
      <rect {...props} stroke="black" strokeWidth={3} strokeOpacity={0.7} />
      <rect {...props} className="roi-line" strokeWidth={1.5} />
    </g>
  );
}

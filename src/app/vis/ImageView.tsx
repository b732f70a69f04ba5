// A colormapped image on a canvas (WebGL2, or Canvas2D where WebGL is missing). Reports the
// hovered array pixel; `data-ready` is "true" only once the wanted image is painted. Given
// `onRoiDrawn`, a drag draws a rectangle of interest; `roi` is drawn over the image.
import { useEffect, useRef, useState } from 'react';
import { createRenderer, type ImageRenderer } from './renderer';
import { colormapLut } from './colormaps';
import { RoiOverlay, useRoiDrag } from './RoiOverlay';
import type { Rect } from '../../worker/api';

export interface ImageViewProps {
  values: Float32Array | null;
  width: number;
  height: number;
  domain: [number, number];
  log: boolean;
  colormap: string;
  /** What `values` are (e.g. train/pulse)… */
  valuesKey: string;
  /** …and what the user asked for: until they match and are painted, data-ready is false. */
  wantedKey: string;
  /** Size on screen (CSS px); pixels may be stretched, e.g. trains × pulses. */
  displayWidth: number;
  displayHeight: number;
  testId?: string;
  onHover?: (col: number, row: number) => void;
  onLeave?: () => void;
  /** A rectangle of the array (as stored, before the view's turn) to draw over the image. */
  roi?: Rect | null;
  /** Set: a drag on the image draws a rectangle (array pixels), given here on release. */
  onRoiDrawn?: (rect: Rect) => void;
}

export function ImageView(p: ImageViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<ImageRenderer | null>(null);
  const [painted, setPainted] = useState<string | null>(null);
  const image = { width: p.width, height: p.height };
  const drag = useRoiDrag(canvas, image, p.values ? p.onRoiDrawn : undefined);

  useEffect(() => {
    if (!canvas.current || !p.values) return;
    renderer.current ??= createRenderer(canvas.current);
    renderer.current.setValues(p.values, p.width, p.height);
  }, [p.values, p.width, p.height]);

  useEffect(() => {
    if (!renderer.current || !p.values) return;
    renderer.current.setDisplaySize(p.displayWidth * devicePixelRatio, p.displayHeight * devicePixelRatio);
    renderer.current.draw({ domain: p.domain, log: p.log, lut: colormapLut(p.colormap) });
    setPainted(p.valuesKey);
  }, [p.values, p.domain[0], p.domain[1], p.log, p.colormap, p.valuesKey, p.displayWidth, p.displayHeight]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const sx = Math.floor(((e.clientX - r.left) / r.width) * p.width);
    const sy = Math.floor(((e.clientY - r.top) / r.height) * p.height);
    // The view is turned by 180° (front view): screen pixel → array pixel.
    p.onHover?.(p.width - 1 - sx, p.height - 1 - sy);
  };

  return (
    <div className="image-view">
      <canvas
        ref={canvas}
        data-testid={p.testId}
        data-ready={String(painted === p.wantedKey && p.valuesKey === p.wantedKey && !!p.values)}
        data-renderer={renderer.current?.kind ?? ''}
        style={{ width: p.displayWidth, height: p.displayHeight, cursor: p.onRoiDrawn ? 'crosshair' : undefined }}
        onMouseMove={onMove}
        onMouseLeave={p.onLeave}
        onMouseDown={drag.onMouseDown}
      />
      {(p.roi || drag.rubberBand) && (
        <RoiOverlay roi={p.roi ?? null} rubberBand={drag.rubberBand} view={{ width: p.displayWidth, height: p.displayHeight }} image={image} />
      )}
    </div>
  );
}

// A colormapped image on a canvas (WebGL2, or Canvas2D where WebGL is missing). Reports the
// hovered array pixel; `data-ready` is "true" only once the wanted image is painted.
import { useEffect, useRef, useState } from 'react';
import { createRenderer, type ImageRenderer } from './renderer';
import { colormapLut } from './colormaps';

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
}

export function ImageView(p: ImageViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<ImageRenderer | null>(null);
  const [painted, setPainted] = useState<string | null>(null);

  useEffect(() => {
    if (!canvas.current || !p.values) return;
    renderer.current ??= createRenderer(canvas.current);
    renderer.current.setValues(p.values, p.width, p.height);
  }, [p.values, p.width, p.height]);

  useEffect(() => {
    if (!renderer.current || !p.values) return;
    renderer.current.draw({ domain: p.domain, log: p.log, lut: colormapLut(p.colormap) });
    setPainted(p.valuesKey);
  }, [p.values, p.domain[0], p.domain[1], p.log, p.colormap, p.valuesKey]);

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
        style={{ width: p.displayWidth, height: p.displayHeight }}
        onMouseMove={onMove}
        onMouseLeave={p.onLeave}
      />
    </div>
  );
}

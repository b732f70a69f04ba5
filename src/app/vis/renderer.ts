// A colormapped image renderer: WebGL2 where available, Canvas2D otherwise.
import { createGlRenderer } from './heatmapGl';
import { createCanvas2dRenderer } from './heatmap2d';

export interface ImageStyle {
  domain: [number, number];
  log: boolean;
  /** 256 × RGBA colormap lookup table. */
  lut: Uint8Array;
}

export interface ImageRenderer {
  kind: 'webgl' | 'canvas2d';
  setValues(values: Float32Array, width: number, height: number): void;
  draw(style: ImageStyle): void;
}

export function createRenderer(canvas: HTMLCanvasElement): ImageRenderer {
  try {
    const gl = createGlRenderer(canvas);
    if (gl) return gl;
  } catch (e) {
    console.warn('WebGL heatmap unavailable, drawing with Canvas2D', e);
  }
  return createCanvas2dRenderer(canvas);
}

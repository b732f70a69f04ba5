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
  /**
   * The size shown, in device pixels. A renderer may then draw no more pixels than are seen
   * (the canvas is scaled `pixelated`, i.e. nearest pixel, so the picture is the same).
   */
  setDisplaySize(width: number, height: number): void;
  draw(style: ImageStyle): void;
  /** A PNG of the whole image, one canvas pixel per array pixel, whatever is shown. */
  toPng(): Promise<Blob | null>;
}

const renderers = new WeakMap<HTMLCanvasElement, ImageRenderer>();

export function createRenderer(canvas: HTMLCanvasElement): ImageRenderer {
  const r = createAnyRenderer(canvas);
  renderers.set(canvas, r);
  return r;
}

function createAnyRenderer(canvas: HTMLCanvasElement): ImageRenderer {
  try {
    const gl = createGlRenderer(canvas);
    if (gl) return gl;
  } catch (e) {
    console.warn('WebGL heatmap unavailable, drawing with Canvas2D', e);
  }
  return createCanvas2dRenderer(canvas);
}

/** A canvas's image as PNG at full resolution (through its renderer, when it has one). */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return renderers.get(canvas)?.toPng() ?? new Promise((res) => canvas.toBlob(res, 'image/png'));
}

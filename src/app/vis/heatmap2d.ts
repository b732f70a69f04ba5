// The Canvas2D fallback: the same colormapping and orientation as the shader, on the CPU.
// The front view turns the array by 180°, which is the flat pixel order reversed.
import type { ImageRenderer, ImageStyle } from './renderer';

export function createCanvas2dRenderer(canvas: HTMLCanvasElement): ImageRenderer {
  let values: Float32Array = new Float32Array(0);
  let width = 0;
  let height = 0;
  return {
    kind: 'canvas2d',
    setValues(v, w, h) {
      values = v;
      width = w;
      height = h;
      canvas.width = w;
      canvas.height = h;
    },
    // Colours are computed per array pixel on the CPU either way: the canvas stays full size.
    setDisplaySize() {},
    draw(style: ImageStyle) {
      const ctx = canvas.getContext('2d');
      if (!ctx || !width) return;
      const img = ctx.createImageData(width, height);
      colorize(values, style, img.data, true);
      ctx.putImageData(img, 0, 0);
    },
    toPng: () => new Promise((res) => canvas.toBlob(res, 'image/png')),
  };
}

/**
 * RGBA for each value (NaN stays transparent), as the shader computes it; `reversed` writes
 * the last value first (the 180° front-view turn).
 */
export function colorize(values: Float32Array, { domain, log, lut }: ImageStyle, out: Uint8ClampedArray, reversed: boolean): void {
  const lo = log ? Math.log(Math.max(domain[0], 1e-6)) : domain[0];
  const hi = log ? Math.log(Math.max(domain[1], 1e-6 * 1.0001)) : domain[1];
  const k = 255 / Math.max(hi - lo, 1e-12);
  const last = values.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    const x = log ? Math.log(Math.max(v, 1e-6)) : v;
    const j = Math.min(255, Math.max(0, Math.round((x - lo) * k))) * 4;
    const o = (reversed ? last - i : i) * 4;
    out[o] = lut[j];
    out[o + 1] = lut[j + 1];
    out[o + 2] = lut[j + 2];
    out[o + 3] = 255;
  }
}

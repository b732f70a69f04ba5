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
    draw({ domain, log, lut }: ImageStyle) {
      const ctx = canvas.getContext('2d');
      if (!ctx || !width) return;
      const img = ctx.createImageData(width, height);
      const px = img.data;
      const lo = log ? Math.log(Math.max(domain[0], 1e-6)) : domain[0];
      const hi = log ? Math.log(Math.max(domain[1], 1e-6 * 1.0001)) : domain[1];
      const k = 255 / Math.max(hi - lo, 1e-12);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v !== v) continue; // NaN gap: transparent
        const x = log ? Math.log(Math.max(v, 1e-6)) : v;
        const j = Math.min(255, Math.max(0, Math.round((x - lo) * k))) * 4;
        const o = (values.length - 1 - i) * 4;
        px[o] = lut[j];
        px[o + 1] = lut[j + 1];
        px[o + 2] = lut[j + 2];
        px[o + 3] = 255;
      }
      ctx.putImageData(img, 0, 0);
    },
  };
}

// Colormaps from d3-scale-chromatic, sampled into 256-entry RGBA lookup tables.
import * as chromatic from 'd3-scale-chromatic';

export const COLORMAPS = {
  viridis: chromatic.interpolateViridis,
  magma: chromatic.interpolateMagma,
  inferno: chromatic.interpolateInferno,
  plasma: chromatic.interpolatePlasma,
  cividis: chromatic.interpolateCividis,
  turbo: chromatic.interpolateTurbo,
  greys: (t: number) => chromatic.interpolateGreys(1 - t),
} satisfies Record<string, (t: number) => string>;

export type ColormapName = keyof typeof COLORMAPS;

const cache = new Map<string, Uint8Array>();

export function colormapLut(name: string): Uint8Array {
  const hit = cache.get(name);
  if (hit) return hit;
  const interp = COLORMAPS[name as ColormapName] ?? COLORMAPS.viridis;
  const lut = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = parseColor(interp(i / 255));
    lut.set([r, g, b, 255], i * 4);
  }
  cache.set(name, lut);
  return lut;
}

/** d3 interpolators return "rgb(r, g, b)" or "#rrggbb". */
function parseColor(c: string): [number, number, number] {
  if (c.startsWith('#')) return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
  const m = c.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0'];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

/** A CSS gradient of the colormap, for the colour bar. */
export function colormapGradient(name: string): string {
  const lut = colormapLut(name);
  const stops = Array.from({ length: 11 }, (_, i) => {
    const j = Math.round((i / 10) * 255) * 4;
    return `rgb(${lut[j]},${lut[j + 1]},${lut[j + 2]}) ${i * 10}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

// A diffraction-like AGIPD-1M image for the demo run: powder rings around the beam,
// computed at each module pixel's position in the standard quadrant layout, so that any
// geometry assembly of the modules shows concentric rings.
import type { FrameContext, FrameFiller } from './xtdf';

/** The docs' AGIPD-1M quadrant positions (px, first pixel of modules 0, 4, 8, 12). */
export const AGIPD_QUAD_POSITIONS: ReadonlyArray<[number, number]> = [[-525, 625], [-550, -10], [520, -160], [542.5, 475]];

const TILE_SS = 64; // AGIPD tiles: 8 per module along ss, 64 × 128 px
const ASIC_GAP = 2;
const PANEL_GAP = 29;
const MODULE_FS = 128;

/**
 * Lab position (x, y in px from the detector centre) of each pixel of a module, C order
 * (ss, fs): EXtra-geom's AGIPD_1MGeometry.from_quad_positions, flat and ideal. Modules stack
 * downwards in each quadrant; quadrants 1–2 run ss along +x and fs along −y, 3–4 are turned by 180°.
 */
export function agipdPixelPositions(module: number, quadPos = AGIPD_QUAD_POSITIONS): { x: Float32Array; y: Float32Array } {
  const quad = Math.floor(module / 4);
  const inQuad = module % 4;
  const [qx, qy] = quadPos[quad];
  const turned = quad >= 2 ? -1 : 1;
  const cornerY = qy - inQuad * (MODULE_FS + PANEL_GAP);
  const x = new Float32Array(512 * MODULE_FS);
  const y = new Float32Array(512 * MODULE_FS);
  for (let ss = 0; ss < 512; ss++) {
    const tile = Math.floor(ss / TILE_SS);
    const px = qx + turned * (tile * (TILE_SS + ASIC_GAP) + (ss % TILE_SS) + 0.5);
    for (let fs = 0; fs < MODULE_FS; fs++) {
      x[ss * MODULE_FS + fs] = px;
      y[ss * MODULE_FS + fs] = cornerY - turned * (fs + 0.5);
    }
  }
  return { x, y };
}

export interface RingPatternOptions {
  /** Ring radii in px at toff = 0. */
  radii?: number[];
  /** Pulse energy per (toff, pulse), scaling the whole frame; default a slow wobble. */
  pulseEnergy?: (toff: number, pulse: number) => number;
}

/** Steps of the stored values: noise-free and quantised, so gzip keeps the demo small. */
const ADU_STEP = 32;

/**
 * A FrameFiller for raw AGIPD frames: powder rings with a texture along the azimuth,
 * diffuse background and a beam stop shadow, breathing slightly from train to train.
 * Plane 1 (gain) holds the medium-gain digital level.
 */
export function agipdRingPattern(opts: RingPatternOptions = {}): FrameFiller {
  const radii = opts.radii ?? [140, 230, 305, 390, 470];
  const energy = opts.pulseEnergy ?? ((toff, p) => 1 + 0.25 * Math.sin(0.7 * toff + 1.3 * p));
  const polar = new Map<number, { r: Float32Array; phi: Float32Array }>();
  // Frames come train by train: the pulses of a train share one unscaled image.
  let last: { module: number; toff: number; image: Float32Array } = { module: -1, toff: -1, image: new Float32Array(0) };
  return (out: Uint16Array, ctx: FrameContext) => {
    if (last.module !== ctx.module || last.toff !== ctx.toff) {
      if (!polar.has(ctx.module)) polar.set(ctx.module, polarPositions(ctx.module));
      last = { module: ctx.module, toff: ctx.toff, image: trainImage(polar.get(ctx.module)!, radii, ctx.toff) };
    }
    const e = energy(ctx.toff, ctx.pulse);
    const { image } = last;
    for (let i = 0; i < image.length; i++) {
      out[i] = Math.min(65535, 1000 + ADU_STEP * Math.floor((image[i] * e) / ADU_STEP));
      out[image.length + i] = 5000; // gain plane
    }
  };
}

function polarPositions(module: number): { r: Float32Array; phi: Float32Array } {
  const { x, y } = agipdPixelPositions(module);
  return { r: x.map((xi, i) => Math.hypot(xi, y[i])), phi: x.map((xi, i) => Math.atan2(y[i], xi)) };
}

function trainImage({ r, phi }: { r: Float32Array; phi: Float32Array }, radii: number[], toff: number): Float32Array {
  const scale = 1 + 0.01 * Math.sin(0.3 * toff); // the rings breathe with the train
  const image = new Float32Array(r.length);
  for (let i = 0; i < r.length; i++) {
    if (r[i] < 60) continue; // beam stop shadow
    let v = 4000 / (1 + (r[i] / 120) ** 2); // diffuse scattering
    for (let k = 0; k < radii.length; k++) {
      const d = (r[i] - radii[k] * scale) / (3 + k);
      if (Math.abs(d) < 4) v += (9000 / (1 + 0.5 * k)) * Math.exp(-0.5 * d * d) * (0.75 + 0.25 * Math.cos((k + 2) * phi[i]));
    }
    image[i] = v;
  }
  return image;
}

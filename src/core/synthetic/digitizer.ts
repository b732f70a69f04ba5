// A fast digitizer (ADC) as EuXFEL's spectrometers record through Karabo, e.g. the SA3 PES
// (docs 3.15.2): an output channel ('SA3_XTD10_PES/ADC/1:network') with one raw trace per
// channel per train in 'digitizers.channel_<board>_<letter>.raw.samples', int16 ADC counts.
// Photo-electrons arrive as negative-going pulses on a small negative baseline, at flight
// times (samples) that depend on the channel; noise and per-train amplitudes come from a seed.
import type { InstrumentKeySpec } from './euxfelFile';
import { trainOffsets, type DeviceBuilder } from './devices';

/** A photo-electron peak: centre and Gaussian width in samples, depth in ADC counts. */
export interface DigitizerPeak {
  sample: number;
  width: number;
  height: number;
}

export interface DigitizerOptions {
  /** Peaks by channel name ('1_A', '1_B', …), written in this order. */
  channels: Record<string, DigitizerPeak[]>;
  /** Samples per train and channel. */
  samples: number;
  /** ADC counts without signal; default -8 (the docs' PES traces sit near -8). */
  baseline?: number;
  /** Gaussian noise σ in ADC counts; default 2. */
  noise?: number;
  seed?: number;
  /** Scale of every peak in a train (e.g. the pulse energy relative to its mean); default 1. */
  amplitude?: (toff: number) => number;
  /** Which trains (by toff) have traces; default every train (a missed trigger has none). */
  hasTrace?: (toff: number) => boolean;
  gzip?: number;
}

/** 'digitizers.channel_1_A.raw.samples' for channel '1_A'. */
export function digitizerKey(channel: string): string {
  return `digitizers.channel_${channel}.raw.samples`;
}

/** A digitizer output channel such as 'SA3_XTD10_PES/ADC/1:network', one trace per channel and train. */
export function digitizer(name: string, opts: DigitizerOptions): DeviceBuilder {
  return (ctx) => {
    const all = trainOffsets(ctx);
    const counts = all.map((t) => Number(opts.hasTrace?.(t) ?? true));
    const toffs = all.filter((_, i) => counts[i]);
    const n = toffs.length;
    const keys: Record<string, InstrumentKeySpec> = {};
    Object.entries(opts.channels).forEach(([channel, peaks], c) => {
      const data = new Int16Array(n * opts.samples);
      toffs.forEach((toff, i) => digitizerTrace(opts, c, peaks, toff, data.subarray(i * opts.samples, (i + 1) * opts.samples)));
      // Index group 'digitizers': keys below it drop the group's name.
      keys[digitizerKey(channel).slice('digitizers.'.length)] = {
        value: { data, shape: [n, opts.samples], dtype: 'int16' }, gzip: opts.gzip ?? 1,
      };
    });
    return [{ kind: 'instrument', name, groups: { digitizers: { counts, keys } } }];
  };
}

/**
 * One channel's trace in one train: baseline, peaks scaled by the train's amplitude and a
 * ±20 % shot-to-shot factor, Gaussian noise. Depends only on (seed, channel, toff), so it
 * is the same whichever sequence file the train lands in.
 */
export function digitizerTrace(opts: DigitizerOptions, channel: number, peaks: DigitizerPeak[], toff: number, out: Int16Array): void {
  const rand = mulberry32(hash3(opts.seed ?? 0, channel, toff));
  const scale = opts.amplitude?.(toff) ?? 1;
  const depths = peaks.map((p) => p.height * scale * (0.8 + 0.4 * rand()));
  const baseline = opts.baseline ?? -8;
  const sigma = opts.noise ?? 2;
  const trace = new Float64Array(out.length);
  for (let s = 0; s < out.length; s++) trace[s] = baseline + sigma * gaussian(rand);
  peaks.forEach((p, k) => {
    // Beyond 8σ a peak adds less than 1e-13 of its depth: not worth an exp per sample.
    const lo = Math.max(0, Math.floor(p.sample - 8 * p.width));
    const hi = Math.min(out.length, Math.ceil(p.sample + 8 * p.width));
    for (let s = lo; s < hi; s++) trace[s] -= depths[k] * Math.exp(-(((s - p.sample) / p.width) ** 2) / 2);
  });
  for (let s = 0; s < out.length; s++) out[s] = Math.max(-32768, Math.min(32767, Math.round(trace[s])));
}

/** A small, fast seeded PRNG (uniform in [0, 1)). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash3(a: number, b: number, c: number): number {
  let h = 0x811c9dc5;
  for (const v of [a, b, c]) h = Math.imul(h ^ (v >>> 0), 0x01000193) ^ (h >>> 13);
  return h >>> 0;
}

/** Box–Muller: one standard normal value from two uniforms. */
function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

// Timing of one benchmark line: the median of n runs after warm-up, with every sample kept.

export interface Timing {
  median_ms: number;
  n: number;
  samples_ms: number[];
}

export type BenchResults = Record<string, Timing>;

export async function measure(fn: () => unknown, { n = 5, warmup = 1 } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return timingOf(samples);
}

export function timingOf(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median_ms: round(median), n: samples.length, samples_ms: samples.map(round) };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

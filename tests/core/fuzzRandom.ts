// Seeded randomness for the fuzz suites: the same cases on every run, so a failure can be replayed.

export type Rand = () => number;

/** mulberry32 */
export function rng(seed: number): Rand {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rand: Rand, n: number) => Math.floor(rand() * n);
export const pick = <T>(rand: Rand, xs: readonly T[]) => xs[int(rand, xs.length)];

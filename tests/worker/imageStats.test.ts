// Contrast limits from the fine histogram: percentiles within one bin of the sorted values'.
import { describe, expect, it } from 'vitest';
import { imageStats, percentile } from '../../src/worker/imageStats';

describe('imageStats', () => {
  const values = Float32Array.from({ length: 100_001 }, (_, i) => (i % 7 === 0 ? NaN : i));
  const stats = imageStats(values);
  const finite = Array.from(values).filter((v) => !Number.isNaN(v));

  it('counts finite values and NaN gaps', () => {
    expect(stats.nanCount).toBe(values.length - finite.length);
    expect([stats.min, stats.max]).toEqual([1, 100_000]);
    expect(stats.histogram.reduce((a, b) => a + b, 0)).toBe(finite.length);
  });

  it('gives percentiles to within one bin', () => {
    const bin = (stats.max - stats.min) / stats.fine.length;
    for (const p of [0, 1, 50, 99.5, 100]) {
      const exact = finite[Math.min(finite.length - 1, Math.floor((p / 100) * finite.length))];
      expect(Math.abs(percentile(stats, p) - exact)).toBeLessThanOrEqual(bin + 1);
    }
  });

  it('handles a constant image and an empty one', () => {
    expect(percentile(imageStats(new Float32Array(10).fill(3)), 50)).toBe(3);
    expect(percentile(imageStats(Float32Array.of(NaN, NaN)), 50)).toBe(0);
  });
});

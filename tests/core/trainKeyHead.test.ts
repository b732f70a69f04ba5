// A key's entry count (trainKeyCounts) and preview (trainKeyHead) for one train: the same scalar, shape and dtype as
// trainFromId gives, and its first values — read without the rest (a detector train may be
// hundreds of megabytes). Checked on every source and key of the oracle's runs, and on a
// synthetic run whose detector entries have shapes that cut the prefix on each axis.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HDF5File, RunDirectory, type DataCollection } from '../../src/core/index';
import { prefixSlab } from '../../src/core/data/trainData';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const N = 8;

function expectHeadOfFull(run: DataCollection, trainId: number): number {
  let data: Record<string, Record<string, unknown>>;
  try {
    [, data] = run.trainFromId(trainId);
  } catch (e) {
    // A broken INDEX: the keys it covers fail alike
    const failures = [...run.allSources].flatMap((s) => [...run.keysForSource(s)].map((k) => {
      try {
        run.trainKeyHead(s, k, trainId, N);
        return null;
      } catch (f) {
        return (f as Error).message;
      }
    })).filter(Boolean);
    expect(failures).toContain((e as Error).message);
    return failures.length;
  }
  let checked = 0;
  for (const source of run.allSources) {
    for (const key of run.keysForSource(source)) {
      const full = data[source][key] as Record<string, unknown> | undefined;
      const head = run.trainKeyHead(source, key, trainId, N) as Record<string, unknown> | null;
      const where = `${source} ${key} train ${trainId}`;
      expect(run.trainKeyCounts(source, trainId).get(key)! > 0, where).toBe(!!full);
      if (!full) {
        expect(head, where).toBeNull();
        continue;
      }
      expect(head, where).not.toBeNull();
      if ('value' in full) expect(head, where).toEqual(full);
      else {
        expect([head!.dtype, head!.shape], where).toEqual([full.dtype, full.shape]);
        expect(Array.from(head!.data as ArrayLike<unknown>), where).toEqual(Array.from(full.data as ArrayLike<unknown>).slice(0, N));
      }
      checked++;
    }
  }
  return checked;
}

describe.runIf(requireOracle())('trainKeyHead on the oracle runs', () => {
  const runs = readdirSync(FIXTURES).filter((d) => statSync(join(FIXTURES, d)).isDirectory() && !['geometry', 'broken-not-hdf5', 'broken-tids-not-increasing'].includes(d));

  it.each(runs)('%s: every key of three trains, as trainFromId gives it', async (name) => {
    const run = await RunDirectory(join(FIXTURES, name));
    let checked = 0;
    for (const t of [run.trainIds[0], run.trainIds[Math.floor(run.trainIds.length / 2)], run.trainIds.at(-1)!]) checked += expectHeadOfFull(run, t);
    expect(checked).toBeGreaterThan(0);
  });

  it('reads only the block holding the first values of a detector train', async () => {
    const run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'));
    const source = [...run.instrumentSources].find((s) => s.endsWith(':xtdf'))!;
    const trainId = run.trainIds.find((t) => run.trainKeyHead(source, 'image.pulseId', t, 1) !== null)!;
    const reads = vi.spyOn(HDF5File.prototype, 'read');
    try {
      const head = run.trainKeyHead(source, 'image.data', trainId, N) as { shape: number[] };
      const [, slab] = reads.mock.calls.at(-1)!;
      const values = slab!.reduce((n, [a, b]) => n * (b - a), 1);
      expect(values).toBeLessThanOrEqual(N * 16);
      expect(head.shape.reduce((a, b) => a * b, 1)).toBeGreaterThan(1000 * values);
    } finally {
      reads.mockRestore();
    }
  });
});

describe('prefixSlab', () => {
  it('cuts the innermost axis that holds n values, and keeps the axes inside it whole', () => {
    expect(prefixSlab([5, 16, 256, 256], 8, 100)).toEqual([[100, 101], [0, 1], [0, 1], [0, 8]]);
    expect(prefixSlab([5, 3, 2], 6, 0)).toEqual([[0, 1], [0, 3], [0, 2]]);
    expect(prefixSlab([5, 3, 2], 8, 0)).toEqual([[0, 2], [0, 3], [0, 2]]);
    expect(prefixSlab([4], 8, 7)).toEqual([[7, 11]]);
    expect(prefixSlab([1, 2, 1], 8, 0)).toEqual([[0, 1], [0, 2], [0, 1]]);
  });
});

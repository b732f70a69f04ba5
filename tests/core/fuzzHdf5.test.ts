// Fuzzing the HDF5 entry points: truncated, bit-flipped and overwritten copies of fixture
// files (in a temp dir), each opened in a worker thread with HDF5File, validateFile and
// RunDirectory, or with the LPD geometry-file reader. Every case must end in a result or an
// error naming the file, in bounded time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FIXTURES, requireOracle } from '../oracle/oracle';
import { IsolatedPool, IsolationError } from '../../src/core/validation/isolated';
import type { ProbeResult, StageOutcome } from './fuzzTasks';
import { int, rng, type Rand } from './fuzzRandom';

const have = requireOracle();

/**
 * Small files of each layout: 0.5 with the old first/last INDEX, an XTDF detector module,
 * and format 1.0 with control sources (slower: 292 datasets, so fewer cases).
 */
const SEEDS = [
  'old-index-firstlast/CORR-R0803-AGIPD07-S00000.h5',
  'fxe-lpd-run/RAW-R0450-LPD00-S00000.h5',
  'old-index-firstlast/CORR-R0803-AGIPD07-S00000.h5',
  'fxe-lpd-run/RAW-R0450-LPD00-S00000.h5',
  'format-1.0-run/RAW-R0005-DA01-S00000.h5',
];
const CASES = 300;
const GEOMETRY_CASES = 60;
const TIMEOUT_MS = 10_000;

type Mutation = { name: string; apply(bytes: Uint8Array, rand: Rand): Uint8Array };

/** Much of HDF5's structure (superblock, object headers, B-trees, heaps) sits in the first pages. */
const anyOffset = (bytes: Uint8Array, rand: Rand) => (rand() < 0.3 ? int(rand, Math.min(8192, bytes.length)) : int(rand, bytes.length));
const WORDS = [0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 10n ** 12n];

const MUTATIONS: Mutation[] = [
  { name: 'truncate', apply: (b, rand) => b.slice(0, rand() < 0.5 ? int(rand, 4096) : int(rand, b.length)) },
  {
    name: 'bit flips',
    apply: (b, rand) => {
      const out = b.slice();
      for (let i = 1 + int(rand, 8); i > 0; i--) out[anyOffset(out, rand)] ^= 1 << int(rand, 8);
      return out;
    },
  },
  {
    name: 'overwrite run',
    apply: (b, rand) => {
      const out = b.slice();
      const at = anyOffset(out, rand);
      const fill = [0x00, 0xff, int(rand, 256)][int(rand, 3)];
      out.fill(fill, at, at + 1 + int(rand, 64));
      return out;
    },
  },
  {
    // Structure intact, values wrong: train IDs, INDEX entries, shapes, addresses.
    name: 'overwrite words',
    apply: (b, rand) => {
      const out = b.slice();
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      for (let i = 1 + int(rand, 4); i > 0; i--) {
        const at = 8 * int(rand, Math.floor(out.length / 8));
        view.setBigUint64(at, rand() < 0.5 ? WORDS[int(rand, WORDS.length)] : BigInt(int(rand, 100_000)), true);
      }
      return out;
    },
  },
  { name: 'empty', apply: () => new Uint8Array(0) },
];

interface CaseResult {
  path: string;
  mutation: string;
  result: ProbeResult | null;
  isolated: string | null;
}

describe.skipIf(!have)('HDF5 fuzzing', () => {
  let tmp: string;
  let pool: IsolatedPool;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'xfel-fuzz-'));
    // RunDirectory keeps a run-map cache of its own: keep it out of the home folder.
    process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
    pool = new IsolatedPool({ tasksModule: new URL('./fuzzTasks.ts', import.meta.url), workers: 2, timeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Mutated copies of the seeds, one per folder (RunDirectory opens the folder). */
  function writeCases(prefix: string, seedPaths: string[], n: number, seed: number): Array<{ path: string; mutation: string }> {
    // Uint8Array copies: Buffer#slice would give views, and edits would pile up in the seeds.
    const seeds = seedPaths.map((s) => new Uint8Array(readFileSync(join(FIXTURES, s))));
    const rand = rng(seed);
    return Array.from({ length: n }, (_, i) => {
      const s = i % seedPaths.length;
      // The first case is the empty file; the others a random non-empty mutation
      const mutation = i === 0 ? MUTATIONS.at(-1)! : MUTATIONS[int(rand, MUTATIONS.length - 1)];
      const dir = join(tmp, `${prefix}-${String(i).padStart(3, '0')}`);
      mkdirSync(dir);
      const path = join(dir, basename(seedPaths[s]));
      writeFileSync(path, mutation.apply(seeds[s], rand));
      return { path, mutation: mutation.name };
    });
  }

  /** Runs a task on every case; a case whose worker timed out or died gives its IsolationError text. */
  function runAll<T>(task: string, cases: Array<{ path: string; mutation: string }>) {
    return Promise.all(cases.map(async ({ path, mutation }) => {
      try {
        return { path, mutation, result: await pool.run<T>(task, [path], path), isolated: null };
      } catch (e) {
        expect(e).toBeInstanceOf(IsolationError);
        return { path, mutation, result: null, isolated: (e as Error).message };
      }
    }));
  }

  it(`${CASES} mutated run files each end in a result or an error naming the file`, async () => {
    const started = performance.now();
    const results: CaseResult[] = await runAll<ProbeResult>('probe', writeCases('case', SEEDS, CASES, 20260124));
    const elapsed = performance.now() - started;

    const unclear: string[] = [];
    const tally: Record<string, number> = {};
    const count = (k: string) => void (tally[k] = (tally[k] ?? 0) + 1);
    for (const r of results) {
      const name = basename(r.path);
      const needsName = (stage: string, o: StageOutcome) => {
        count(`${stage} ${o.ok ? 'ok' : 'error'}`);
        if (o.ok || o.message.includes(name)) return;
        unclear.push(`${r.path} [${r.mutation}] ${stage}: ${o.message.split('\n')[0]}`);
      };
      if (r.result) {
        needsName('HDF5File', r.result.h5);
        needsName('RunDirectory', r.result.run);
        if (!r.result.validate.checks.length) count('validateFile clean');
        for (const check of r.result.validate.checks) count(`validateFile ${check}`);
        unclear.push(...r.result.validate.unclear.map((u) => `${r.path} [${r.mutation}] validateFile: ${u}`));
      } else {
        count('worker stopped and replaced');
        if (!r.isolated!.includes(name)) unclear.push(`${r.path}: ${r.isolated}`);
      }
    }
    console.log(`HDF5 fuzz: ${CASES} cases in ${(elapsed / 1000).toFixed(1)} s, `
      + `${pool.replaced} workers replaced; ${JSON.stringify(tally)}`);
    expect(unclear).toEqual([]);
  }, 120_000);

  it(`${GEOMETRY_CASES} mutated geometry files each end in a model or an error naming the file`, async () => {
    const started = performance.now();
    const results = await runAll<StageOutcome>('probeGeometryH5', writeCases('geom', ['geometry/lpd_mar_18.h5'], GEOMETRY_CASES, 7));
    const tally: Record<string, number> = {};
    const unclear: string[] = [];
    for (const r of results) {
      const outcome = r.result ? (r.result.ok ? 'model' : 'error') : 'worker stopped and replaced';
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      const message = r.result ? (r.result.ok ? null : r.result.message) : r.isolated;
      if (message && !message.includes('lpd_mar_18.h5')) unclear.push(`${r.path} [${r.mutation}]: ${message}`);
    }
    console.log(`geometry .h5 fuzz: ${GEOMETRY_CASES} cases in ${((performance.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify(tally)}`);
    expect(unclear).toEqual([]);
  }, 60_000);
});

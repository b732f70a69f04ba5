// Fuzzing the CrystFEL .geom reader with mutated copies of real geometry files: every case
// must end in a model or an error that names a line (or the module/tile nothing covers).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, requireOracle } from '../oracle/oracle';
import { AGIPD_1MGeometry } from '../../src/core';
import { int, pick, rng, type Rand } from './fuzzRandom';

const have = requireOracle();

const FILES = ['agipd_spb_real.geom', 'agipd_spb_real_dimsfirst.geom'];
const CASES = 2000;

const BAD_VALUES = ['', 'abc', 'NaN', 'inf', '1e400', '-1', '0', '1x +2y', '+0.5z', '%', 'ss', 'fs', '9999999999', '0x', '1,2', '= ='];
const GARBAGE = ['=', '/', ';', '%', ' ', '\t', '\0', 'é', '\u202e', 'x', '0', '-', '.', 'p0a0/'];

/** Line-level edits: the shapes of mistakes found in hand-edited .geom files. */
const MUTATIONS: Array<{ name: string; apply(lines: string[], rand: Rand): void }> = [
  { name: 'delete line', apply: (l, r) => void l.splice(int(r, l.length), 1) },
  { name: 'duplicate line', apply: (l, r) => { const i = int(r, l.length); l.splice(i, 0, l[i]); } },
  { name: 'swap lines', apply: (l, r) => { const i = int(r, l.length); const j = int(r, l.length); [l[i], l[j]] = [l[j], l[i]]; } },
  {
    name: 'bad value',
    apply: (l, r) => {
      const i = int(r, l.length);
      const eq = l[i].indexOf('=');
      if (eq >= 0) l[i] = `${l[i].slice(0, eq + 1)} ${pick(r, BAD_VALUES)}`;
    },
  },
  { name: 'drop =', apply: (l, r) => { const i = int(r, l.length); l[i] = l[i].replace('=', ' '); } },
  {
    name: 'insert garbage',
    apply: (l, r) => {
      const i = int(r, l.length);
      const at = int(r, l[i].length + 1);
      l[i] = l[i].slice(0, at) + pick(r, GARBAGE) + l[i].slice(at);
    },
  },
  { name: 'truncate', apply: (l, r) => void l.splice(int(r, l.length)) },
];

type Outcome = 'model' | 'model with non-finite values' | 'error naming a line' | 'error naming the missing panel';

function classify(text: string): Outcome {
  try {
    const geom = AGIPD_1MGeometry.fromCrystfelGeom(text, 'fuzz.geom');
    const finite = geom.modules.flat().every((t) => [...t.cornerPos, ...t.ssVec, ...t.fsVec].every(Number.isFinite));
    return finite ? 'model' : 'model with non-finite values';
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/^line \d+: \S/.test(msg)) return 'error naming a line';
    if (/^No panel in the \.geom covers module \d+ tile \d+/.test(msg)) return 'error naming the missing panel';
    throw new Error(`unclear outcome: ${e instanceof Error ? `${e.name}: ${e.message}` : msg}`);
  }
}

describe.skipIf(!have)('CrystFEL .geom fuzzing', () => {
  it(`${CASES} mutated .geom texts each end in a model or an error naming a line`, () => {
    const sources = FILES.map((f) => readFileSync(join(FIXTURES, 'geometry', f), 'utf8').split('\n'));
    const rand = rng(5);
    const tally: Record<string, number> = {};
    const unclear: string[] = [];
    let slowest = 0;
    const started = performance.now();
    for (let i = 0; i < CASES; i++) {
      const lines = [...sources[i % sources.length]];
      const applied: string[] = [];
      for (let n = 1 + int(rand, 3); n > 0; n--) {
        const m = pick(rand, MUTATIONS);
        m.apply(lines, rand);
        applied.push(m.name);
      }
      const t = performance.now();
      try {
        const outcome = classify(lines.join('\n'));
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      } catch (e) {
        unclear.push(`case ${i} (${applied.join(', ')}): ${(e as Error).message}`);
      }
      slowest = Math.max(slowest, performance.now() - t);
    }
    const elapsed = performance.now() - started;
    console.log(`.geom fuzz: ${CASES} cases in ${(elapsed / 1000).toFixed(1)} s, slowest ${slowest.toFixed(0)} ms; ${JSON.stringify(tally)}`);
    expect(unclear.slice(0, 20)).toEqual([]);
    expect(slowest).toBeLessThan(2000);
  });
});

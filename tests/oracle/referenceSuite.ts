// Runs every reference call of one question for every case that has it, against our API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { H5File, RunDirectory, type DataCollection } from '../../src/core/index';
import { matchesKaraboData07 } from './karaboData07Cases';
import { casesWith, fixturePathFor, loadRef, REFS_KD07, requireOracle, type RefCase } from './oracle';
import { evaluateCall } from './translate';

// Our run-map cache goes to a temporary folder, not the user's home
process.env.XFEL_RUN_VIEWER_CACHE ??= mkdtempSync(join(tmpdir(), 'xrv-cache-'));

export type Check = (ours: unknown, ref: RefCase, caseName: string) => Promise<string[]> | string[];

export function openCase(caseName: string): Promise<DataCollection> {
  const { kind, path } = fixturePathFor(caseName);
  return kind === 'run' ? RunDirectory(path) : H5File(path);
}

/** The case to match: 1.24's, or 0.7's for the calls listed in karaboData07Cases.ts. */
function expected(caseName: string, question: string, c: RefCase): RefCase {
  if (!c.error || !matchesKaraboData07(caseName, c.call)) return c;
  const kd = loadRef(caseName, question, REFS_KD07).cases.find((k) => k.call === c.call);
  if (!kd || kd.error) throw new Error(`karabo_data 0.7 has no result for ${caseName}: ${c.call}`);
  return kd;
}

export function referenceSuite(question: string, check: Check, call: (c: RefCase, run: () => Promise<DataCollection>) => Promise<unknown> = (c, run) => evaluateCall(c.call, run)) {
  const have = requireOracle();
  describe.skipIf(!have)(`EXtra-data 1.24 references: ${question}`, () => {
    for (const caseName of casesWith(question)) {
      const cases = loadRef(caseName, question).cases;
      if (!cases.length) continue;
      describe(caseName, () => {
        let opened: Promise<DataCollection> | undefined;
        const run = () => (opened ??= openCase(caseName));
        for (const c of cases) {
          it(c.call, async () => {
            const want = expected(caseName, question, c);
            if (want.error) {
              await expect(Promise.resolve().then(() => call(want, run))).rejects.toThrow();
              return;
            }
            const ours = await call(want, run);
            expect(await check(ours, want, caseName)).toEqual([]);
          });
        }
      });
    }
  });
}

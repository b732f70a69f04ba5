// EXtra-data 1.24's validation references: RunValidator (fresh, and with a run-map cache
// present), FileValidator per file, and the CLI text and exit code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { casesWith, FIXTURES, loadRef, requireOracle } from './oracle';
import { validateFile, validateRun, type Problem } from '../../src/core';
import { IsolatedPool } from '../../src/core/validation/isolated';
import { main } from '../../src/cli/validate';
import { runMapEntry } from '../core/validationHelpers';

const have = requireOracle();
const cases = casesWith('validation');

/** The references are compared as sets of {msg, dataset, file basename}. */
function problemKeys(problems: Array<{ msg: string; dataset?: string; file?: string }>): string[] {
  return problems.map((p) => `${p.msg} | ${p.dataset ?? ''} | ${p.file ? basename(p.file) : ''}`).sort();
}

function refCall(caseName: string, prefix: string) {
  const c = loadRef(caseName, 'validation').cases.find((x) => x.call.startsWith(prefix));
  if (!c) throw new Error(`${caseName}: no reference call starting with ${prefix}`);
  return c;
}

/** The run-map cache EXtra-data's RunDirectory() writes, for a copy of a run. */
async function writeRunMapCache(dir: string): Promise<void> {
  const names = readdirSync(dir).filter((n) => n.endsWith('.h5')).sort();
  const entries = (await Promise.all(names.map((n) => runMapEntry(join(dir, n))))).filter(Boolean);
  writeFileSync(join(dir, 'karabo_data_map.json'), JSON.stringify(entries, null, 2));
}

/** CLI stdout split into its header parts and a sorted list of problem blocks. */
function cliParts(stdout: string): { head: string[]; blocks: string[] } {
  const parts = stdout.split('\n\n');
  const cut = parts.findIndex((p, i) => i > 0 && !p.startsWith('\n') && !p.startsWith('Checking'));
  return cut < 0 ? { head: parts, blocks: [] } : { head: parts.slice(0, cut), blocks: parts.slice(cut).map((b) => b.trimEnd()).sort() };
}

describe.skipIf(!have)('validation references (EXtra-data 1.24)', () => {
  let tmp: string;
  let pool: IsolatedPool;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'xfel-validation-oracle-'));
    pool = new IsolatedPool({ workers: 2 });
  });
  afterAll(async () => {
    await pool.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('has references to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  describe.each(cases)('%s', (caseName) => {
    const dir = join(FIXTURES, caseName);

    it('RunValidator on a fresh copy', async () => {
      const ref = refCall(caseName, 'RunValidator(fresh/');
      expect(problemKeys(await validateRun(dir))).toEqual(problemKeys(ref.result));
    });

    it('RunValidator after the run-map cache was written', async () => {
      const ref = refCall(caseName, `RunValidator(${caseName})`);
      const copy = join(tmp, caseName);
      cpSync(dir, copy, { recursive: true });
      await writeRunMapCache(copy);
      expect(problemKeys(await validateRun(copy))).toEqual(problemKeys(ref.result));
    });

    it('FileValidator on each file', async () => {
      const refs = loadRef(caseName, 'validation').cases.filter((c) => c.call.startsWith('FileValidator('));
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const name = ref.call.match(/\/([^/)]+\.h5)\)/)![1];
        const problems: Problem[] = await validateFile(join(dir, name));
        if (ref.error) {
          // EXtra-data raises; we report the file as one problem carrying the same message.
          expect(problems).toHaveLength(1);
          expect(problems[0]).toMatchObject({ msg: 'Could not open HDF5 file', error: ref.error.message });
        } else {
          expect(problemKeys(problems), name).toEqual(problemKeys(ref.result));
        }
      }
    });

    it('CLI text and exit code', async () => {
      const ref = refCall(caseName, 'validation.main(');
      let stdout = '';
      const code = await main([dir], { out: (t) => void (stdout += t), err: () => {} }, pool);
      const ours = cliParts(stdout.replaceAll(`${FIXTURES}/`, 'fresh/'));
      const theirs = cliParts(ref.stdout!);
      expect(ours.head).toEqual(theirs.head);
      expect(ours.blocks).toEqual(theirs.blocks);
      expect(code).toBe(ref.result ?? 0);
    });
  });
});

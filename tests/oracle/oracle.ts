// Where the reference runs and EXtra-data's outputs live, and one clear line when they don't.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const ORACLE = join(SHARED, 'oracle');
export const FIXTURES = join(ORACLE, 'fixtures');
export const REFS = join(ORACLE, 'refs', 'extra_data-1.24.0');
export const REFS_KD07 = join(ORACLE, 'refs', 'karabo_data-0.7.0');

export const haveOracle = existsSync(REFS);

let warned = false;
/** Call at the top of every oracle test file: skips loudly, and fails under CI. */
export function requireOracle(): boolean {
  if (haveOracle) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but no ../shared/oracle at ${ORACLE}`);
  if (!warned) console.warn('skipped: no ../shared/oracle (oracle tests not run)');
  warned = true;
  return false;
}

export interface RefCase {
  call: string;
  result: any;
  error: null | { type: string; message: string };
  stdout?: string;
  stderr?: string;
  warnings?: string[];
}

export interface RefFile {
  case: string;
  question: string;
  cases: RefCase[];
}

/** Every case folder that has a reference for this question. */
export function casesWith(question: string, refs = REFS): string[] {
  if (!existsSync(refs)) return [];
  return readdirSync(refs)
    .filter((c) => existsSync(join(refs, c, `${question}.json`)))
    .sort();
}

export function loadRef(caseName: string, question: string, refs = REFS): RefFile {
  return JSON.parse(readFileSync(join(refs, caseName, `${question}.json`), 'utf8'));
}

/** `run` in the references: RunDirectory(<case>) or, for single-file cases, H5File. */
export function fixturePathFor(caseName: string): { kind: 'run' | 'file'; path: string } {
  if (caseName === 'single-file') return { kind: 'file', path: join(FIXTURES, 'single-file', 'RAW-R0099-DA01-S00000.h5') };
  const m = caseName.match(/^(.*)--h5file$/);
  if (m) {
    const dir = join(FIXTURES, m[1]);
    const f = readdirSync(dir).filter((n) => n.endsWith('.h5'))[0];
    return { kind: 'file', path: join(dir, f) };
  }
  return { kind: 'run', path: join(FIXTURES, caseName) };
}

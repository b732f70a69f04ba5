// What each fuzz case does inside a worker thread: open the mutated file with every
// entry point (HDF5File, validateFile, RunDirectory) and report each one's outcome.
import { dirname } from 'node:path';
import { HDF5File } from '../../src/core/h5/h5File';
import { product } from '../../src/core/h5/dtypes';
import { validateFile } from '../../src/core/validation/validate';
import { RunDirectory } from '../../src/core/data/open';

export type StageOutcome = { ok: true; detail: string } | { ok: false; message: string };

export interface ProbeResult {
  h5: StageOutcome;
  /** validateFile never throws: its outcome is its problems. */
  validate: { problems: number; unclear: string[] };
  run: StageOutcome;
}

/** Reading at most this many bytes per dataset keeps a claimed-huge shape from exhausting memory. */
const MAX_READ_BYTES = 16 << 20;
/** Besides INDEX and METADATA, read the start of this many datasets (decompression is the slow part). */
const MAX_DATA_READS = 8;

async function stage(fn: () => Promise<string>): Promise<StageOutcome> {
  try {
    return { ok: true, detail: await fn() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Walks every group, describes every dataset and reads the first rows of some. */
async function walkAndRead(path: string): Promise<string> {
  const f = await HDF5File.open(path);
  try {
    let datasets = 0;
    let dataReads = 0;
    const walk = (group: string) => {
      for (const k of f.keys(group)) {
        const p = group === '/' ? k : `${group}/${k}`;
        const kind = f.kind(p);
        if (kind === 'group') walk(p);
        if (kind !== 'dataset') continue;
        datasets++;
        const { shape } = f.info(p);
        const rows = Math.min(shape[0] ?? 1, 4);
        const small = product([rows, ...shape.slice(1)]) * 8 <= MAX_READ_BYTES;
        const wanted = /^(INDEX|METADATA)\//.test(p) || dataReads++ < MAX_DATA_READS;
        if (small && wanted) f.read(p, shape.length ? [[0, rows]] : undefined);
      }
    };
    walk('/');
    return `${datasets} datasets`;
  } finally {
    f.close();
  }
}

/** Problems that fail to say which file they are about, or carry a multi-line error. */
function unclearProblems(problems: Awaited<ReturnType<typeof validateFile>>, path: string): string[] {
  return problems
    .filter((p) => (p.file !== path && p.directory !== dirname(path)) || p.error?.includes('\n'))
    .map((p) => JSON.stringify(p));
}

export async function probe(path: string): Promise<ProbeResult> {
  const h5 = await stage(() => walkAndRead(path));
  const problems = await validateFile(path);
  const run = await stage(async () => {
    const run = await RunDirectory(dirname(path));
    const sources = [...run.allSources];
    for (const source of sources.slice(0, 4)) {
      const [key] = run.keysForSource(source);
      if (key) run.getDataCounts(source, key);
    }
    return `${sources.length} sources`;
  });
  return { h5, validate: { problems: problems.length, unclear: unclearProblems(problems, path) }, run };
}

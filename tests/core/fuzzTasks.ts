// What each fuzz case does inside a worker thread: open the mutated file with every
// entry point (HDF5File, validateFile, RunDirectory; or the geometry-file reader) and
// report each one's outcome.
import { dirname } from 'node:path';
import { HDF5File } from '../../src/core/h5/h5File';
import { product } from '../../src/core/h5/dtypes';
import { validateFile } from '../../src/core/validation/validate';
import { RunDirectory } from '../../src/core/data/open';
import { LPD_1MGeometry } from '../../src/core/geometry/lpd';

export type StageOutcome = { ok: true; detail: string } | { ok: false; message: string };

export interface ProbeResult {
  h5: StageOutcome;
  /** validateFile never throws: its outcome is its problems. */
  validate: { checks: string[]; unclear: string[] };
  run: StageOutcome;
}

const MAX_READ_BYTES = 16 << 20;
/** Besides INDEX and METADATA, read the start of this many datasets (info() and decompression are the slow parts). */
const MAX_DATA_READS = 8;

async function stage(fn: () => Promise<string>): Promise<StageOutcome> {
  try {
    return { ok: true, detail: await fn() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Walks every group, then describes and reads the first rows of INDEX, METADATA and a few other datasets. */
async function walkAndRead(path: string): Promise<string> {
  const f = await HDF5File.open(path);
  try {
    const datasets: string[] = [];
    const walk = (group: string) => {
      for (const k of f.keys(group)) {
        const p = group === '/' ? k : `${group}/${k}`;
        const kind = f.kind(p);
        if (kind === 'group') walk(p);
        else if (kind === 'dataset') datasets.push(p);
      }
    };
    walk('/');
    const others = datasets.filter((p) => !/^(INDEX|METADATA)\//.test(p));
    const wanted = [...datasets.filter((p) => /^(INDEX|METADATA)\//.test(p)), ...others.slice(0, MAX_DATA_READS)];
    for (const p of wanted) {
      const { shape } = f.info(p);
      const rows = Math.min(shape[0] ?? 1, 4);
      // Skip a claimed-huge shape rather than exhaust memory
      if (product([rows, ...shape.slice(1)]) * 8 <= MAX_READ_BYTES) f.read(p, shape.length ? [[0, rows]] : undefined);
    }
    return `${datasets.length} datasets`;
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
  const checks = [...new Set(problems.map((p) => p.check))];
  return { h5, validate: { checks, unclear: unclearProblems(problems, path) }, run };
}

/** The EuXFEL geometry-file entry point (LPD quadrant positions of the oracle's geom-lpd-h5 case). */
export async function probeGeometryH5(path: string): Promise<StageOutcome> {
  return stage(async () => {
    const geom = await LPD_1MGeometry.fromH5FileAndQuadPositions(path, [[11.4, 299], [-11.5, 8], [254.5, -16], [278.5, 275]]);
    return `${geom.modules.length} modules`;
  });
}

// xfel-validate PATH: checks a run folder or one file, like EXtra-data's
// `extra-data-validate`; exit code 1 when there are problems, 0 otherwise.
// Each file is opened in a worker thread, so a file that hangs or crashes HDF5 is
// reported as a problem of that file and the others are still checked.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IsolatedPool, isolatedFileChecker } from '../core/validation/isolated';
import { validateRun, validationCheckNames, type FileResult } from '../core/validation/validate';
import { formatOutcome, formatProblems } from '../core/validation/format';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress then rewrites its lines). */
  errIsTTY?: boolean;
}

const USAGE = `usage: xfel-validate [-h] [-l] [--skip SKIP] path

Check a EuXFEL run folder or HDF5 file.

options:
  -l, --list   List available checks (options for --skip)
  --skip SKIP  Skip a named check (may be used several times)
`;

/** `pool`: workers to use (tests share one); by default a pool is started and closed here. */
export async function main(argv: string[], io: CliIO = processIO(), pool?: IsolatedPool): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { list: { type: 'boolean', short: 'l' }, skip: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.err(`${USAGE}\n${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) return io.out(USAGE), 0;
  if (values.list) return io.out(`Available checks:\n${validationCheckNames().map((n) => `  ${n}\n`).join('')}`), 0;
  if (positionals.length !== 1) return io.err(`${USAGE}\nexpected exactly one path\n`), 2;

  const skip = values.skip ?? [];
  const unknown = skip.filter((s) => !validationCheckNames().includes(s)).sort();
  if (unknown.length) return io.out(`Unknown names passed to --skip: ${unknown.join(', ')}\n`), 1;

  const path = positionals[0];
  const workers = pool ?? new IsolatedPool();
  try {
    return await (isDirectory(path) ? checkRunDirectory(path, skip, workers, io) : checkOneFile(path, skip, workers, io));
  } catch (e) {
    // e.g. a folder we may not list: one clear line rather than a stack trace
    io.err(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    if (!pool) await workers.close();
  }
}

async function checkRunDirectory(path: string, skip: string[], pool: IsolatedPool, io: CliIO): Promise<number> {
  io.out(`Checking run directory: ${path}\n\n`);
  const progress = progressReporter(io);
  const problems = await validateRun(path, { skip, checkFile: isolatedFileChecker(pool), onFile: progress });
  io.out(`\n${formatOutcome(problems)}`);
  return problems.length ? 1 : 0;
}

async function checkOneFile(path: string, skip: string[], pool: IsolatedPool, io: CliIO): Promise<number> {
  io.out(`Checking file: ${path}\n`);
  const { summary, problems } = await isolatedFileChecker(pool)(path, { skip });
  if (!summary) {
    // Not openable: EXtra-data prints the problem without the "Validation failed!" header
    io.out(`${formatProblems(problems)}\n`);
    return 1;
  }
  io.out(`\n${formatOutcome(problems)}`);
  return problems.length ? 1 : 0;
}

/** EXtra-data's progress lines on stderr: a bar, then the problems so far and the last bad file. */
function progressReporter(io: CliIO): (done: number, total: number, result: FileResult, name: string) => void {
  let nProblems = 0;
  const badFiles: string[] = [];
  return (done, total, result, name) => {
    nProblems += result.problems.length;
    if (result.problems.length) badFiles.push(name);
    const filled = Math.floor((50 * done) / total);
    let text = `Progress: ${done}/${total} [${'#'.repeat(filled)}${' '.repeat(50 - filled)}]\n${nProblems} problems`;
    if (badFiles.length) text += ` in ${badFiles.length} files (last: ${badFiles.at(-1)})`;
    io.err(io.errIsTTY ? `\x1b[2K\x1b[1A\x1b[2K\r${text}` : `${text}\n`);
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    errIsTTY: process.stderr.isTTY,
  };
}

// Run when started as the CLI (npm run validate, or bin/xfel-validate.mjs), not when imported by tests.
if (/(validate\.ts|xfel-validate(\.mjs)?)$/.test(process.argv[1] ?? '')) {
  process.exitCode = await main(process.argv.slice(2));
}

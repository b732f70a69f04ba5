// validateFile / validateRun: EXtra-data's FileValidator and RunValidator.
import { sourceName, type H5Source } from '../h5/h5File';
import { DataFile, type FileSummary } from './dataFile';
import { errorText } from './hdf5Message';
import { problem, type Problem, type ValidationOptions } from './problem';
import { fileChecks, runChecks } from './registry';
import { listRun, type RunListing } from './runListing';
import './fileChecks';
import './runChecks';

/** What checking one file gives: its problems, and its contents for run-wide checks. */
export interface FileResult {
  summary: FileSummary | null;
  problems: Problem[];
}

export type FileChecker = (src: H5Source, options: ValidationOptions) => Promise<FileResult>;

export interface RunValidationOptions extends ValidationOptions {
  /** How each file is checked: in this thread by default; `isolated.ts` uses worker threads. */
  checkFile?: FileChecker;
  /** Called as each file is done, for progress displays. */
  onFile?: (done: number, total: number, result: FileResult, name: string) => void;
}

/** Every check name `skip` accepts, file checks first. */
export function validationCheckNames(): string[] {
  return [...fileChecks.keys(), ...runChecks.keys()];
}

/** Opens a file and runs the file checks; a file that won't open is one problem. */
export async function checkFile(src: H5Source, options: ValidationOptions = {}): Promise<FileResult> {
  let file: DataFile;
  try {
    file = await DataFile.open(src);
  } catch (e) {
    return { summary: null, problems: [await openProblem(src, e)] };
  }
  try {
    return { summary: file.summary(), problems: runFileChecks(file, new Set(options.skip)) };
  } finally {
    file.close();
  }
}

export async function validateFile(src: H5Source, options: ValidationOptions = {}): Promise<Problem[]> {
  return (await checkFile(src, options)).problems;
}

/** Validates every `.h5` file of a run folder (a path, or the browser's picked files). */
export async function validateRun(input: string | readonly File[], options: RunValidationOptions = {}): Promise<Problem[]> {
  const run = await listRun(input);
  const check = options.checkFile ?? checkFile;
  let done = 0;
  const results = await Promise.all(run.files.map(async (f) => {
    const result = await check(f.src, options);
    options.onFile?.(++done, run.files.length, result, f.name);
    return result;
  }));
  const problems = results.flatMap((r) => r.problems);
  const summaries = results.flatMap((r) => (r.summary ? [r.summary] : []));
  if (summaries.length === 0) problems.push(problem('run_files', 'No usable files found', { directory: run.directory }));
  problems.push(...await runRunChecks(run, summaries, new Set(options.skip)));
  return problems;
}

function runFileChecks(file: DataFile, skip: Set<string>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, check] of fileChecks) {
    if (skip.has(name)) continue;
    try {
      for (const found of check(file)) problems.push({ check: name, ...found, file: file.file });
    } catch (e) {
      // Malformed beyond what the check can describe: say so and let the other checks run.
      problems.push(problem(name, 'Could not complete check', { file: file.file, error: errorText(e) }));
    }
  }
  return problems;
}

async function runRunChecks(run: RunListing, files: FileSummary[], skip: Set<string>): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [name, check] of runChecks) {
    if (skip.has(name)) continue;
    try {
      for (const found of await check(run, files)) problems.push({ check: name, ...found });
    } catch (e) {
      problems.push(problem(name, 'Could not complete check', { directory: run.directory, error: errorText(e) }));
    }
  }
  return problems;
}

/**
 * "Could not open HDF5 file", unless the bytes can't be read at all (a file system
 * problem, where HDF5's message would mislead): then "Could not access file".
 */
async function openProblem(src: H5Source, e: unknown): Promise<Problem> {
  const file = sourceName(src);
  const accessError = await unreadable(src);
  return accessError
    ? problem('open_file', 'Could not access file', { file, error: accessError })
    : problem('open_file', 'Could not open HDF5 file', { file, error: errorText(e) });
}

async function unreadable(src: H5Source): Promise<string | null> {
  try {
    if (typeof src === 'string') {
      const fsSpecifier = 'node:fs/promises';
      const fs: typeof import('node:fs/promises') = await import(/* @vite-ignore */ fsSpecifier);
      const handle = await fs.open(src, 'r');
      try {
        await handle.read(new Uint8Array(16), 0, 16, 0);
      } finally {
        await handle.close();
      }
    } else {
      await src.slice(0, 16).arrayBuffer();
    }
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// lsxfel: summarise EuXFEL runs, files and proposal folders, with the same text as
// EXtra-data 1.24's `lsxfel` (run directory, single file, several files, proposal).
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { H5File, RunDirectory } from '../core/index';

export interface LsxfelIO {
  out(text: string): void;
  err(text: string): void;
}

const processIO: LsxfelIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const DETECTOR_FILE = /^(AGIPD|DSSC|LPD|JNGFR)\d+$/;
const RUN_FOLDER = /^r\d+/;

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

async function describeRun(path: string, io: LsxfelIO): Promise<void> {
  io.out(`${basename(resolve(path))} : Run directory\n\n`);
  const run = await RunDirectory(path);
  for (const w of run.warnings) io.err(`${w}\n`);
  io.out(run.info());
}

async function describeFile(path: string, io: LsxfelIO): Promise<void> {
  io.out(`${basename(path)} : Data file\n\n`);
  io.out((await H5File(path)).info());
}

async function summariseFile(path: string, io: LsxfelIO): Promise<void> {
  io.out(`${basename(path)} : Data file\n`);
  const f = await H5File(path);
  io.out(`  ${f.trainIds.length} trains, ${f.allSources.size} sources\n`);
}

/** One line per run; trains counted from the shortest set of sequence files, as EXtra-data does. */
async function summariseRun(path: string, io: LsxfelIO, indent = ''): Promise<void> {
  const sequences = new Map<string, string[]>();
  let nDetector = 0;
  let nOther = 0;
  for (const f of readdirSync(path).sort()) {
    const m = /^(.+)-S\d+\.h5$/.exec(f);
    if (!m) continue;
    if (!sequences.has(m[1])) sequences.set(m[1], []);
    sequences.get(m[1])!.push(f);
    if (DETECTOR_FILE.test(f.split('-')[2] ?? '')) nDetector++;
    else nOther++;
  }
  if (!sequences.size) throw new Error(`No data files recognised in ${path}`);
  const shortest = [...sequences.values()].reduce((a, b) => (b.length < a.length ? b : a));
  const trainIds = new Set<number>();
  for (const f of shortest) for (const t of (await H5File(join(path, f))).trainIds) trainIds.add(t);
  const pad = (n: number, w: number) => String(n).padStart(w);
  io.out(`${indent}${basename(path)} : Run of ${pad(trainIds.size, 4)} trains, with ${pad(nDetector, 3)} detector files and ${pad(nOther, 3)} others\n`);
}

async function describeProposal(path: string, contents: string[], io: LsxfelIO): Promise<void> {
  const name = basename(resolve(path));
  if (contents.some((f) => RUN_FOLDER.test(f))) {
    io.out(`${name} : Proposal data directory\n\n`);
    for (const f of contents) if (RUN_FOLDER.test(f) && isDir(join(path, f))) await summariseRun(join(path, f), io, '  ');
    return;
  }
  io.out(`${name} : Proposal directory\n\n${name}/raw/\n`);
  for (const f of readdirSync(join(path, 'raw')).sort()) {
    if (RUN_FOLDER.test(f) && isDir(join(path, 'raw', f))) await summariseRun(join(path, 'raw', f), io, '  ');
  }
}

async function describeOne(path: string, io: LsxfelIO): Promise<number> {
  if (isDir(path)) {
    const contents = readdirSync(path).sort();
    if (contents.some((f) => f.endsWith('.h5'))) await describeRun(path, io);
    else if (contents.some((f) => RUN_FOLDER.test(f)) || isDir(join(path, 'raw'))) await describeProposal(path, contents, io);
    else io.out(`${basename(resolve(path))} : Unrecognised directory\n`);
    return 0;
  }
  if (isFile(path)) {
    if (!path.endsWith('.h5')) {
      io.out(`${basename(path)} : Unrecognised file\n`);
      return 2;
    }
    await describeFile(path, io);
    return 0;
  }
  io.out(`${path} : File/folder not found\n`);
  return 2;
}

async function summariseMany(paths: string[], io: LsxfelIO): Promise<number> {
  let code = 0;
  for (const path of paths) {
    if (isDir(path)) {
      const contents = readdirSync(path).sort();
      if (contents.some((f) => f.endsWith('.h5'))) await summariseRun(path, io);
      else if (contents.some((f) => RUN_FOLDER.test(f))) await describeProposal(path, contents, io);
      else {
        io.out(`${basename(path)} : Unrecognised directory\n`);
        code = 2;
      }
    } else if (isFile(path) && path.endsWith('.h5')) {
      await summariseFile(path, io);
    } else {
      io.out(isFile(path) ? `${basename(path)} : Unrecognised file\n` : `${path} : File/folder not found\n`);
      code = 2;
    }
  }
  return code;
}

export async function main(argv: string[], io: LsxfelIO = processIO): Promise<number> {
  const paths = argv.filter((a) => !a.startsWith('-'));
  if (argv.includes('-h') || argv.includes('--help')) {
    io.out('usage: lsxfel [PATH ...]\nSummarise XFEL data in files or folders (run, file, several files, proposal).\n');
    return 0;
  }
  try {
    return paths.length <= 1 ? await describeOne(paths[0] ?? process.cwd(), io) : await summariseMany(paths, io);
  } catch (e) {
    io.err(`lsxfel: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (/(lsxfel\.ts|lsxfel(\.mjs)?)$/.test(process.argv[1] ?? '')) {
  process.exitCode = await main(process.argv.slice(2));
}

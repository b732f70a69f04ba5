// write RUN OUT.h5 [--source GLOB] [--key GLOB] [--trains START:STOP]: copies a selection of
// a run (or file) into one new EuXFEL file (DataCollection.write, docs 3.1.6). Never into
// the run's own folder.
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { H5File, RunDirectory } from '../core/data/open';
import { byId } from '../core/data/trainSelectors';
import { writeCollection } from '../core/writing/writeCollection';

const USAGE = `usage: write [-h] [--source GLOB] [--key GLOB] [--trains START:STOP] run output

Write selected data of a EuXFEL run folder or file to a new HDF5 file.

options:
  --source GLOB        Only sources matching this glob (default '*')
  --key GLOB           Only keys matching this glob in those sources (default '*')
  --trains START:STOP  Train IDs from START up to, not including, STOP (either may be left out)
`;

/** 'START:STOP' → a by-ID train slice; null when malformed. */
export function parseTrainRange(text: string): ReturnType<typeof byId.slice> | null {
  const m = /^(\d*):(\d*)$/.exec(text.trim());
  if (!m) return null;
  return byId.slice(m[1] ? Number(m[1]) : null, m[2] ? Number(m[2]) : null);
}

export async function main(argv: string[], out: (t: string) => void = (t) => process.stdout.write(t), err: (t: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        source: { type: 'string', default: '*' }, key: { type: 'string', default: '*' },
        trains: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return err(`${USAGE}\n${(e as Error).message}\n`), 2;
  }
  const { values, positionals } = args;
  if (values.help) return out(USAGE), 0;
  if (positionals.length !== 2) return err(`${USAGE}\nexpected a run path and an output path\n`), 2;
  const trains = values.trains === undefined ? null : parseTrainRange(values.trains);
  if (values.trains !== undefined && !trains) return err(`${USAGE}\n--trains takes START:STOP train IDs, got '${values.trains}'\n`), 2;

  // Real paths, so a symlink or '..' cannot hide that the output folder is the run folder
  const input = realpathSync(positionals[0]);
  const outDir = resolve(dirname(positionals[1]));
  mkdirSync(outDir, { recursive: true });
  const target = join(realpathSync(outDir), basename(positionals[1]));

  try {
    const run = statSync(input).isDirectory() ? await RunDirectory(input) : await H5File(input);
    let data = run.select(values.source!, values.key!);
    if (trains) data = data.selectTrains(trains);
    await writeCollection(data, target);
    out(`Wrote ${data.trainIds.length} trains of ${data.allSources.size} sources to ${target}\n`);
    return 0;
  } catch (e) {
    return err(`${(e as Error).message}\n`), 1;
  }
}

// Run when started as the CLI (tsx src/cli/write.ts), not when imported by tests.
if (/cli[\\/]write\.ts$/.test(process.argv[1] ?? '')) {
  process.exitCode = await main(process.argv.slice(2));
}

// write RUN OUT.h5 [--source GLOB] [--key GLOB] [--trains START:STOP]: copies a selection of
// a run (or file) into one new EuXFEL file (DataCollection.write, docs 3.1.6). With --cxi,
// the detector data as a CXI file instead (our real-copy make-virtual-cxi). Never into the
// run's own folder.
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { H5File, RunDirectory } from '../core/data/open';
import type { DataCollection } from '../core/data/dataCollection';
import { byId } from '../core/data/trainSelectors';
import { AGIPD1M, DSSC1M, LPD1M, type MultiModuleDetector } from '../core/detectors/multiModuleDetector';
import { refuseRunFolder, writeCollection } from '../core/writing/writeCollection';
import { writeCxi } from '../core/writing/writeCxi';

const USAGE = `usage: write [-h] [--source GLOB] [--key GLOB] [--trains START:STOP] [--cxi [--min-modules N]] run output

Write selected data of a EuXFEL run folder or file to a new HDF5 file.

options:
  --source GLOB        Only sources matching this glob (default '*')
  --key GLOB           Only keys matching this glob in those sources (default '*')
  --trains START:STOP  Train IDs from START up to, not including, STOP (either may be left out)
  --cxi                Write the AGIPD/LPD/DSSC data as a CXI file (frames × modules), a real
                       copy in place of karabo-data-make-virtual-cxi's virtual datasets
  --min-modules N      With --cxi: trains where at least N modules have data (default 9)
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
        trains: { type: 'string' }, cxi: { type: 'boolean' }, 'min-modules': { type: 'string', default: '9' },
        help: { type: 'boolean', short: 'h' },
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
  const minModules = Number(values['min-modules']);
  if (!Number.isInteger(minModules) || minModules < 1) return err(`${USAGE}\n--min-modules takes a positive integer\n`), 2;

  // Real paths, so a symlink or '..' cannot hide that the output folder is the run folder
  const input = realpathSync(positionals[0]);
  const outDir = resolve(dirname(positionals[1]));
  mkdirSync(outDir, { recursive: true });
  const target = join(realpathSync(outDir), basename(positionals[1]));

  try {
    const run = statSync(input).isDirectory() ? await RunDirectory(input) : await H5File(input);
    let data = run.select(values.source!, values.key!);
    if (trains) data = data.selectTrains(trains);
    if (values.cxi) {
      refuseRunFolder(data, target);
      const det = findDetector(data, minModules);
      await writeCxi(det, target);
      out(`Wrote ${det.trainIds.length} trains of ${det} to ${target}\n`);
    } else {
      await writeCollection(data, target);
      out(`Wrote ${data.trainIds.length} trains of ${data.allSources.size} sources to ${target}\n`);
    }
    return 0;
  } catch (e) {
    return err(`${(e as Error).message}\n`), 1;
  }
}

/** The first of AGIPD, LPD and DSSC found in the data (as make-virtual-cxi tries them). */
function findDetector(data: DataCollection, minModules: number): MultiModuleDetector {
  const problems: string[] = [];
  for (const Detector of [AGIPD1M, LPD1M, DSSC1M]) {
    try {
      return new Detector(data, { minModules });
    } catch (e) {
      problems.push(`${Detector.name}: ${(e as Error).message}`);
    }
  }
  throw new Error(`No AGIPD, LPD or DSSC data to write as CXI:\n  ${problems.join('\n  ')}`);
}

// Run when started as the CLI (npm run write), not when imported by tests.
if (/cli[\\/]write\.ts$/.test(process.argv[1] ?? '')) {
  process.exitCode = await main(process.argv.slice(2));
}

// npm run bench [-- --only NAME]: runs every bench/*.bench.ts (or the one named), prints one
// JSON object with the machine, our timings and EXtra-data's / karabo_data's anchors side
// by side, and keeps it in bench/results/<timestamp>.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResults } from './timing';

const BENCH = import.meta.dirname;
const REFS = resolve(BENCH, '../../shared/oracle/refs');
const ANCHOR_LIBS = ['extra_data-1.24.0', 'karabo_data-0.7.0'];

/** Our line names that differ from the anchors' names for the same measurement. */
const ANCHOR_NAMES: Record<string, string> = {
  'geometry: AGIPD positionModulesFast, 1 frame': 'agipd_position_modules_fast_1frame',
  'geometry: AGIPD positionModulesFast, 10 frames': 'agipd_position_modules_fast_10frames',
  'geometry: AGIPD positionModulesInterpolate, 1 frame': 'agipd_position_modules_interpolate_1frame',
};

interface AnchorFile {
  [key: string]: unknown;
}

function onlyArg(): string | undefined {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Anchor medians in ms, by key, per library (absent when ../shared/oracle is not here). */
function loadAnchors(): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const lib of ANCHOR_LIBS) {
    const path = join(REFS, lib, 'perf.json');
    if (!existsSync(path)) continue;
    const perf: AnchorFile = JSON.parse(readFileSync(path, 'utf8'));
    out[lib] = {};
    for (const [k, v] of Object.entries(perf)) {
      const median = (v as { median_s?: number })?.median_s;
      if (typeof median === 'number') out[lib][k] = Math.round(median * 1e6) / 1e3;
    }
  }
  return out;
}

/** Our line beside the anchors' line of the same name; `vs_extra_data` > 1 means we are faster. */
function sideBySide(results: Record<string, BenchResults>, anchors: Record<string, Record<string, number>>) {
  const rows: Record<string, Record<string, number>> = {};
  for (const bench of Object.values(results)) {
    for (const [key, t] of Object.entries(bench)) {
      const row: Record<string, number> = { ours_ms: t.median_ms };
      const anchorKey = ANCHOR_NAMES[key] ?? key;
      for (const [lib, a] of Object.entries(anchors)) if (anchorKey in a) row[`${lib.split('-')[0]}_ms`] = a[anchorKey];
      if (row.extra_data_ms !== undefined) row.vs_extra_data = Math.round((row.extra_data_ms / t.median_ms) * 100) / 100;
      rows[key] = row;
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const only = onlyArg();
  const files = readdirSync(BENCH).filter((f) => f.endsWith('.bench.ts') && (!only || basename(f, '.bench.ts') === only)).sort();
  if (!files.length) throw new Error(`no bench/${only ?? '*'}.bench.ts`);
  const results: Record<string, BenchResults> = {};
  for (const f of files) {
    const name = basename(f, '.bench.ts');
    console.error(`bench: ${name}…`);
    const mod: { run(): Promise<BenchResults> } = await import(pathToFileURL(join(BENCH, f)).href);
    results[name] = await mod.run();
  }
  const anchors = loadAnchors();
  const cpu = cpus();
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { platform: `${platform()} ${release()}`, arch: arch(), cpu_count: cpu.length, cpu_model: cpu[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30) },
    comparison: sideBySide(results, anchors),
    results,
    anchors_ms: anchors,
  };
  const json = JSON.stringify(report, null, 1);
  console.log(json);
  const dir = join(BENCH, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${report.date.replace(/[:.]/g, '-')}.json`), json + '\n');
}

await main();

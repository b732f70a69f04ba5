// The anchors' own run, generated on the fly: 20 sequence files × 500 trains of XGM and
// camera data (10,000 trains). Opening with and without the run-map cache, in this process
// and in a new one, then the getters the anchors time; plus a 200-file cold open.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RunDirectory } from '../src/core';
import { camera, writeSyntheticRun, xgm, type SyntheticRunSpec } from '../src/core/synthetic';
import { measure, timingOf, type BenchResults } from './timing';

const XGM = 'SA1_XTD2_XGM/DOOCS/MAIN';
const N = 5;
/** New processes cost seconds each (module loading), so fewer of them. */
const N_FRESH = 3;

function perfRun(trainsPerSequence: number, withCamera: boolean): SyntheticRunSpec {
  return {
    runNumber: 1, nTrains: 10_000,
    aggregators: [{
      name: 'DA01', trainsPerSequence,
      // A small image: the camera adds sources and files, its pixels are never read here.
      devices: [xgm(XGM), ...(withCamera ? [camera('FXE_XAD_GEC/CAM/CAMERA', { shape: [64, 64] })] : [])],
    }],
  };
}

export async function run(): Promise<BenchResults> {
  const tmp = mkdtempSync(join(tmpdir(), 'xfel-bench-data-'));
  const cacheRoot = join(tmp, 'cache');
  let cacheN = 0;
  // Each uncached open gets an empty cache folder; cached opens share a warm one.
  const useCache = (fresh: boolean) => {
    process.env.XFEL_RUN_VIEWER_CACHE = fresh ? join(cacheRoot, `empty-${++cacheN}`) : join(cacheRoot, 'warm');
    return process.env.XFEL_RUN_VIEWER_CACHE;
  };
  try {
    const out: BenchResults = {};
    const runDir = join(tmp, 'r0001');
    const write = performance.now();
    await writeSyntheticRun(runDir, perfRun(500, true));
    out.synthetic_write_20_files_10000_trains = timingOf([performance.now() - write]);

    useCache(false);
    await RunDirectory(runDir); // writes the warm cache
    out.RunDirectory_open_no_cache = await measure(() => (useCache(true), RunDirectory(runDir)), { n: N });
    out.RunDirectory_open_with_cache = await measure(() => (useCache(false), RunDirectory(runDir)), { n: N });
    out.open_plus_get_series_ixPos_no_cache = await measure(async () => {
      useCache(true);
      (await RunDirectory(runDir)).getSeries(XGM, 'beamPosition.ixPos');
    }, { n: N });

    const runData = await RunDirectory(runDir);
    out.get_series_ixPos = await measure(() => runData.getSeries(XGM, 'beamPosition.ixPos'), { n: N });
    out.get_array_intensityTD = await measure(() => runData.getArray(`${XGM}:output`, 'data.intensityTD'), { n: N });
    // The same read into one reused array: a new 40 MB result pays first-touch page faults.
    const reused = runData.getArray(`${XGM}:output`, 'data.intensityTD').data as Float32Array;
    out.get_array_intensityTD_reused_out = await measure(() => runData.getArray(`${XGM}:output`, 'data.intensityTD', { out: reused }), { n: N });
    out.get_dataframe_xgm_pos = await measure(
      () => runData.getDataFrame({ fields: [['*_XGM/*', '*.i[xy]Pos'], ['*_XGM/*', '*.photonFlux']] }), { n: N });

    Object.assign(out, freshProcessTimings(runDir, useCache));

    const wideDir = join(tmp, 'r0002');
    const writeWide = performance.now();
    await writeSyntheticRun(wideDir, perfRun(50, false));
    out.synthetic_write_200_files_10000_trains = timingOf([performance.now() - writeWide]);
    // Cold: the first open of these 200 files in this process, without a cache.
    const cold = performance.now();
    useCache(true);
    await RunDirectory(wideDir);
    out.RunDirectory_open_no_cache_200_files_cold = timingOf([performance.now() - cold]);
    out.RunDirectory_open_no_cache_200_files = await measure(() => (useCache(true), RunDirectory(wideDir)), { n: 3, warmup: 0 });
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * New Node processes, each timing its own first open and first getSeries. They run with
 * scripts/tsLoader.mjs, not tsx, whose start-up re-transforms h5wasm (seconds per process).
 */
function freshProcessTimings(runDir: string, useCache: (fresh: boolean) => string): BenchResults {
  const root = resolve(import.meta.dirname, '..');
  const child = (fresh: boolean) => {
    const env = { ...process.env, XFEL_RUN_VIEWER_CACHE: useCache(fresh) };
    const t0 = performance.now();
    const script = join(root, 'bench/freshProcess.ts');
    const res = spawnSync(process.execPath, ['--import', join(root, 'scripts/tsLoader.mjs'), script, runDir, XGM, 'beamPosition.ixPos'],
      { cwd: root, env, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`fresh process failed: ${res.stderr}`);
    return { ...JSON.parse(res.stdout.trim().split('\n').pop()!), wall_ms: performance.now() - t0 };
  };
  const noCache = Array.from({ length: N_FRESH }, () => child(true));
  useCache(false);
  const withCache = Array.from({ length: N_FRESH }, () => child(false));
  const col = (rows: Array<Record<string, number>>, k: string) => timingOf(rows.map((r) => r[k]));
  return {
    fresh_process_RunDirectory_open_no_cache: col(noCache, 'open_ms'),
    fresh_process_RunDirectory_open_with_cache: col(withCache, 'open_ms'),
    fresh_process_first_get_series_ixPos: col(noCache, 'first_get_series_ms'),
    fresh_process_h5wasm_load: col(noCache, 'wasm_load_ms'),
    fresh_process_wall_no_cache: col(noCache, 'wall_ms'),
  };
}

// Opening a run of many files with the summaries read on a pool of worker threads: the same
// run as reading them one by one here (sources, trains, files, warnings for a broken file).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewerApi } from '../../src/worker/api';
import { spawnNodeReducer } from '../../src/worker/pool/nodePool';
import { writeSyntheticRun, xgm } from '../../src/core/synthetic';

describe('opening a run of many files on a Worker pool', () => {
  let tmp = '';
  let run = '';
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'xfel-open-pool-'));
    run = join(tmp, 'r0070');
    process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache-none');
    const names = await writeSyntheticRun(run, { runNumber: 70, nTrains: 700, aggregators: [{ name: 'DA01', trainsPerSequence: 10, devices: [xgm('SA1_XTD2_XGM/DOOCS/MAIN')] }] });
    expect(names.length).toBe(70);
    // A broken file among them: reported, the rest opens
    writeFileSync(join(run, 'RAW-R0070-DA02-S00000.h5'), 'not HDF5 at all');
    // The same files at another path: this process remembers files it has read, by path
    cpSync(run, join(tmp, 'copy', 'r0070'), { recursive: true });
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('gives the run that reading the files one by one gives, with progress to the end', async () => {
    process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache-pool');
    const pooled = new ViewerApi({ spawnReducer: spawnNodeReducer, poolSize: 2 });
    const progress: number[] = [];
    const a = await pooled.openRun(run, 'r0070', (done, total) => progress.push(done / total));
    process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache-alone');
    const b = await new ViewerApi().openRun(join(tmp, 'copy', 'r0070'), 'r0070');
    expect([a.filesFromCache, b.filesFromCache]).toEqual([0, 0]);
    expect({ ...a, runId: 0 }).toEqual({ ...b, runId: 0, warnings: b.warnings.map((w) => w.replace(join(tmp, 'copy'), tmp)) });
    expect(a.files.length).toBe(70);
    expect(a.warnings.join('\n')).toMatch(/Skipping file .*RAW-R0070-DA02-S00000\.h5: .*/);
    expect(progress.at(-1)).toBe(1);
    expect(pooled.series(a.runId, 'SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.ixPos.value').values.length).toBe(700);
    pooled.detector.cancel();
  });

  it('stops when cancelled, saying after how many files', async () => {
    process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache-cancel');
    cpSync(run, join(tmp, 'again', 'r0070'), { recursive: true });
    const api = new ViewerApi({ spawnReducer: spawnNodeReducer, poolSize: 2 });
    const opening = api.openRun(join(tmp, 'again', 'r0070'), 'r0070', () => api.cancelOpen());
    await expect(opening).rejects.toMatchObject({ name: 'AbortError', message: expect.stringMatching(/^Opening cancelled after \d+ of 71 files$/) });
  });

  it('a progress report answered true stops that open only, not one running beside it', async () => {
    process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache-two');
    for (const copy of ['first', 'second']) cpSync(run, join(tmp, copy, 'r0070'), { recursive: true });
    const api = new ViewerApi();
    const first = api.openRun(join(tmp, 'first', 'r0070'), 'r0070', () => true);
    const second = api.openRun(join(tmp, 'second', 'r0070'), 'r0070', () => false);
    await expect(first).rejects.toMatchObject({ name: 'AbortError', message: expect.stringMatching(/^Opening cancelled after \d+ of 71 files$/) });
    expect((await second).files.length).toBe(70);
  });
});

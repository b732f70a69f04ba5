// RunDirectory's progress reports and cancelling, on a synthetic run of 50 files.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunDirectory } from '../../src/core/index';
import { writeSyntheticRun, xgm } from '../../src/core/synthetic';

const N_FILES = 50;
let tmp: string;

/** A fresh folder each time: opening remembers files it has read in this process. */
async function run50(): Promise<string> {
  const dir = mkdtempSync(join(tmp, 'run-'));
  await writeSyntheticRun(dir, {
    runNumber: 3,
    formatVersion: '1.2',
    nTrains: N_FILES * 2,
    aggregators: [{ name: 'DA01', trainsPerSequence: 2, devices: [xgm('SA1_XTD2_XGM/DOOCS/MAIN')] }],
  });
  return dir;
}

const openFds = () => readdirSync('/proc/self/fd').length;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'xrv-progress-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
});

afterAll(() => {
  delete process.env.XFEL_RUN_VIEWER_CACHE;
});

describe('opening progress and cancel', () => {
  it('reports after each file: 1..N of N', async () => {
    const dir = await run50();
    expect(readdirSync(dir)).toHaveLength(N_FILES);
    const reports: Array<[number, number]> = [];
    const run = await RunDirectory(dir, { onProgress: (done, total) => reports.push([done, total]) });
    expect(run.trainIds).toHaveLength(N_FILES * 2);
    expect(reports).toEqual(Array.from({ length: N_FILES }, (_, i) => [i + 1, N_FILES]));
  });

  it('an aborted signal stops opening with an AbortError and closes the files it opened', async () => {
    const dir = await run50();
    const fdsBefore = openFds();
    const controller = new AbortController();
    let last = 0;
    const opening = RunDirectory(dir, {
      signal: controller.signal,
      onProgress: (done) => {
        last = done;
        if (done === 10) controller.abort();
      },
    });
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });
    expect(last).toBe(10);
    expect(openFds()).toBe(fdsBefore);
  });

  it('a signal aborted before opening reads nothing', async () => {
    const dir = await run50();
    const reports: number[] = [];
    const opening = RunDirectory(dir, { signal: AbortSignal.abort(), onProgress: (d) => reports.push(d) });
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });
    expect(reports).toEqual([]);
  });
});

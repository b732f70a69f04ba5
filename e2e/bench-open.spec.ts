// Browser benchmark, not a timed test: runs only with E2E_BENCH=1 and writes JSON to
// e2e/artifacts/bench-open.json. Opening a run of 300 files from a folder input: time to
// the run summary, and the memory of every Chromium process (page, core worker) before and
// after, from /proc (Linux), for the processes the browser itself lists.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { writeSyntheticRun, xgm } from '../src/core/synthetic';
import { ARTIFACTS } from './helpers';

test.skip(!process.env.E2E_BENCH, 'benchmark: set E2E_BENCH=1 to run it');

const FILES = 300;

/** Resident memory (MB) of each of the browser's processes, by type. */
async function chromiumMemory(browser: Browser): Promise<Record<string, number>> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  await cdp.detach();
  const out: Record<string, number> = {};
  for (const p of processInfo) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1] ?? 0);
      out[p.type] = Math.round(((out[p.type] ?? 0) + kb / 1024) * 10) / 10;
    } catch {
      // the process ended
    }
  }
  return out;
}

test.describe('opening a run of many files', () => {
  let run = '';
  test.beforeAll(async () => {
    run = join(await mkdtemp(join(tmpdir(), 'xfel-e2e-many-')), 'r0300');
    await writeSyntheticRun(run, { runNumber: 300, nTrains: FILES * 10, aggregators: [{ name: 'DA01', trainsPerSequence: 10, devices: [xgm('SA1_XTD2_XGM/DOOCS/MAIN')] }] });
  });
  test.afterAll(() => rm(dirname(run), { recursive: true, force: true }));

  test(`${FILES} files: time to the run summary and Chromium's memory`, async ({ page, browser }) => {
    await page.goto('/');
    await expect(page.getByTestId('demo-run')).toBeVisible();
    const before = await chromiumMemory(browser);
    const t0 = Date.now();
    await page.getByTestId('folder-input').setInputFiles(run);
    // Playwright hands the files to the page over CDP first: not the app's time
    const handedMs = Date.now() - t0;
    await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 120_000 });
    const openMs = Date.now() - t0;
    const after = await chromiumMemory(browser);
    const { nTrains, files } = await page.evaluate(() => {
      const s = (window as unknown as { xfelViewer: { store: { getState(): { run: { nTrains: number; files: unknown[] } } } } }).xfelViewer.store.getState();
      return { nTrains: s.run.nTrains, files: s.run.files.length };
    });
    expect(files).toBe(FILES);
    // Again after a reload: every file's summary from the browser's cache (IndexedDB)
    await page.reload();
    const t1 = Date.now();
    await page.getByTestId('folder-input').setInputFiles(run);
    await expect(page.getByTestId('n-files')).toContainText(`(${FILES} summaries from the cache`, { timeout: 120_000 });
    const cachedOpenMs = Date.now() - t1;
    const result = {
      what: `open ${FILES} files (${nTrains} trains) from a folder input: cold (no run-map cache), then again after a reload (IndexedDB cache)`,
      filesHandedToPageMs: handedMs, openMs, cachedOpenMs, memoryMbBefore: before, memoryMbAfter: after,
    };
    writeFileSync(join(ARTIFACTS, 'bench-open.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result));
  });
});

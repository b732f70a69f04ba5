// Issue 2's browser test and issue 4's opening tests: a fixture run read in the Worker
// (WORKERFS, real Chromium) gives what EXtra-data gives; drops open too; a broken file is
// reported while the rest of the run opens; Cancel stops an opening.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeSyntheticRun, xgm } from '../src/core/synthetic';
import { cancelWhenShown, dropFiles, h5FilesIn, openFolder, ref, requireOracle, screenshot, viewState, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

/** The progress line is gone once the run is open: record every text it shows. */
async function recordProgress(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=progress]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

async function expectProgressSeen(page: Page, text: string): Promise<void> {
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.some((t) => t.includes(text)), seen.join(' | ')).toBe(true);
}

test('a run opened through the folder input has the trainIds and series EXtra-data reads', async ({ page }) => {
  const net = watchRequests(page);
  await recordProgress(page);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  // Progress counts files read / total.
  const n = h5FilesIn('fxe-lpd-run').length;
  await expectProgressSeen(page, `${n} / ${n}`);

  const [open, , allSources] = ref('fxe-lpd-run', 'open').cases.map((c: { result: unknown }) => c.result);
  const state = await viewState(page);
  expect(state.run.trainIds).toEqual(open.train_ids);
  await expect(page.getByTestId('n-trains')).toHaveText('260');
  await expect(page.getByTestId('first-train')).toHaveText('10000');
  await expect(page.getByTestId('last-train')).toHaveText('10259');
  await screenshot(page, 'overview');

  // Sources and keys in the sidebar; choosing a key plots it.
  const xgm = 'SA1_XTD2_XGM/DOOCS/MAIN';
  const sources = page.getByTestId('source-row');
  await expect(sources).toHaveCount(allSources.length);
  await page.locator(`[data-testid=source-row][data-source="${xgm}"]`).click();
  await page.locator('[data-testid=key-row][data-key="beamPosition.ixPos.value"]').click();
  const plot = page.getByTestId('series-plot');
  await expect(plot).toHaveAttribute('data-ready', 'true');
  const trace = await plot.evaluate((el) => {
    const d = (el as unknown as { data: Array<{ x: number[]; y: number[] }> }).data[0];
    return { x: Array.from(d.x), y: Array.from(d.y) };
  });
  const series = ref('fxe-lpd-run', 'get_series').cases[0];
  expect(series.call).toBe(`get_series('${xgm}', 'beamPosition.ixPos.value')`);
  expect(trace.x).toEqual(series.result.index);
  expect(trace.y).toEqual(series.result.values);
  await screenshot(page, 'series');

  // A detector module's per-pulse key is a series by [train, pulse]; its frames go to the Detector panel.
  const lpd0 = 'FXE_DET_LPD1M-1/DET/0CH0:xtdf';
  await page.locator(`[data-testid=source-row][data-source="${lpd0}"]`).click();
  await page.locator('[data-testid=key-row][data-key="image.pulseId"]').click();
  await expect.poll(() => plot.evaluate((el) => (el as unknown as { data?: Array<{ y: number[] }> }).data?.[0]?.y?.length ?? 0)).toBe(20);
  await page.locator('[data-testid=key-row][data-key="image.data"]').click();
  await page.getByRole('button', { name: 'Open the Detector panel' }).click();
  await expect(page.getByTestId('tab-detector')).toHaveAttribute('aria-selected', 'true');
  net.assertSameOrigin();
});

test('files dropped on the page open as a run, with files read / total shown while opening', async ({ page }) => {
  const net = watchRequests(page);
  await recordProgress(page);
  await page.goto('/');
  const files = h5FilesIn('format-1.0-run');
  await dropFiles(page, files);
  await expect(page.getByTestId('n-trains')).toHaveText(String(ref('format-1.0-run', 'open').cases[0].result.n_trains));
  await expectProgressSeen(page, `${files.length} / ${files.length}`);
  net.assertSameOrigin();
});

test('a broken file is reported and the rest of the run opens', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, h5FilesIn('broken-not-hdf5'));
  await expect(page.getByTestId('error-banner')).toContainText('RAW-R0900-DA01-S00001.h5');
  await expect(page.getByTestId('run-summary')).toBeVisible();
  await expect(page.getByTestId('run-warnings')).toContainText('RAW-R0900-DA01-S00001.h5');
  const state = await viewState(page);
  expect(state.run.files.map((f: { filename: string }) => f.filename.split('/').pop())).toEqual(['RAW-R0900-DA01-S00000.h5']);
  await screenshot(page, 'broken-file');
});

test('opening the same run again after a reload takes every file’s summary from the browser’s cache (IndexedDB)', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  const files = h5FilesIn('fxe-lpd-run').length;
  await expect(page.getByTestId('n-files')).toHaveText(String(files));
  const first = await viewState(page);

  await page.reload();
  await openFolder(page, 'fxe-lpd-run');
  await expect(page.getByTestId('n-files')).toHaveText(`${files} (${files} summaries from the cache: not read again)`);
  const again = await viewState(page);
  expect(again.run.trainIds).toEqual(first.run.trainIds);
  expect(again.run.instrumentSources).toEqual(first.run.instrumentSources);
  expect(again.run.info).toEqual(first.run.info);
  net.assertSameOrigin();
});

/** A run of 120 small files (an XGM's slow data), written for the cancel test and removed after. */
test.describe('a run of many files', () => {
  let manyFiles = '';
  test.beforeAll(async () => {
    manyFiles = join(await mkdtemp(join(tmpdir(), 'xfel-e2e-open-')), 'r0071');
    await writeSyntheticRun(manyFiles, { runNumber: 71, nTrains: 1200, aggregators: [{ name: 'DA01', trainsPerSequence: 10, devices: [xgm('SA1_XTD2_XGM/DOOCS/MAIN')] }] });
  });
  test.afterAll(() => rm(dirname(manyFiles), { recursive: true, force: true }));

  test('cancelling while it opens stops the opening, says so, and the next run opens', async ({ page }) => {
    const net = watchRequests(page);
    await page.goto('/');
    await page.getByTestId('folder-input').setInputFiles(manyFiles);
    expect(await cancelWhenShown(page, 'Opening r0071')).toContain('reading METADATA and INDEX');
    await expect(page.getByTestId('progress')).toHaveCount(0);
    await expect(page.getByTestId('error-banner')).toContainText('Cancelled');
    await expect(page.getByTestId('run-summary')).toHaveCount(0);
    await openFolder(page, 'fxe-lpd-run');
    expect((await viewState(page)).run.name).toBe('fxe-lpd-run');
    net.assertSameOrigin();
  });
});

// Issue 5's security checks: names taken from a user's files (source names, keys, file names)
// are shown as text, never run as markup or script, and opening a run sends nothing off the origin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeSyntheticRun, xgm } from '../src/core/index';
import { screenshot, watchRequests } from './helpers';

// Each payload sets a flag if it ever runs; HDF5 names can't hold '/', so the payloads have none.
const HOSTILE_SOURCES = [
  'SPB_<img src=x onerror="window.__xss=1">/DOOCS/MAIN',
  'SPB_<script>window.__xss=2<\\script>/DOOCS/XGM',
];

let runDir: string;

test.beforeAll(async () => {
  runDir = join(mkdtempSync(join(tmpdir(), 'xfel-hostile-')), 'r0001');
  await writeSyntheticRun(runDir, {
    runNumber: 1,
    nTrains: 12,
    aggregators: [{ name: 'DA01', devices: HOSTILE_SOURCES.map((name) => xgm(name)) }],
  });
});

test.afterAll(() => rmSync(join(runDir, '..'), { recursive: true, force: true }));

test('source names holding HTML and script are shown as text and never run', async ({ page }) => {
  const net = watchRequests(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/');
  await page.getByTestId('folder-input').setInputFiles(runDir);
  await expect(page.getByTestId('run-summary')).toBeVisible();

  // Each control source and its ':output' instrument source are listed under their literal names.
  await expect(page.getByTestId('source-row')).toHaveCount(2 * HOSTILE_SOURCES.length);
  const listed = await page.getByTestId('source-row').evaluateAll((rows) =>
    rows.map((r) => [r.getAttribute('data-source'), r.textContent ?? '']));
  for (const name of HOSTILE_SOURCES) {
    for (const source of [name, `${name}:output`]) {
      const row = listed.find(([s]) => s === source);
      expect(row, `row for ${source}`).toBeDefined();
      expect(row![1]).toContain(source);
    }
  }
  // The Train panel renders every source's values and the names again.
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('train-id')).toBeVisible();
  const table = page.getByTestId('train-table');
  for (const name of HOSTILE_SOURCES) await expect(table.getByText(name, { exact: true }).first()).toBeVisible();
  await screenshot(page, 'hostile-names');

  const ran = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
  expect(ran, 'a payload from a source name ran').toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  net.assertSameOrigin();
});

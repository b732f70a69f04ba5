// The Train panel on a run of 6,000 control keys (40 devices × 150): only the rows in view are
// in the page, their values are read as they come into view, and stepping trains follows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { slowControl, writeSyntheticRun, xgm } from '../src/core/synthetic';
import { viewState, watchRequests } from './helpers';

let runDir = '';
let xgmRun = '';
test.beforeAll(async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'xfel-e2e-keys-'));
  runDir = join(tmp, 'r0072');
  await writeSyntheticRun(runDir, { runNumber: 72, nTrains: 20, aggregators: [{ name: 'DA01', devices: [slowControl('SPB_IRU_MOTORS', 40, 150)] }] });
  // Another run with the same train IDs, opened after the first
  xgmRun = join(tmp, 'r0073');
  await writeSyntheticRun(xgmRun, { runNumber: 73, nTrains: 20, aggregators: [{ name: 'DA01', devices: [xgm('SA1_XTD2_XGM/DOOCS/MAIN')] }] });
});
test.afterAll(() => rm(dirname(runDir), { recursive: true, force: true }));

/** The fixtures' rule for control key k (every third int32, the rest float32) at train offset toff. */
const valueOf = (k: number, toff: number) => (k % 3 === 0 ? 10 * k + (toff % 10) : k + 0.5 * (toff % 20));

test('a train of 6,000 keys: rows in view only, values read as they are scrolled to, and stepping follows', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await page.getByTestId('folder-input').setInputFiles(runDir);
  await expect(page.getByTestId('run-summary')).toBeVisible();
  const { run } = await viewState(page);
  await page.getByTestId('tab-train').click();
  const table = page.getByTestId('train-table');
  await expect(table).toHaveAttribute('data-train-id', String(run.trainIds[0]));
  await expect(page.getByTestId('train-row-count')).toHaveText('6000 rows');
  expect(await table.locator('tr[data-source]').count()).toBeLessThan(100);
  const cell = (device: number, k: number) => table.locator(`tr[data-source="SPB_IRU_MOTORS/MDL/DEVICE_${String(device).padStart(3, '0')}"][data-key="property${String(k).padStart(4, '0')}.value"]`).getByTestId('train-value');
  await expect(cell(0, 1)).toHaveText(String(valueOf(1, 0)));

  // The last rows: scrolled to, then read
  await page.locator('.train-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(cell(39, 149)).toHaveText(String(valueOf(149, 0)));
  await expect(table).toHaveAttribute('data-train-id', String(run.trainIds[0]));

  // The next train: the rows in view follow
  await page.getByTestId('train-slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(table).toHaveAttribute('data-train-id', String(run.trainIds[1]));
  await expect(cell(39, 149)).toHaveText(String(valueOf(149, 1)));
  await expect(cell(39, 147)).toHaveText(String(valueOf(147, 1)));

  // The filter box finds one key among them all
  await page.getByTestId('train-filter').fill('*DEVICE_017 property0042*');
  await expect(page.getByTestId('train-row-count')).toHaveText('1 row');
  await expect(cell(17, 42)).toHaveText(String(valueOf(42, 1)));
  await page.getByTestId('train-filter').fill('');

  // Another run with the same train IDs: its own rows and values, nothing of the last run's
  await page.getByTestId('folder-input').setInputFiles(xgmRun);
  await page.getByTestId('tab-train').click();
  const ixPos = table.locator('tr[data-source="SA1_XTD2_XGM/DOOCS/MAIN"][data-key="beamPosition.ixPos.value"]').getByTestId('train-value');
  await expect(ixPos).toHaveText('0'); // sin(0) at the first train
  await expect(table.locator('tr[data-source^="SPB_IRU_MOTORS"]')).toHaveCount(0);
  expect((await viewState(page)).errors).toEqual([]);
  net.assertSameOrigin();
});

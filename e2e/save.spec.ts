// "Save selection as HDF5" and "Copy as Python": the download is a file the core reads back
// with the chosen trains and sources; the Python dialog shows the view as EXtra-data code.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { H5File } from '../src/core/index';
import { openFolder, requireOracle, screenshot, viewState, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

test('the selection downloads as an HDF5 file with the chosen trains', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  const { run } = await viewState(page);
  const trainIds: number[] = run.trainIds.slice(5, 25);

  await page.getByTestId('tab-save').click();
  await page.getByTestId('save-source-glob').fill('SA1_XTD2_XGM/*');
  await page.getByTestId('save-first-train').fill(String(trainIds[0]));
  await page.getByTestId('save-last-train').fill(String(trainIds.at(-1)));
  await expect(page.getByTestId('save-summary')).toContainText(`${trainIds.length} trains, 2 sources`);
  await screenshot(page, 'save-selection');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('save-selection').click();
  const download = await Promise.race([
    downloading,
    page.getByTestId('error-banner').waitFor().then(async () => { throw new Error(await page.getByTestId('error-banner').innerText()); }),
  ]);
  expect(download.suggestedFilename()).toBe('fxe-lpd-run-selection.h5');
  const dir = await mkdtemp(join(tmpdir(), 'save-spec-'));
  try {
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    expect((await stat(path)).size).toBeGreaterThan(0);
    const written = await H5File(path);
    expect([...written.trainIds]).toEqual(trainIds);
    expect([...written.controlSources, ...written.instrumentSources].sort()).toEqual(['SA1_XTD2_XGM/DOOCS/MAIN', 'SA1_XTD2_XGM/DOOCS/MAIN:output']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  net.assertSameOrigin();
});

test('Copy as Python shows the view as EXtra-data code and copies it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  await page.locator('[data-testid=source-row][data-source="SA1_XTD2_XGM/DOOCS/MAIN"]').click();
  await page.locator('[data-testid=key-row][data-key="beamPosition.ixPos.value"]').click();
  await page.getByTestId('copy-python').click();
  const code = page.getByTestId('python-code');
  await expect(code).toContainText('from extra_data import RunDirectory');
  await expect(code).toContainText("sel = run.select([('SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.ixPos.value')])");
  await expect(code).toContainText("beamPosition_ixPos = sel.get_series('SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.ixPos.value')");
  await page.getByTestId('python-run-path').fill('/gpfs/exfel/exp/FXE/201830/p900020/raw/r0100');
  await expect(code).toContainText("run = RunDirectory('/gpfs/exfel/exp/FXE/201830/p900020/raw/r0100')");
  await screenshot(page, 'copy-as-python');
  await page.getByTestId('python-copy').click();
  await expect(page.getByTestId('python-copied')).toHaveText('Copied to the clipboard');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.textContent());
});

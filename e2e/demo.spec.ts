// The demo run the build writes into public/demo/: opened with one click, every panel shows
// it, a view is restored from the URL hash, CSV and PNG exports download.
import { expect, test } from '@playwright/test';
import { readDownload, screenshot, viewState, watchRequests } from './helpers';

test('the demo run opens with one click and its panels show it', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await page.getByTestId('demo-run').click();
  await expect(page.getByTestId('run-summary')).toBeVisible();
  const { run } = await viewState(page);
  expect(run.nTrains).toBeGreaterThan(100);
  expect(run.detectors.map((d: { type: string }) => d.type)).toContain('AGIPD');
  await screenshot(page, 'demo-overview');

  // A pulse-resolved key (trains × pulses) shows as an image.
  const xgmOutput = run.instrumentSources.find((s: string) => /XGM.*:output$/.test(s));
  await page.getByTestId('source-filter').fill(`${xgmOutput} data.intensityTD`);
  await page.locator(`[data-testid=source-row][data-source="${xgmOutput}"]`).click();
  await page.locator('[data-testid=key-row][data-key="data.intensityTD"]').click();
  await expect(page.getByTestId('array-image')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('array-plot')).toHaveAttribute('data-ready', 'true');
  await screenshot(page, 'demo-pulse-resolved');

  // A 2-D value per train (a camera frame) shows as the current train's image.
  const camera = run.instrumentSources.find((s: string) => /CAM.*:daqOutput$/.test(s));
  await page.getByTestId('source-filter').fill(`${camera} *pixels`);
  await page.locator(`[data-testid=source-row][data-source="${camera}"]`).click();
  await page.locator('[data-testid=key-row][data-key="data.image.pixels"]').click();
  await expect(page.getByTestId('array-image')).toHaveAttribute('data-ready', 'true');
  await screenshot(page, 'demo-camera');

  // Two keys: overlay, correlation, CSV.
  const xgm = xgmOutput.replace(/:output$/, '');
  await page.getByTestId('source-filter').fill(`${xgm} beamPosition.i*Pos.value`);
  await page.locator(`[data-testid=source-row][data-source="${xgm}"]`).click();
  await page.locator('[data-testid=key-row][data-key="beamPosition.ixPos.value"]').click();
  await page.locator('[data-testid=key-row][data-key="beamPosition.iyPos.value"] button').click();
  const plot = page.getByTestId('series-plot');
  await expect.poll(() => plot.evaluate((el) => (el as unknown as { data?: unknown[] }).data?.length ?? 0)).toBe(2);
  await page.getByTestId('series-mode').selectOption('scatter');
  await expect.poll(() => plot.evaluate((el) => (el as unknown as { data: Array<{ mode: string }> }).data[0].mode)).toBe('markers');
  await screenshot(page, 'demo-scatter');
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const text = await readDownload(await csv);
  expect(text.split('\n')[0]).toMatch(/^trainId,.*ixPos.*iyPos|^trainId,.*iyPos.*ixPos/);
  expect(text.trim().split('\n')).toHaveLength(run.nTrains + 1);

  // The detector: the first train has no frames; the panel offers the next that has.
  await page.getByTestId('tab-detector').click();
  await page.getByTestId('next-detector-train').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('next-detector-train')).toHaveCount(0);
  await screenshot(page, 'demo-detector');
  await page.getByTestId('detector-layout').selectOption('exact');
  await expect(img).toHaveAttribute('data-renderer', 'exact-tiles');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const exactBox = (await img.boundingBox())!;
  await img.hover({ position: { x: exactBox.width * 0.7, y: exactBox.height * 0.2 } });
  await expect(page.getByTestId('hover-readout')).toContainText(/module \d+ {2}ss \d+ {2}fs \d+ {2}value \d/);
  await screenshot(page, 'demo-detector-exact');
  await page.getByTestId('detector-layout').selectOption('fast');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  expect((await png).suggestedFilename()).toMatch(/\.png$/);

  await page.getByTestId('tab-geometry').click();
  await expect(page.getByTestId('geometry-view')).toHaveAttribute('data-tiles', String(16 * 8));
  await screenshot(page, 'demo-geometry');
  net.assertSameOrigin();
});

test('a view is restored from the URL hash', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('demo-run').click();
  await expect(page.getByTestId('run-summary')).toBeVisible();
  const { run } = await viewState(page);
  const train = run.detectors[0].trainIds[1];
  // A shared link, opened as a new page: nothing of the page above (its hash writes, up to
  // 250 ms late while the run settles) reaches it.
  await page.goto('about:blank');
  await page.goto(`/#run=demo&train=${train}&pulse=1&view=detector`);
  await expect(page.getByTestId('train-id')).toHaveText(String(train));
  await expect(page.getByTestId('pulse-index')).toHaveValue('1');
  await expect(page.getByTestId('detector-image')).toHaveAttribute('data-ready', 'true');
});

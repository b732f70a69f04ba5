// Issue 4's panels on fixture runs: a train's values, the detector image for two pulses,
// a loaded CrystFEL .geom and the geometry inspect view. Screenshots go to e2e/artifacts/.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FIXTURES, openFolder, readDownload, ref, requireOracle, screenshot, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

test('the train browser shows a train’s values as trainFromId gives them', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-id-input').fill('10130');
  await page.getByTestId('train-id-input').press('Enter');
  await expect(page.getByTestId('train-id')).toHaveText('10130');

  const expected = ref('fxe-lpd-run', 'train_from').cases.find((c: { call: string }) => c.call === 'train_from_id(10130)');
  const ixPos = expected.result.sources['SA1_XTD2_XGM/DOOCS/MAIN']['beamPosition.ixPos.value'].scalar;
  // Only the rows in view are in the page: the filter box brings the XGM's into view.
  await page.getByTestId('train-filter').fill('SA1_XTD2_XGM/DOOCS/MAIN');
  const row = page.locator('tr[data-source="SA1_XTD2_XGM/DOOCS/MAIN"][data-key="beamPosition.ixPos.value"]');
  await expect(row.getByTestId('train-value')).toHaveText(ixPos.toPrecision(6));
  await expect(page.getByTestId('train-table')).toHaveAttribute('data-train-id', '10130');
  // The LPD modules have no data in this train: listed, marked missing.
  await page.getByTestId('train-filter').fill('FXE_DET_LPD1M-1/DET/0CH0:xtdf');
  await expect(page.locator('tr.missing[data-source="FXE_DET_LPD1M-1/DET/0CH0:xtdf"]')).toHaveCount(1);
  await page.getByTestId('train-filter').fill('');
  await expect(page.getByTestId('train-utc')).toHaveText('2019-01-01T00:00:13.000Z');
  await expect(page.getByTestId('train-utc-source')).toHaveText('(INDEX/timestamp)');
  await screenshot(page, 'train');

  await page.getByTestId('train-slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('train-id')).toHaveText('10131');
  expect(new URL(page.url()).hash).toContain('train=10131');
  net.assertSameOrigin();
});

/** The hover readout's value at a point of the image. */
async function valueAt(page: Page, x: number, y: number): Promise<string> {
  const img = page.getByTestId('detector-image');
  await img.hover({ position: { x: x + 1, y } });
  await img.hover({ position: { x, y } });
  const text = await page.getByTestId('hover-readout').textContent();
  return /value (\S+)/.exec(text ?? '')?.[1] ?? '';
}

test('the detector image is painted for two pulses with different pixels, and follows a loaded .geom', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'spb-agipd-run');
  await page.getByTestId('tab-detector').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await expect(img).toHaveAttribute('data-renderer', 'webgl');
  const box = (await img.boundingBox())!;
  // A point on module Q1M1's area (top right in the front view) rather than a gap.
  const at = { x: box.width * 0.7, y: box.height * 0.2 };
  const first = await valueAt(page, at.x, at.y);
  await expect(page.getByTestId('hover-readout')).toContainText('module');
  await screenshot(page, 'detector-pulse0');

  await page.getByTestId('pulse-index').fill('1');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const second = await valueAt(page, at.x, at.y);
  expect(Number(second) - Number(first)).toBe(10); // the fixture's pulse term: 10·p
  await screenshot(page, 'detector-pulse1');

  await page.getByTestId('geometry-input').setInputFiles(join(FIXTURES, 'geometry', 'agipd_spb_real.geom'));
  await expect(page.getByTestId('geometry-label')).toHaveText('agipd_spb_real.geom');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await screenshot(page, 'detector-real-geom');
  net.assertSameOrigin();
});

test('the geometry view draws inspect() of a loaded .geom', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('tab-geometry').click();
  await page.getByTestId('geometry-input').setInputFiles(join(FIXTURES, 'geometry', 'agipd_spb_real.geom'));
  const view = page.getByTestId('geometry-view');
  await expect(view).toHaveAttribute('data-tiles', String(16 * 8));
  await expect(view.locator('text', { hasText: 'Q1M1' })).toHaveCount(1);
  await expect(view.locator('text', { hasText: 'agipd_spb_real.geom' })).toHaveCount(1);
  await screenshot(page, 'geometry');

  const geom = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .geom' }).click();
  const text = await readDownload(await geom);
  expect(text).toMatch(/^p0a0\/min_fs = 0$/m);

  // Compare the docs' default layout with the real one: arrows, and their scale in a note.
  await page.getByTestId('default-AGIPD').click();
  await page.getByTestId('compare-input').setInputFiles(join(FIXTURES, 'geometry', 'agipd_spb_real.geom'));
  await expect(view.locator('text', { hasText: 'Geometry comparison: No file → agipd_spb_real.geom' })).toHaveCount(1);
  await expect(view).not.toHaveAttribute('data-arrows', '0');
  await expect(view.locator('text', { hasText: 'Arrows scaled' })).toHaveCount(1);
  await screenshot(page, 'geometry-compare');
});

test('an LPD geometry .h5 file loads for an LPD run', async ({ page }) => {
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  await page.getByTestId('tab-detector').click();
  await page.getByTestId('next-detector-train').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('geometry-input').setInputFiles(join(FIXTURES, 'geometry', 'lpd_mar_18.h5'));
  await expect(page.getByTestId('geometry-label')).toHaveText('lpd_mar_18.h5');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await screenshot(page, 'detector-lpd');
});

test('without WebGL the detector image is drawn with Canvas2D', async ({ page }) => {
  await page.addInitScript(() => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      return kind.startsWith('webgl') ? null : getContext.call(this, kind as '2d', ...(rest as []));
    } as typeof getContext;
  });
  await page.goto('/');
  await openFolder(page, 'spb-agipd-run');
  await page.getByTestId('tab-detector').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await expect(img).toHaveAttribute('data-renderer', 'canvas2d');
  const box = (await img.boundingBox())!;
  expect(await valueAt(page, box.width * 0.7, box.height * 0.2)).toMatch(/^\d+$/);
  await screenshot(page, 'detector-canvas2d');
});

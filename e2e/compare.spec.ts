// "Compare with run…" in the Analysis tab: a second run opened beside the first in the worker;
// both runs' photon flux overlaid against train ID and both suppression ratios per train.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURES, openFolder, requireOracle, screenshot, viewState, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

type PlotEl = Element & { data: Array<{ x: number[]; y: number[]; name: string; error_y?: { array: number[] } }> };

test('two runs side by side: photon flux overlaid and both suppression ratios', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'format-1.0-run');
  const { run } = await viewState(page);
  await page.getByTestId('tab-analysis').click();
  await page.getByTestId('compare-folder-input').setInputFiles(join(FIXTURES, 'format-0.5-run'));
  await expect(page.getByTestId('compare-run-name')).toContainText('format-0.5-run');
  // The main run is still the one open in the app.
  expect((await viewState(page)).run.name).toBe('format-1.0-run');
  await expect(page.getByTestId('cmp-a-flux-source')).toHaveValue('SA1_XTD2_XGM/DOOCS/MAIN');
  await expect(page.getByTestId('cmp-b-flux-source')).toHaveValue('SA1_XTD2_XGM/DOOCS/MAIN');
  await expect(page.getByTestId('cmp-b-pulse-source')).toHaveValue('SA1_XTD2_XGM/DOOCS/MAIN:output');
  await page.getByTestId('compare-compute').click();

  for (const id of ['compare-flux-plot', 'compare-ratio-plot']) await expect(page.getByTestId(id)).toHaveAttribute('data-ready', 'true');
  for (const i of [0, 1]) await expect(page.getByTestId(`compare-overall-${i}`)).toContainText('±');
  await expect(page.getByTestId('compare-overall-0')).toContainText('format-1.0-run');
  await expect(page.getByTestId('compare-overall-1')).toContainText('format-0.5-run');

  const traces = (id: string) => page.getByTestId(id).evaluate((el) => (el as unknown as PlotEl).data.map((d) => ({
    name: d.name, x: Array.from(d.x), n: d.y.length, finite: Array.from(d.y).every((v) => Number.isFinite(v)), errors: d.error_y?.array.length ?? null,
  })));
  const flux = await traces('compare-flux-plot');
  expect(flux.map((t) => t.name)).toEqual(['format-1.0-run', 'format-0.5-run']);
  for (const t of flux) {
    expect(t.x).toEqual(run.trainIds);
    expect(t.n).toBe(run.trainIds.length);
    expect(t.finite).toBe(true);
  }
  const ratio = await traces('compare-ratio-plot');
  expect(ratio).toHaveLength(2);
  expect(ratio[0].name).toContain('format-1.0-run');
  expect(ratio[1].name).toContain('format-0.5-run');
  for (const t of ratio) {
    expect(t.x).toEqual(run.trainIds);
    expect(t.errors).toBe(t.n);
  }
  await page.getByTestId('compare-ratio-plot').scrollIntoViewIfNeeded();
  await screenshot(page, 'analysis-compare');
  net.assertSameOrigin();
});

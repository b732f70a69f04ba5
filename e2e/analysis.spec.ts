// The Analysis tab: XGM pulse image, suppression ratio per train with error bars, its
// histogram and overall value, as the core computes them; a waveform reduced over trains.
import { expect, test } from '@playwright/test';
import { openFolder, requireOracle, screenshot, viewState, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

type PlotEl = Element & { data: Array<Record<string, unknown>> };

test('XGM suppression ratio and a waveform mean over trains', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  const { run } = await viewState(page);
  await page.getByTestId('tab-analysis').click();
  await page.getByTestId('xgm-source').selectOption('SA1_XTD2_XGM/DOOCS/MAIN:output');
  await page.getByTestId('on-stop').fill('10');
  await page.getByTestId('off-stop').fill('10');
  await page.getByTestId('xgm-compute').click();

  await expect(page.getByTestId('overall-ratio')).toContainText('±');
  for (const id of ['xgm-image', 'ratio-plot', 'ratio-histogram']) await expect(page.getByTestId(id)).toHaveAttribute('data-ready', 'true');
  const ratio = await page.getByTestId('ratio-plot').evaluate((el) => {
    const d = (el as unknown as PlotEl).data[0] as { x: number[]; y: number[]; error_y: { array: number[] } };
    return { x: Array.from(d.x), n: d.y.length, errors: d.error_y.array.length };
  });
  expect(ratio.x).toEqual(run.trainIds);
  expect(ratio.errors).toBe(ratio.n);
  const image = await page.getByTestId('xgm-image').evaluate((el) => ((el as unknown as PlotEl).data[0].z as number[][]).length);
  expect(image).toBeGreaterThan(0);

  // Two channels overlaid (no digitizer in this run: the XGM's pulse vectors stand in for waveforms).
  await page.getByTestId('wf-source-0').selectOption('SA1_XTD2_XGM/DOOCS/MAIN:output');
  await page.getByTestId('wf-key-0').selectOption('data.intensityTD');
  await page.getByTestId('wf-source-1').selectOption('SPB_XTD9_XGM/DOOCS/MAIN:output');
  await page.getByTestId('wf-key-1').selectOption('data.intensityTD');
  await page.getByTestId('wf-compute').click();
  await expect(page.getByTestId('waveform-plot')).toHaveAttribute('data-ready', 'true');
  expect(await page.getByTestId('waveform-plot').evaluate((el) => (el as unknown as PlotEl).data.length)).toBe(2);
  await page.getByTestId('ratio-plot').scrollIntoViewIfNeeded();
  await screenshot(page, 'analysis-xgm');
  await page.getByTestId('waveform-plot').scrollIntoViewIfNeeded();
  await screenshot(page, 'analysis-waveform');
  net.assertSameOrigin();
});

test('a detector ROI per pulse and per train, correlated with an XGM key', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  const { run } = await viewState(page);
  const detTrains: number[] = run.detectors[0].trainIds;
  await page.getByTestId('tab-detector').click();
  await expect(page.getByTestId('detector-image')).toHaveAttribute('data-ready', 'true');
  for (const [name, v] of [['x0', 300], ['x1', 700], ['y0', 300], ['y1', 700]] as const) await page.getByTestId(`roi-${name}`).fill(String(v));
  await page.getByTestId('roi-corr-source').selectOption('SA1_XTD2_XGM/DOOCS/MAIN');
  await page.getByTestId('roi-corr-key').selectOption('beamPosition.ixPos.value');
  await page.getByTestId('roi-compute').click();
  for (const id of ['roi-pulse-plot', 'roi-train-plot', 'roi-scatter']) await expect(page.getByTestId(id)).toHaveAttribute('data-ready', 'true');
  const perTrain = await page.getByTestId('roi-train-plot').evaluate((el) => {
    const d = (el as unknown as PlotEl).data[0] as { x: number[]; y: number[] };
    return { x: Array.from(d.x), y: Array.from(d.y) };
  });
  expect(perTrain.x).toEqual(detTrains);
  expect(perTrain.y.every(Number.isFinite)).toBe(true);
  const points = await page.getByTestId('roi-scatter').evaluate((el) => ((el as unknown as PlotEl).data[0].x as number[]).length);
  expect(points).toBe(detTrains.length);
  await page.getByTestId('roi-scatter').scrollIntoViewIfNeeded();
  await screenshot(page, 'detector-roi');
  net.assertSameOrigin();
});

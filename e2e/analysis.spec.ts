// The Analysis tab: XGM pulse image, suppression ratio per train with error bars, its
// histogram and overall value, as the core computes them; a waveform reduced over trains;
// the demo run's PES digitizer channels summed, averaged and compared (docs 3.15.2), equal to
// the traces the app shows per train; a cancelled analysis leaves the app usable.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openFolder, requireOracle, screenshot, cancelWhenShown, viewState, watchRequests } from './helpers';
import { PES_ADC, PES_CHANNELS, PES_SAMPLES } from '../scripts/demoPes';
import { digitizer, writeSyntheticRun } from '../src/core/synthetic';

type PlotEl = Element & { data: Array<Record<string, unknown>> };
type Trace = { name: string; x: number[]; y: number[] };

const traces = (page: Page, id: string): Promise<Trace[]> => page.getByTestId(id).evaluate((el) =>
  ((el as unknown as { data?: Array<{ name: string; x: number[]; y: number[] }> }).data ?? []).map((d) => ({ name: d.name, x: Array.from(d.x), y: Array.from(d.y) })));

test('XGM suppression ratio and a waveform mean over trains', async ({ page }) => {
  requireOracle();
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
  await page.getByTestId('wf-how').selectOption('mean');
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
  requireOracle();
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

const channelKey = (c: string) => `digitizers.channel_${c}.raw.samples`;

/** One train's trace of a key, as the Sources tab plots it (the current train's vector). */
async function shownTrace(page: Page, trainId: number): Promise<number[]> {
  const plot = page.getByTestId('array-plot');
  await expect.poll(() => plot.evaluate((el) => (el as unknown as { layout?: { title?: { text?: string } } }).layout?.title?.text ?? '')).toBe(`Train ${trainId}`);
  return (await traces(page, 'array-plot'))[0].y;
}

test('PES digitizer: two channels summed and averaged over trains, as the traces the app shows', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await page.getByTestId('demo-run').click();
  await expect(page.getByTestId('run-summary')).toBeVisible();
  const { run, trainId } = await viewState(page);
  const first = run.trainIds.indexOf(trainId);
  const picked: number[] = run.trainIds.slice(first, first + 3);

  // Three trains of each channel, read back through the Sources tab's current-train plot.
  const rows: Record<string, number[][]> = {};
  for (const c of ['1_A', '1_B']) {
    await page.getByTestId('source-filter').fill(`${PES_ADC} ${channelKey(c)}`);
    await page.locator(`[data-testid=source-row][data-source="${PES_ADC}"]`).click();
    await page.locator(`[data-testid=key-row][data-key="${channelKey(c)}"]`).click();
    rows[c] = [];
    for (const [i, t] of picked.entries()) {
      if (i) await page.keyboard.press('ArrowRight');
      rows[c].push(await shownTrace(page, t));
    }
    for (let i = 1; i < picked.length; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await viewState(page)).trainId).toBe(picked[0]);
  }

  await page.getByTestId('tab-analysis').click();
  // The digitizer's first two channels are offered by default.
  await expect(page.getByTestId('wf-source-0')).toHaveValue(PES_ADC);
  await expect(page.getByTestId('wf-key-0')).toHaveValue(channelKey('1_A'));
  await expect(page.getByTestId('wf-source-1')).toHaveValue(PES_ADC);
  await expect(page.getByTestId('wf-key-1')).toHaveValue(channelKey('1_B'));
  await page.getByTestId('wf-first').fill(String(picked[0]));
  await page.getByTestId('wf-last').fill(String(picked[2]));
  await page.getByTestId('wf-how').selectOption('sum');
  await page.getByTestId('wf-compute').click();
  await expect.poll(async () => (await traces(page, 'waveform-plot')).map((t) => t.name)).toEqual(['channel_1_A (3 trains)', 'channel_1_B (3 trains)']);
  const sums = await traces(page, 'waveform-plot');
  for (const [i, c] of ['1_A', '1_B'].entries()) {
    expect(sums[i].y).toHaveLength(PES_SAMPLES);
    expect(sums[i].y).toEqual(sums[i].y.map((_, s) => rows[c][0][s] + rows[c][1][s] + rows[c][2][s]));
  }

  // The mean over the whole run: each channel dips deepest at its strongest peak's flight time.
  await page.getByTestId('wf-first').fill('');
  await page.getByTestId('wf-last').fill('');
  await page.getByTestId('wf-how').selectOption('mean');
  await page.getByTestId('wf-compute').click();
  const all = `(${run.nTrains} trains)`;
  await expect.poll(async () => (await traces(page, 'waveform-plot')).map((t) => t.name)).toEqual([`channel_1_A ${all}`, `channel_1_B ${all}`]);
  const means = await traces(page, 'waveform-plot');
  for (const [i, c] of ['1_A', '1_B'].entries()) {
    const strongest = PES_CHANNELS[c].reduce((p, q) => (q.height > p.height ? q : p));
    expect(Math.abs(means[i].y.indexOf(Math.min(...means[i].y)) - strongest.sample)).toBeLessThanOrEqual(1);
  }
  // The photo-line only channel 1_B sees (as the docs' E spectrometer): far deeper there than 1_A.
  const line = PES_CHANNELS['1_B'][1].sample;
  expect(means[1].y[line]).toBeLessThan(means[0].y[line] - 100);

  // Normalised and on the docs' time axis (0.5 ns per sample).
  await page.getByTestId('wf-normalise').check();
  await page.getByTestId('wf-sample-ns').fill('0.5');
  await expect.poll(async () => (await traces(page, 'waveform-plot'))[1].x.at(-1)).toBeCloseTo(((PES_SAMPLES - 1) * 0.5) / 1000, 9);
  const shown = await traces(page, 'waveform-plot');
  for (const t of shown) expect(Math.max(...t.y.map(Math.abs))).toBeCloseTo(1, 12);
  expect(shown[1].y[line]).toBeCloseTo(means[1].y[line] / Math.max(...means[1].y.map(Math.abs)), 12);
  await page.getByTestId('waveform-plot').scrollIntoViewIfNeeded();
  await screenshot(page, 'analysis-pes');

  // Copy as Python: both channels, aligned on their common trains, averaged per sample
  await page.getByTestId('copy-python').click();
  const code = page.getByTestId('python-code');
  await expect(code).toContainText(`channel_1_A = sel.get_array('${PES_ADC}', '${channelKey('1_A')}')`);
  await expect(code).toContainText("channel_1_A, channel_1_B = xr.align(channel_1_A, channel_1_B, join='inner')");
  await expect(code).toContainText("channel_1_B_mean = channel_1_B.mean(dim='trainId')");
  await expect(code).not.toContainText('select_trains');
  net.assertSameOrigin();
});

/** A long PES run (docs 3.15.2: 40000 samples per train), written for the cancel test and removed after. */
test.describe('a long PES run', () => {
  let longRun = '';
  test.beforeAll(async () => {
    longRun = join(await mkdtemp(join(tmpdir(), 'xfel-e2e-pes-')), 'r0067');
    const peaks = (sample: number) => [{ sample, width: 20, height: 100 }];
    await writeSyntheticRun(longRun, {
      runNumber: 67, nTrains: 400,
      aggregators: [{ name: 'DA02', trainsPerSequence: 200, devices: [digitizer(PES_ADC, { samples: 40000, seed: 1, channels: { '1_A': peaks(5000), '1_B': peaks(9000) } })] }],
    });
  });
  test.afterAll(() => rm(dirname(longRun), { recursive: true, force: true }));

  test('cancelling a running waveform analysis stops it and leaves the app usable', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('folder-input').setInputFiles(longRun);
    await expect(page.getByTestId('run-summary')).toBeVisible();
    const { run } = await viewState(page);
    await page.getByTestId('tab-analysis').click();
    const some = '(3 trains)';
    await page.getByTestId('wf-first').fill(String(run.trainIds[0]));
    await page.getByTestId('wf-last').fill(String(run.trainIds[2]));
    await page.getByTestId('wf-compute').click();
    await expect.poll(async () => (await traces(page, 'waveform-plot')).map((t) => t.name.endsWith(some))).toEqual([true, true]);

    // The whole run: 2 × 400 traces of 40000 samples, read a chunk at a time; Cancel while it runs.
    await page.getByTestId('wf-first').fill('');
    await page.getByTestId('wf-last').fill('');
    await cancelWhenShown(page, 'Waveform sum over trains', 'wf-compute');
    await expect(page.getByTestId('progress')).toHaveCount(0);
    // The cancelled result never arrives: the plot keeps the 3-train sums, and nothing is reported.
    await page.waitForTimeout(1000);
    expect((await traces(page, 'waveform-plot')).map((t) => t.name.endsWith(some))).toEqual([true, true]);
    expect((await viewState(page)).errors).toEqual([]);

    // The same worker then computes the whole run, and the other tabs still work.
    await page.getByTestId('wf-compute').click();
    await expect.poll(async () => (await traces(page, 'waveform-plot')).map((t) => t.name)).toEqual(
      [`channel_1_A (${run.nTrains} trains)`, `channel_1_B (${run.nTrains} trains)`]);
    const sums = await traces(page, 'waveform-plot');
    expect(sums[0].y.indexOf(Math.min(...sums[0].y))).toBe(5000);
    expect(sums[1].y.indexOf(Math.min(...sums[1].y))).toBe(9000);
    await page.getByTestId('tab-train').click();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('train-id')).toHaveText(String(run.trainIds[1]));
  });
});

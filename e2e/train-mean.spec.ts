// Mean per pulse over a train range in the Detector panel (docs 3.19): computed on a pool of
// Workers (more than one starts), shown pulse by pulse; the hovered value equals the plain
// average of that pixel over the trains' single frames. Cancel, on a long run, leaves the app usable.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeSyntheticRun } from '../src/core/synthetic';
import { hoverValue, openFolder, requireOracle, screenshot, showTrain, cancelWhenShown, viewState, watchRequests } from './helpers';

test('the mean per pulse over trains is computed on a Worker pool and equals the plain average of the frames', async ({ page }) => {
  requireOracle();
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  const trains: number[] = (await viewState(page)).run.detectors[0].trainIds;
  await page.getByTestId('tab-detector').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const box = (await img.boundingBox())!;
  const at = { x: box.width * 0.3, y: box.height * 0.3 };

  // Pulse index 2 of each train, read one frame at a time.
  await page.getByTestId('pulse-index').fill('2');
  const raw: number[] = [];
  for (const t of trains) {
    await showTrain(page, t);
    await expect.poll(() => hoverValue(page, at.x, at.y)).not.toBeNaN();
    raw.push(await hoverValue(page, at.x, at.y));
  }

  await page.getByTestId('mean-from').fill(String(trains[0]));
  await page.getByTestId('mean-to').fill(String(trains.at(-1)));
  await page.getByTestId('mean-compute').click();
  await expect(page.getByTestId('mean-status')).toContainText(`Mean of ${trains.length} trains`);
  await expect(page.getByTestId('progress')).toHaveCount(0);
  // The pool: reduction workers started by the core worker
  const poolWorkers = page.workers().filter((w) => /reductionWorker/.test(w.url()));
  expect(poolWorkers.length).toBeGreaterThanOrEqual(2);

  await page.getByTestId('mean-pulse').selectOption({ label: `pulse ID 4 (${trains.length} frames)` });
  await expect(img).toHaveAttribute('data-ready', 'true');
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  await expect.poll(() => hoverValue(page, at.x, at.y)).toBeCloseTo(mean, 2);
  await screenshot(page, 'detector-train-mean');

  // Copy as Python: the same mean in EXtra-data / EXtra-geom
  await page.getByTestId('copy-python').click();
  const code = page.getByTestId('python-code');
  await expect(code).toContainText(`sel = sel.select_trains(by_id[${trains[0]}:${trains.at(-1)! + 1}])`);
  await expect(code).toContainText("mean_per_pulse = arr.mean(dim='train')");
  await expect(code).toContainText('geom.position_modules(mean_per_pulse.isel(pulse=2).values)');
  await page.getByRole('button', { name: 'Close' }).click();

  // All pulses: a different value (pulses differ in this run), still a number
  await page.getByTestId('mean-pulse').selectOption('');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await expect.poll(() => hoverValue(page, at.x, at.y)).not.toBeCloseTo(mean, 2);
  await page.getByTestId('mean-back').click();
  await expect(page.getByTestId('mean-compute')).toBeVisible();
  expect((await viewState(page)).errors).toEqual([]);
  net.assertSameOrigin();
});

/** A long LPD run of two modules (gzip, so every frame costs a decompression), written for the cancel test and removed after. */
test.describe('a long detector run', () => {
  let longRun = '';
  test.beforeAll(async () => {
    longRun = join(await mkdtemp(join(tmpdir(), 'xfel-e2e-mean-')), 'r0042');
    await writeSyntheticRun(longRun, { runNumber: 42, nTrains: 300, detector: { type: 'LPD', framesPerTrain: 4, modules: [0, 1], gzip: 1 } });
  });
  test.afterAll(() => rm(dirname(longRun), { recursive: true, force: true }));

  test('cancelling a mean over many trains stops it, and the next mean runs on new pool workers', async ({ page }) => {
    const net = watchRequests(page);
    const poolWorkers: string[] = [];
    page.on('worker', (w) => { if (/reductionWorker/.test(w.url())) poolWorkers.push(w.url()); });
    await page.goto('/');
    await page.getByTestId('folder-input').setInputFiles(longRun);
    await expect(page.getByTestId('run-summary')).toBeVisible();
    await page.getByTestId('tab-detector').click();
    await expect(page.getByTestId('mean-compute')).toBeEnabled();
    // Cancelled in its own row of the status bar as soon as that shows: the whole mean takes about a second here.
    expect(await cancelWhenShown(page, 'Mean per pulse', 'mean-compute')).toMatch(/Mean per pulse of .* over 300 trains/);
    await expect(page.getByTestId('progress')).toHaveCount(0);
    // The result of the cancelled mean never shows, and nothing is reported.
    await page.waitForTimeout(2000);
    await expect(page.getByTestId('mean-status')).toHaveCount(0);
    expect((await viewState(page)).errors).toEqual([]);
    const beforeNext = poolWorkers.length;

    const { run } = await viewState(page);
    const ids: number[] = run.detectors[0].trainIds;
    await page.getByTestId('mean-to').fill(String(ids[2]));
    await page.getByTestId('mean-compute').click();
    await expect(page.getByTestId('mean-status')).toContainText('Mean of 3 trains');
    await expect(page.getByTestId('detector-image')).toHaveAttribute('data-ready', 'true');
    expect(poolWorkers.length).toBeGreaterThan(beforeNext); // the cancelled mean's workers were terminated
    expect((await viewState(page)).errors).toEqual([]);
    net.assertSameOrigin();
  });
});

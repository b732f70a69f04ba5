// Dark subtraction in the Detector panel: a dark train range of the same run, its per-pulse
// mean computed in the worker (progress bar), subtracted from the painted image's pixels.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { FIXTURES, hoverValue, openFolder, requireOracle, screenshot, showTrain, viewState, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

/** The AGIPD run in the Detector tab: its trains with frames, the image, and a point on module Q1M1 (not a gap). */
async function agipdDetectorTab(page: Page) {
  await page.goto('/');
  await openFolder(page, 'spb-agipd-run');
  const trains: number[] = (await viewState(page)).run.detectors[0].trainIds;
  await page.getByTestId('tab-detector').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const box = (await img.boundingBox())!;
  return { trains, img, at: { x: box.width * 0.7, y: box.height * 0.2 } };
}

test('a dark train range’s per-pulse mean is subtracted from the painted image, and cleared again', async ({ page }) => {
  const net = watchRequests(page);
  const { trains, img, at } = await agipdDetectorTab(page);

  // Raw values of pulse 1 at this pixel in the dark trains (the first two) and in the third.
  await page.getByTestId('pulse-index').fill('1');
  const raw: number[] = [];
  for (const t of trains.slice(0, 3)) {
    await showTrain(page, t);
    await expect.poll(() => hoverValue(page, at.x, at.y)).not.toBeNaN();
    raw.push(await hoverValue(page, at.x, at.y));
  }
  expect((await viewState(page)).trainId).toBe(trains[2]);

  await page.getByTestId('dark-first').fill(String(trains[0]));
  await page.getByTestId('dark-last').fill(String(trains[1]));
  await page.getByTestId('dark-by').selectOption('pulseId');
  await page.getByTestId('dark-apply').click();
  await expect(page.getByTestId('dark-status')).toContainText('mean per pulse of 2 trains');
  await expect(page.getByTestId('progress')).toHaveCount(0);
  await expect(img).toHaveAttribute('data-ready', 'true');
  const darkMean = (raw[0] + raw[1]) / 2;
  await expect.poll(() => hoverValue(page, at.x, at.y)).toBeCloseTo(raw[2] - darkMean, 3);
  // A dark train itself: raw minus the mean of itself and the other dark train.
  await showTrain(page, trains[0]);
  await expect.poll(() => hoverValue(page, at.x, at.y)).toBeCloseTo(raw[0] - darkMean, 3);
  await screenshot(page, 'detector-dark');

  await page.getByTestId('dark-clear').click();
  await expect(page.getByTestId('dark-status')).toHaveText('No dark subtracted');
  await expect.poll(() => hoverValue(page, at.x, at.y)).toBeCloseTo(raw[0], 3);
  net.assertSameOrigin();
});

test('a dark run opened beside the shown run gives the same subtraction as the same trains of this run', async ({ page }) => {
  const net = watchRequests(page);
  const { trains, img, at } = await agipdDetectorTab(page);
  await page.getByTestId('pulse-index').fill('1');
  await showTrain(page, trains[2]);
  await expect.poll(() => hoverValue(page, at.x, at.y)).not.toBeNaN();

  // The same folder, opened as a dark run: its first two trains
  await page.getByTestId('dark-run-input').setInputFiles(join(FIXTURES, 'spb-agipd-run'));
  await expect(page.getByTestId('dark-source')).toHaveText('spb-agipd-run');
  await page.getByTestId('dark-first').fill(String(trains[0]));
  await page.getByTestId('dark-last').fill(String(trains[1]));
  await page.getByTestId('dark-apply').click();
  await expect(page.getByTestId('dark-status')).toContainText('of 2 trains of spb-agipd-run');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const fromDarkRun = await hoverValue(page, at.x, at.y);

  await page.getByTestId('dark-this-run').click();
  await expect(page.getByTestId('dark-source')).toHaveText('this run');
  await page.getByTestId('dark-first').fill(String(trains[0]));
  await page.getByTestId('dark-last').fill(String(trains[1]));
  await page.getByTestId('dark-apply').click();
  await expect(page.getByTestId('dark-status')).toContainText('of 2 trains of this run');
  await expect.poll(() => hoverValue(page, at.x, at.y)).toBeCloseTo(fromDarkRun, 3);
  expect((await viewState(page)).errors).toEqual([]);
  net.assertSameOrigin();
});

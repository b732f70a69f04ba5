// Browser benchmark (issue 4's Performance), not a timed test: runs only with E2E_BENCH=1
// and writes JSON to e2e/artifacts/bench-browser.json. Measures, on the demo run's AGIPD
// data, pulse step → new assembled image painted, and the longest main-thread tasks (also
// while scrubbing trains on the Train panel, until its table shows the last train).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS } from './helpers';

test.skip(!process.env.E2E_BENCH, 'benchmark: set E2E_BENCH=1 to run it');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('pulse step to painted detector image', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('demo-run').click();
  await expect(page.getByTestId('run-summary')).toBeVisible();
  await page.getByTestId('tab-detector').click();
  await page.getByTestId('next-detector-train').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });

  const steps: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const ms = await page.evaluate((pulse) => new Promise<number>((resolve) => {
      const canvas = document.querySelector('[data-testid=detector-image]')!;
      const input = document.querySelector<HTMLInputElement>('[data-testid=pulse-index]')!;
      const t0 = performance.now();
      const seenFalse = { v: false };
      const obs = new MutationObserver(() => {
        const ready = canvas.getAttribute('data-ready') === 'true';
        if (!ready) seenFalse.v = true;
        if (ready && seenFalse.v) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }
      });
      obs.observe(canvas, { attributes: true, attributeFilter: ['data-ready'] });
      // React listens to the native setter + input event
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(pulse));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }), i % 3);
    steps.push(ms);
  }
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const renderer = await img.getAttribute('data-renderer');

  // Scrubbing trains on the Train panel: the longest main-thread tasks while it follows, from
  // a table showing its train until it shows the last train stepped to.
  await page.getByTestId('tab-train').click();
  const table = page.getByTestId('train-table');
  await expect(table).toHaveAttribute('data-train-id', (await page.getByTestId('train-id').textContent())!);
  const rows = await table.locator('tbody tr').count();
  await page.evaluate(() => { (window as unknown as { longTasks: number[] }).longTasks = []; });
  const t0 = Date.now();
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  const scrubMs = Date.now() - t0;
  await expect(table).toHaveAttribute('data-train-id', (await page.getByTestId('train-id').textContent())!);
  const settledMs = Date.now() - t0;
  await page.waitForTimeout(500);
  const scrubTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const result = {
    what: 'demo run AGIPD 16 modules, fast assembly; pulse step → painted (ms)',
    // --disable-gpu: WebGL runs on SwiftShader (CPU), so texture uploads cost more than on a GPU
    renderer,
    pulseStepMedianMs: median(steps),
    pulseStepMs: steps.map((x) => Math.round(x * 10) / 10),
    longestMainThreadTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
    longTasksOver50Ms: longTasks.filter((d) => d > 50).length,
    trainScrub: { steps: 40, rows, ms: scrubMs, settledMs, longestMainThreadTaskMs: scrubTasks.length ? Math.max(...scrubTasks) : 0, longTasksOver50Ms: scrubTasks.filter((d) => d > 50).length },
  };
  console.log(JSON.stringify(result));
  mkdirSync(ARTIFACTS, { recursive: true }); // a fresh checkout has none yet
  writeFileSync(join(ARTIFACTS, 'bench-browser.json'), JSON.stringify(result, null, 2));
});

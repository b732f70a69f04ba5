// The detector ROI drawn with the mouse on the assembled image (shown turned by 180°): the
// typed numbers follow the drag, the rectangle stays drawn over the dragged area, a click or
// Escape keeps it, and its values per train are those of the same rectangle typed by hand.
import { expect, test, type Page } from '@playwright/test';
import { openFolder, requireOracle, screenshot, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

type Rect = { x0: number; x1: number; y0: number; y1: number };
type PlotEl = Element & { data: Array<{ x: number[]; y: number[] }>; layout: { title: { text: string } } };

function store<T>(page: Page, pick: (s: Record<string, unknown>) => T): Promise<T> {
  return page.evaluate(`(${pick.toString()})(window.xfelViewer.store.getState())`) as Promise<T>;
}

async function roiFields(page: Page): Promise<Rect> {
  const v = async (n: string) => Number(await page.getByTestId(`roi-${n}`).inputValue());
  return { x0: await v('x0'), x1: await v('x1'), y0: await v('y0'), y1: await v('y1') };
}

async function perTrain(page: Page): Promise<{ title: string; x: number[]; y: number[] }> {
  const plot = page.getByTestId('roi-train-plot');
  await expect(plot).toHaveAttribute('data-ready', 'true');
  return plot.evaluate((el) => {
    const p = el as unknown as PlotEl;
    return { title: p.layout.title.text, x: Array.from(p.data[0].x), y: Array.from(p.data[0].y) };
  });
}

test('a rectangle dragged on the image sets the ROI, stays drawn over it, and is reduced like a typed one', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'spb-agipd-run');
  await page.getByTestId('tab-detector').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const box = (await img.boundingBox())!;
  const image = (await store(page, (s) => s.detectorImageSize)) as { width: number; height: number };
  expect(image.width).toBeGreaterThan(100);

  // Whole CSS px on the page, on module Q1M1 and its neighbours (not only gaps).
  const from = { x: Math.round(box.x + box.width * 0.55), y: Math.round(box.y + box.height * 0.12) };
  const to = { x: Math.round(box.x + box.width * 0.8), y: Math.round(box.y + box.height * 0.3) };
  // The array pixel under a page point: the screen pixel, turned by 180°.
  const col = (x: number) => image.width - 1 - Math.floor(((x - box.x) / box.width) * image.width);
  const row = (y: number) => image.height - 1 - Math.floor(((y - box.y) / box.height) * image.height);
  const expected: Rect = { x0: col(to.x), x1: col(from.x) + 1, y0: row(to.y), y1: row(from.y) + 1 };

  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await expect(page.getByTestId('roi-rubber-band')).toBeVisible();
  await page.mouse.up();
  await expect(page.getByTestId('roi-rubber-band')).toHaveCount(0);
  expect(await roiFields(page)).toEqual(expected);
  expect(await store(page, (s) => s.roi)).toEqual(expected);
  // …and in the URL hash, so that a shared link shows it.
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('roi')).toBe(`${expected.x0},${expected.x1},${expected.y0},${expected.y1}`);

  // The overlay covers the dragged area, to within one image pixel of its corners.
  const overlay = page.getByTestId('roi-overlay');
  await expect(overlay).toBeVisible();
  const pixel = box.width / image.width;
  const o = (await overlay.boundingBox())!;
  expect(o.x).toBeLessThanOrEqual(from.x + 0.5);
  expect(o.x).toBeGreaterThan(from.x - pixel - 2);
  expect(o.y).toBeLessThanOrEqual(from.y + 0.5);
  expect(o.y).toBeGreaterThan(from.y - pixel - 2);
  expect(o.x + o.width).toBeGreaterThanOrEqual(to.x - 0.5);
  expect(o.x + o.width).toBeLessThan(to.x + pixel + 2);
  expect(o.y + o.height).toBeGreaterThanOrEqual(to.y - 0.5);
  expect(o.y + o.height).toBeLessThan(to.y + pixel + 2);
  await screenshot(page, 'detector-roi-drawn');

  // A plain click elsewhere keeps the ROI, and the hover readout still reads pixels.
  const elsewhere = { x: Math.round(box.x + box.width * 0.3), y: Math.round(box.y + box.height * 0.7) };
  await page.mouse.move(elsewhere.x, elsewhere.y);
  await page.mouse.down();
  await page.mouse.move(elsewhere.x + 1, elsewhere.y + 1);
  await page.mouse.up();
  expect(await roiFields(page)).toEqual(expected);
  // Escape abandons a drag.
  await page.mouse.down();
  await page.mouse.move(elsewhere.x + 40, elsewhere.y + 30, { steps: 3 });
  await expect(page.getByTestId('roi-rubber-band')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('roi-rubber-band')).toHaveCount(0);
  await page.mouse.up();
  expect(await roiFields(page)).toEqual(expected);
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.2);
  await expect(page.getByTestId('hover-readout')).toContainText('value');

  // Typed numbers move the drawn rectangle: a column fewer on the array's right is one fewer on the screen's left.
  await page.getByTestId('roi-x1').fill(String(expected.x1 - 20));
  await expect.poll(async () => (await overlay.boundingBox())!.x).toBeCloseTo(o.x + 20 * pixel, 0);
  await page.getByTestId('roi-x1').fill(String(expected.x1));
  await expect.poll(async () => (await overlay.boundingBox())!.x).toBeCloseTo(o.x, 0);

  await page.getByTestId('roi-compute').click();
  const where = `x ${expected.x0}–${expected.x1}, y ${expected.y0}–${expected.y1}`;
  const dragged = await perTrain(page);
  expect(dragged.title).toContain(where);
  expect(dragged.y.length).toBeGreaterThan(0);
  expect(dragged.y.every(Number.isFinite)).toBe(true);

  // Cleared: no rectangle, no numbers, no plots. Then the same rectangle typed by hand.
  await page.getByTestId('roi-clear').click();
  await expect(overlay).toHaveCount(0);
  await expect(page.getByTestId('roi-train-plot')).toHaveCount(0);
  expect(await page.getByTestId('roi-x0').inputValue()).toBe('');
  for (const n of ['x0', 'x1', 'y0', 'y1'] as const) await page.getByTestId(`roi-${n}`).fill(String(expected[n]));
  await expect(overlay).toBeVisible();
  await page.getByTestId('roi-compute').click();
  const typed = await perTrain(page);
  expect(typed.title).toContain(where);
  expect(dragged.x).toEqual(typed.x);
  expect(dragged.y).toEqual(typed.y);
  await page.getByTestId('roi-train-plot').scrollIntoViewIfNeeded();
  await screenshot(page, 'detector-roi-plots');

  // Copy as Python: the same rectangle and reduction, over every train and pulse, with EXtra-geom's assembly
  await page.getByTestId('roi-how').selectOption('sum');
  await page.getByTestId('copy-python').click();
  const code = page.getByTestId('python-code');
  await expect(code).toContainText('images, centre = geom.position_modules(');
  await expect(code).toContainText(`roi_per_pulse = np.nansum(images[..., ${expected.y0}:${expected.y1}, ${expected.x0}:${expected.x1}], axis=(-2, -1))`);
  await expect(code).not.toContainText('select_trains');
  net.assertSameOrigin();
});

test('a 1×1 ROI at the array pixel under the mouse (through the 180° turn) holds the hover readout’s value', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'spb-agipd-run');
  const firstWithFrames = await store(page, (s) => (s.run as { detectors: Array<{ trainIds: number[] }> }).detectors[0].trainIds[0]);
  await page.evaluate(`window.xfelViewer.store.setState({ trainId: ${firstWithFrames}, pulse: 0 })`);
  await page.getByTestId('tab-detector').click();
  const img = page.getByTestId('detector-image');
  await expect(img).toHaveAttribute('data-ready', 'true');
  const box = (await img.boundingBox())!;
  const image = (await store(page, (s) => s.detectorImageSize)) as { width: number; height: number };

  const at = { x: Math.round(box.x + box.width * 0.7), y: Math.round(box.y + box.height * 0.2) }; // on module Q1M1
  await page.mouse.move(at.x + 1, at.y);
  await page.mouse.move(at.x, at.y);
  await expect(page.getByTestId('hover-readout')).toContainText('module');
  const value = Number(/value (\S+)/.exec((await page.getByTestId('hover-readout').textContent()) ?? '')?.[1]);
  expect(value).not.toBeNaN();

  const col = image.width - 1 - Math.floor(((at.x - box.x) / box.width) * image.width);
  const row = image.height - 1 - Math.floor(((at.y - box.y) / box.height) * image.height);
  for (const [n, v] of [['x0', col], ['x1', col + 1], ['y0', row], ['y1', row + 1]] as const) await page.getByTestId(`roi-${n}`).fill(String(v));
  await expect(page.getByTestId('roi-size')).toHaveText('1 × 1 px');
  await page.getByTestId('roi-compute').click();
  const plot = page.getByTestId('roi-pulse-plot');
  await expect(plot).toHaveAttribute('data-ready', 'true');
  // The first frame: train `firstWithFrames`, pulse 0, the one painted.
  const first = await plot.evaluate((el) => (el as unknown as PlotEl).data[0].y[0]);
  expect(first).toBe(value);
  net.assertSameOrigin();
});

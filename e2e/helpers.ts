// Shared by the specs: where the oracle is, opening fixtures the ways a user can, the store,
// screenshots, and the check that no request leaves the page's origin.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';

export const ORACLE = resolve(import.meta.dirname, '../../shared/oracle');
export const FIXTURES = join(ORACLE, 'fixtures');
export const REFS = join(ORACLE, 'refs', 'extra_data-1.24.0');
export const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');

/** Oracle-dependent specs skip with one clear line when ../shared is absent (and fail under CI). */
export function requireOracle(): void {
  const present = existsSync(FIXTURES);
  if (!present && process.env.CI === 'true') throw new Error(`CI=true but no oracle at ${ORACLE}`);
  test.skip(!present, `skipped: no ../shared/oracle at ${ORACLE}`);
}

export function ref(caseName: string, question: string) {
  return JSON.parse(readFileSync(join(REFS, caseName, `${question}.json`), 'utf8'));
}

/**
 * Records every request to another origin and every Content-Security-Policy violation;
 * call `assertSameOrigin()` at the end of a test.
 */
export function watchRequests(page: Page) {
  const foreign: string[] = [];
  const violations: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== `http://localhost:${process.env.E2E_PORT ?? 4173}`) foreign.push(req.url());
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return {
    assertSameOrigin: () => {
      expect(foreign, 'requests leaving the origin').toEqual([]);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
  };
}

export async function openFolder(page: Page, caseName: string): Promise<void> {
  await page.getByTestId('folder-input').setInputFiles(join(FIXTURES, caseName));
  await expect(page.getByTestId('run-summary')).toBeVisible();
}

/** Drops files on the page as a drag-and-drop from a file manager would (a DataTransfer of Files). */
export async function dropFiles(page: Page, paths: string[]): Promise<void> {
  const files = paths.map((p) => ({ name: p.split('/').pop()!, b64: readFileSync(p).toString('base64') }));
  const dt = await page.evaluateHandle((list) => {
    const t = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      t.items.add(new File([bytes], f.name));
    }
    return t;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dt });
}

export function h5FilesIn(caseName: string): string[] {
  const dir = join(FIXTURES, caseName);
  return readdirSync(dir).filter((f) => f.endsWith('.h5')).sort().map((f) => join(dir, f));
}

/** The app's view state (run summary with trainIds, train, pulse, tab…), read from its store. */
export function viewState(page: Page): Promise<Record<string, any>> {
  return page.evaluate(() => {
    const s = (window as unknown as { xfelViewer: { store: { getState(): Record<string, unknown> } } }).xfelViewer.store.getState();
    const { run, trainId, pulse, tab, source, key, errors } = s;
    return { run, trainId, pulse, tab, source, key, errors };
  });
}

export async function readDownload(d: Download): Promise<string> {
  let out = '';
  for await (const chunk of await d.createReadStream()) out += chunk;
  return out;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** The hover readout's value at a point of the detector image (moved off and back, so it updates). */
export async function hoverValue(page: Page, x: number, y: number): Promise<number> {
  const img = page.getByTestId('detector-image');
  await img.hover({ position: { x: x + 1, y } });
  await img.hover({ position: { x, y } });
  const text = await page.getByTestId('hover-readout').textContent();
  return Number(/value (\S+)/.exec(text ?? '')?.[1] ?? NaN);
}

/** Goes to a train through the store, and waits for its detector image. */
export async function showTrain(page: Page, trainId: number): Promise<void> {
  await page.evaluate((t) => (window as unknown as { xfelViewer: { store: { setState(s: object): void } } }).xfelViewer.store.setState({ trainId: t }), trainId);
  await expect(page.getByTestId('detector-image')).toHaveAttribute('data-ready', 'true');
}

/**
 * Cancel in the status-bar row whose text holds `label`, clicked inside the page as soon as
 * that row shows — after clicking the button `startTestId` first, when given, in the same
 * step: work that ends within a second could end during the waits of a Playwright click.
 * Returns the row's text.
 */
export async function cancelWhenShown(page: Page, label: string, startTestId?: string): Promise<string> {
  const row = await page.evaluate(async ({ startTestId, label }) => {
    if (startTestId) (document.querySelector(`[data-testid="${startTestId}"]`) as HTMLButtonElement).click();
    for (let frame = 0; frame < 600; frame++) {
      const shown = [...document.querySelectorAll('[data-testid=progress]')].find((r) => r.textContent?.includes(label));
      const cancel = shown?.querySelector('button');
      if (cancel) {
        cancel.click();
        return shown!.textContent ?? '';
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
    return null;
  }, { startTestId, label });
  expect(row, `a status-bar row for "${label}"`).not.toBeNull();
  return row!;
}

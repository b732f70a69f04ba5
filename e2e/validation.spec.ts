// Issue 5's Validation panel: a broken fixture's problems (as EXtra-data 1.24 finds them),
// checked in the worker, grouped by file and check; a good run has none.
import { expect, test } from '@playwright/test';
import { openFolder, ref, requireOracle, screenshot, watchRequests } from './helpers';

test.beforeEach(() => requireOracle());

test('the Validation tab lists a broken run\'s problems by file and check', async ({ page }) => {
  const net = watchRequests(page);
  await page.goto('/');
  await openFolder(page, 'broken-index-past-end');
  await page.getByTestId('tab-validation').click();
  // The status bar's progress shows while the worker checks the files (too briefly to wait for).
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => { w.sawProgress ||= !!document.querySelector('[data-testid=progress]'); })
      .observe(document.body, { subtree: true, childList: true });
  });
  await page.getByTestId('validate-run').click();

  const problems = page.getByTestId('validation-problem');
  const expected: Array<{ msg: string; dataset?: string; file?: string }> = ref('broken-index-past-end', 'validation').cases[0].result;
  await expect(problems).toHaveCount(expected.length);
  const shown = await problems.evaluateAll((els) => els.map((el) => ({
    msg: el.querySelector('[data-testid=problem-msg]')!.textContent,
    dataset: el.getAttribute('data-dataset') || undefined,
    file: el.closest('[data-testid=validation-file]')!.getAttribute('data-file'),
  })));
  const key = (p: { msg: string | null; dataset?: string; file?: string | null }) => `${p.file}|${p.dataset ?? ''}|${p.msg}`;
  expect(shown.map(key).sort()).toEqual(expected.map((p) => key({ ...p, file: p.file?.split('/').pop() })).sort());
  await expect(page.getByTestId('validation-file')).toHaveCount(1);
  expect(await page.getByTestId('validation-check').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('validation-summary')).toContainText(`${expected.length} problems`);
  expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
  await screenshot(page, 'validation');
  net.assertSameOrigin();
});

test('a good run has no problems', async ({ page }) => {
  await page.goto('/');
  await openFolder(page, 'fxe-lpd-run');
  await page.getByTestId('tab-validation').click();
  await page.getByTestId('validate-run').click();
  await expect(page.getByTestId('validation-ok')).toContainText('No problems found');
});

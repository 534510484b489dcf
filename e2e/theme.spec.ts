import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The scheme the page is painted in, as CSS resolved it. */
const scheme = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** The theme, chosen in the header's Display menu. */
async function choose(page: Page, label: 'System' | 'Light' | 'Dark') {
  await page.getByRole('button', { name: 'Display' }).click();
  const group = page.getByRole('group', { name: 'Theme' });
  await group.getByRole('radio', { name: label }).check();
  await page.keyboard.press('Escape');
  await expect(group).toBeHidden();
}
/** The theme the Display menu shows as chosen. */
async function chosen(page: Page, label: 'System' | 'Light' | 'Dark') {
  await page.getByRole('button', { name: 'Display' }).click();
  await expect(page.getByRole('radio', { name: label })).toBeChecked();
  await page.keyboard.press('Escape');
}

test('System follows the emulated colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await chosen(page, 'System');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe('rgb(255, 255, 255)');
});

test('a chosen theme overrides the system and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await choose(page, 'Dark');
  await expect.poll(() => scheme(page)).toBe('dark');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');

  await page.reload();
  await chosen(page, 'Dark');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');

  await page.emulateMedia({ colorScheme: 'dark' });
  await choose(page, 'Light');
  await page.reload();
  await chosen(page, 'Light');
  await expect.poll(() => background(page)).toBe('rgb(255, 255, 255)');

  // Back to System: the dark system wins again, also after a reload.
  await choose(page, 'System');
  await page.reload();
  await chosen(page, 'System');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');
});

/** Rows wholly inside the list's window. */
const rowsInView = (page: Page) =>
  page.getByTestId('list-scroller').evaluate((scroller) => {
    const window = scroller.getBoundingClientRect();
    return [...scroller.querySelectorAll('[role="row"][data-id]')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= window.top - 0.5 && box.bottom <= window.bottom + 0.5;
    }).length;
  });

test('compact density shows at least 18 rows in a 900 px tall window, readable, and is remembered', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const grid = page.getByRole('grid', { name: 'Conversations' });
  await expect(grid.getByRole('link').first()).toBeVisible();
  expect(await rowsInView(page)).toBeLessThan(18);

  await page.getByRole('button', { name: 'Display' }).click();
  await page
    .getByRole('group', { name: 'Density' })
    .getByRole('radio', { name: 'Compact' })
    .check();
  await page.keyboard.press('Escape');
  await expect.poll(() => rowsInView(page)).toBeGreaterThanOrEqual(18);
  // One line a row, and still the name, the preview and the time side by side.
  const row = grid.locator('[role="row"][data-id]').first();
  const boxOf = async (part: ReturnType<Page['locator']>) =>
    (await part.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  const name = await boxOf(row.getByRole('link'));
  const preview = await boxOf(row.locator('p').first());
  const time = await boxOf(row.locator('time'));
  expect(name.width).toBeGreaterThan(80);
  expect(preview.width).toBeGreaterThan(200);
  expect(preview.x).toBeGreaterThanOrEqual(name.x + name.width);
  expect(time.x).toBeGreaterThanOrEqual(preview.x + preview.width);

  await page.reload();
  await expect(grid.getByRole('link').first()).toBeVisible();
  await expect.poll(() => rowsInView(page)).toBeGreaterThanOrEqual(18);
});

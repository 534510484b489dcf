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

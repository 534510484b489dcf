import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The scheme the page is painted in, as CSS resolved it. */
const scheme = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' });

test('System follows the emulated colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(themeSelect(page)).toHaveValue('system');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe('rgb(255, 255, 255)');
});

test('a chosen theme overrides the system and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await themeSelect(page).selectOption({ label: 'Dark' });
  await expect.poll(() => scheme(page)).toBe('dark');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');

  await page.reload();
  await expect(themeSelect(page)).toHaveValue('dark');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');

  await page.emulateMedia({ colorScheme: 'dark' });
  await themeSelect(page).selectOption({ label: 'Light' });
  await page.reload();
  await expect(themeSelect(page)).toHaveValue('light');
  await expect.poll(() => background(page)).toBe('rgb(255, 255, 255)');

  // Back to System: the dark system wins again, also after a reload.
  await themeSelect(page).selectOption({ label: 'System' });
  await page.reload();
  await expect(themeSelect(page)).toHaveValue('system');
  await expect.poll(() => background(page)).toBe('rgb(11, 17, 32)');
});

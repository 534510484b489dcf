/**
 * Every width works (issue 15): from a phone to a wide monitor, with the reading pane open
 * or closed, a row's name, preview and time are readable, the header's cells never
 * overlap, and nothing spills sideways. Columns give way instead (columns.tsx).
 */
import type { Locator, Page } from '@playwright/test';
import { conversationGrid as list, expect, test } from './fixtures.ts';

const widths = [360, 390, 768, 900, 1024, 1280, 1440, 1920];
/** The least a customer's name gets, in CSS pixels: about a dozen characters. */
const minNamePx = 110;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const box = async (locator: Locator): Promise<Box> => {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`no box for ${String(locator)}`);
  return found;
};
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

async function expectReadableRows(page: Page, width: number) {
  const grid = list(page);
  const rows = grid.locator('[role="row"][aria-rowindex]').filter({ has: page.getByRole('link') });
  await expect(rows.first()).toBeVisible();
  for (let n = 0; n < 3; n += 1) {
    const row = rows.nth(n);
    const name = await box(row.getByRole('link'));
    const preview = await box(row.locator('p').first());
    const time = await box(row.locator('time'));
    expect(name.width, `the name at ${width}px`).toBeGreaterThanOrEqual(minNamePx);
    expect(preview.width, `the preview at ${width}px`).toBeGreaterThanOrEqual(minNamePx);
    // Inside the window, and beside the name rather than over it.
    expect(time.x + time.width).toBeLessThanOrEqual(width);
    expect(name.x).toBeGreaterThanOrEqual(0);
    expect(overlap(name, time)).toBe(false);
    expect(overlap(preview, time)).toBe(false);
  }
  const headers = await Promise.all(
    (await grid.getByRole('columnheader').all()).map((header) => box(header)),
  );
  for (let i = 0; i < headers.length; i += 1) {
    for (let j = i + 1; j < headers.length; j += 1) {
      expect(overlap(headers[i] as Box, headers[j] as Box), `headers ${i} and ${j}`).toBe(false);
    }
  }
  // Nothing spills sideways: the page and the list fit the window.
  const spill = await page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="list-scroller"]');
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      list: scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
    };
  });
  expect(spill).toEqual({ page: 0, list: 0 });
}

for (const width of widths) {
  test(`at ${width}px the list is readable, the pane closed and open`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');
    await expectReadableRows(page, width);

    const first = list(page).getByRole('link').first();
    const name = ((await first.textContent()) ?? '').replace(' (unread)', '');
    await first.click();
    const pane = page.getByRole('complementary', { name: 'Reading pane' });
    await expect(pane.getByRole('heading', { level: 2 })).toHaveText(name);
    if (width < 768) {
      // A phone shows the conversation as a screen of its own.
      const paneBox = await box(pane);
      expect(paneBox.width).toBeGreaterThanOrEqual(width - 1);
      return;
    }
    // Beside the pane, the list still shows names, previews and times.
    await expectReadableRows(page, (await box(pane)).x);
  });
}

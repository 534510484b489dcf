import type { Locator, Page } from '@playwright/test';
import { conversationGrid as list, expect, idFromHref, test } from './fixtures.ts';

/** Data row n (0-based): aria-rowindex counts the header as 1. */
const row = (page: Page, n: number) => list(page).locator(`[role="row"][aria-rowindex="${n + 2}"]`);
const focused = (page: Page) => page.locator(':focus');
const idOf = async (r: Locator) => idFromHref(await r.getByRole('link').getAttribute('href'));

async function expectFocusOnRow(page: Page, n: number) {
  await expect(focused(page)).toHaveAttribute('role', 'row');
  await expect(focused(page)).toHaveAttribute('aria-rowindex', String(n + 2));
  await expect(focused(page)).toBeInViewport();
}

test('a full triage without the mouse', async ({ page, api, provider }) => {
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();

  // g then a view letter: the view is in the URL and marked current in the rail.
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page).toHaveURL(/\/\?read=unread$/);
  await expect(page.getByRole('link', { name: /^Unread/ })).toHaveAttribute('aria-current', 'page');
  await expect(row(page, 0).getByRole('link')).toHaveAccessibleName(/\(unread\)$/);

  // j moves real focus onto the rows; x selects three of them.
  await page.keyboard.press('j');
  await expectFocusOnRow(page, 0);
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expectFocusOnRow(page, 2);
  for (const n of [0, 1, 2]) await expect(row(page, n)).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 3)).toHaveAttribute('aria-selected', 'false');
  const toolbar = page.getByRole('toolbar', { name: 'Selected conversations' });
  await expect(toolbar).toContainText('3 selected');
  const picked = await Promise.all([0, 1, 2].map((n) => idOf(row(page, n))));

  // s stars the selection (only HighLevel can star).
  if (provider === 'highlevel') {
    const stars = [0, 1, 2].map((n) =>
      row(page, n).getByRole('button', { name: /^Star conversation/ }),
    );
    const before = await Promise.all(stars.map((s) => s.getAttribute('aria-pressed')));
    const expected = before.every((p) => p === 'true') ? 'false' : 'true';
    await page.keyboard.press('s');
    for (const star of stars) await expect(star).toHaveAttribute('aria-pressed', expected);
    for (const id of picked) {
      await expect.poll(async () => (await api.state(id)).starred).toBe(expected === 'true');
    }
  } else {
    // Exante has no stars: s says so instead of doing nothing.
    await page.keyboard.press('s');
    await expect(
      page.getByRole('status').filter({ hasText: 'This API has no stars.' }),
    ).toBeVisible();
  }

  // Esc with no pane open drops the selection.
  await page.keyboard.press('Escape');
  await expect(toolbar).toHaveCount(0);
  await expect(row(page, 0)).toHaveAttribute('aria-selected', 'false');

  // Shift+I marks the focused row read: its badge goes, and the API agrees.
  await page.keyboard.press('j');
  await expectFocusOnRow(page, 3);
  const readId = await idOf(row(page, 3));
  expect((await api.state(readId)).unread).toBe(true);
  await page.keyboard.press('Shift+I');
  await expect(row(page, 3).getByRole('link')).not.toHaveAccessibleName(/\(unread\)$/);
  await expect(row(page, 3).getByLabel(/unread|Unread/)).toHaveCount(0);
  await expect.poll(async () => (await api.state(readId)).unread).toBe(false);
  // The other rows kept their state.
  expect((await api.state(picked[0] ?? '')).unread).toBe(true);

  // Enter opens the focused row in the reading pane; Esc closes it, focus back on the row.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/conversations/${readId}\\?read=unread$`));
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  await expect(pane).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);
  await expect(page).toHaveURL(/\/\?read=unread$/);
  await expectFocusOnRow(page, 3);

  // / goes to search without typing the slash; the query lands in the URL.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
  await page.keyboard.type('refund');
  await expect(page).toHaveURL(/q=refund/);
});

test('shortcuts stay quiet while typing and with modifier keys', async ({ page }) => {
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  await search.click();
  await page.keyboard.type('jxs?/');
  await expect(search).toHaveValue('jxs?/');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Selected conversations' })).toHaveCount(0);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+j');
  await page.keyboard.press('Alt+x');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role') ?? null)).toBe(
    null,
  );
  await expect(list(page).locator('[aria-selected="true"]')).toHaveCount(0);
});

test('focus follows j/k past the viewport and survives the row being recycled', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  for (let i = 0; i < 25; i++) await page.keyboard.press('j');
  await expectFocusOnRow(page, 24);
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await expectFocusOnRow(page, 23);
  // Exactly one row is the tab stop.
  await expect(list(page).locator('[role="row"][tabindex="0"]')).toHaveCount(1);

  // Scroll far away: the focused row leaves the DOM. Back again, it has focus once more.
  const scroller = list(page).getByRole('rowgroup').nth(1);
  await scroller.evaluate((el) => (el.scrollTop = 3000));
  await expect(row(page, 23)).toHaveCount(0);
  await scroller.evaluate((el) => (el.scrollTop = 23 * 68 - 100));
  await expectFocusOnRow(page, 23);
  await page.keyboard.press('j');
  await expectFocusOnRow(page, 24);
});

test('Shift+j and Shift+click select ranges; the toolbar acts on the selection', async ({
  page,
  api,
}) => {
  await page.goto('/?read=read');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('Shift+J');
  await page.keyboard.press('Shift+J');
  await expectFocusOnRow(page, 2);
  const toolbar = page.getByRole('toolbar', { name: 'Selected conversations' });
  await expect(toolbar).toContainText('3 selected');

  // Shift+click on a row's checkbox extends from the anchor (row 0) to it.
  const name = (await row(page, 5).getByRole('link').textContent()) ?? '';
  await row(page, 5)
    .getByRole('checkbox', { name: `Select ${name}` })
    .click({ modifiers: ['Shift'] });
  await expect(toolbar).toContainText('6 selected');
  for (let n = 0; n < 6; n++) {
    await expect(row(page, n)).toHaveAttribute('aria-selected', 'true');
  }

  const ids = await Promise.all([0, 5].map((n) => idOf(row(page, n))));
  await toolbar.getByRole('button', { name: 'Mark unread' }).click();
  for (const id of ids) await expect.poll(async () => (await api.state(id)).unread).toBe(true);
  await expect(row(page, 5).getByRole('link')).toHaveAccessibleName(/\(unread\)$/);
  await toolbar.getByRole('button', { name: 'Mark read' }).click();
  for (const id of ids) await expect.poll(async () => (await api.state(id)).unread).toBe(false);

  await toolbar.getByRole('button', { name: 'Clear selection' }).click();
  await expect(toolbar).toHaveCount(0);

  // The header checkbox selects every loaded row, and says that is what it does.
  const all = list(page).getByRole('checkbox', { name: 'Select all loaded conversations' });
  await all.check();
  const loaded = await list(page).getByRole('link').count();
  await expect(toolbar).toContainText(/\d+ selected/);
  const selected = Number((await toolbar.textContent())?.match(/([\d,]+) selected/)?.[1]);
  expect(selected).toBeGreaterThanOrEqual(loaded);
  await all.uncheck();
  await expect(toolbar).toHaveCount(0);
});

test('? opens the cheat sheet as a dialog; Esc closes it and focus returns', async ({ page }) => {
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expectFocusOnRow(page, 1);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Mark read');
  // j inside the dialog does not move the list behind it.
  await page.keyboard.press('j');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expectFocusOnRow(page, 1);
});

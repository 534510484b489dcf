/**
 * What an agent reads and where they stand (issue 15): focus they can see, exact times,
 * the right people, and a view that stays the agent's while conversations open and
 * Settings change.
 */
import type { Page } from '@playwright/test';
import { conversationGrid as list, expect, idFromHref, test } from './fixtures.ts';

const row = (page: Page, n: number) => list(page).locator(`[role="row"][aria-rowindex="${n + 2}"]`);
const pane = (page: Page) => page.getByRole('complementary', { name: 'Reading pane' });
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });

for (const scheme of ['light', 'dark'] as const) {
  test(`the focused row shows a ring (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(row(page, 0).getByRole('link')).toBeVisible();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const focused = page.locator(':focus');
    await expect(focused).toHaveAttribute('aria-rowindex', '3');
    const ring = await focused.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBe('2px');
    // Not the row's own background: a ring that is there but cannot be seen is no ring.
    const background = await focused.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(ring.color).not.toBe(background);
  });
}

test('times are exact: the time today, else a day, with the full date on hover', async ({
  page,
}) => {
  await page.goto('/');
  const time = row(page, 0).locator('time');
  await expect(time).toBeVisible();
  const iso = (await time.getAttribute('datetime')) ?? '';
  expect(Number.isNaN(Date.parse(iso))).toBe(false);
  // Today's is a time of day; anything older is a weekday or a date (never "2mo ago").
  await expect(time).toHaveText(
    /^(\d{1,2}:\d{2}( [AP]M)?|Mon|Tue|Wed|Thu|Fri|Sat|Sun|[A-Z][a-z]{2} \d{1,2}(, \d{4})?)$/,
  );
  await time.hover();
  await expect(time).toHaveAttribute('title', /\d{4} at \d{1,2}:\d{2}/);
});

test('where the customer wrote last, the time says how long they have waited', async ({
  page,
  provider,
}) => {
  test.skip(provider === 'exante', 'Exante does not say who wrote last');
  await page.goto('/?direction=inbound');
  const time = row(page, 0).locator('time');
  await time.hover();
  await expect(time).toHaveAttribute('title', /^Waiting since .*\d{4} at \d{1,2}:\d{2}/);
  await row(page, 0).getByRole('link').click();
  await expect(pane(page).getByText('Waiting since')).toBeVisible();
});

test('each message names its author, never "Agent" or "Contact"', async ({ page, provider }) => {
  await page.goto('/');
  await row(page, 0).getByRole('link').click();
  const name = (await pane(page).getByRole('heading').first().textContent()) ?? '';
  const messages = pane(page).getByRole('region', { name: 'Messages' }).getByRole('listitem');
  await expect(messages.first()).toBeVisible();
  const authors = await messages.evaluateAll((items) =>
    items.map((item) => item.querySelector('p span')?.textContent ?? ''),
  );
  expect(authors.length).toBeGreaterThan(0);
  for (const author of authors) expect(['Agent', 'Contact', '']).not.toContain(author);
  // What came in is the customer's, by the name the pane is titled with (Exante names the
  // person who wrote, who may be one of the customer's company).
  if (provider === 'exante') return;
  const inbound = await messages.evaluateAll((items) =>
    items
      .filter((item) => !item.className.includes('ml-8'))
      .map((item) => item.querySelector('p span')?.textContent ?? ''),
  );
  for (const author of inbound) expect(name).toContain(author);
});

test('with a conversation open, the rail keeps the view and j/k move the pane', async ({
  page,
}) => {
  await page.goto('/?read=unread');
  await expect(views(page).getByRole('link', { name: /^Unread/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await row(page, 0).getByRole('link').click();
  await expect(page).toHaveURL(/\/conversations\/[^/?]+\?read=unread$/);
  await expect(views(page).getByRole('link', { name: /^Unread/ })).toHaveAttribute(
    'aria-current',
    'page',
  );

  // j: the focus and the pane move together, and Back still leaves the conversation.
  await row(page, 0).focus();
  const second = idFromHref(await row(page, 1).getByRole('link').getAttribute('href'));
  const secondName = (await row(page, 1).getByRole('link').textContent())?.replace(' (unread)', '');
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`/conversations/${second}\\?read=unread$`));
  await expect(pane(page).getByRole('heading', { level: 2 }).first()).toHaveText(secondName ?? '');
  await expect(page.locator(':focus')).toHaveAttribute('aria-rowindex', '3');
  await page.goBack();
  await expect(page).toHaveURL(/\/\?read=unread$/);
});

test('Settings, saved, come back to the view they were opened from', async ({ page }) => {
  await page.goto('/?read=unread');
  await expect(row(page, 0).getByRole('link')).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page).toHaveURL(/\/\?read=unread$/);
  await expect(views(page).getByRole('link', { name: /^Unread/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('an agent the API does not have is reported and dropped from the link', async ({ page }) => {
  await page.goto('/?assignee=nobody');
  const notice = page.getByRole('status').filter({ hasText: 'ignored' });
  await expect(notice).toContainText('ignored assignee=nobody: no agent of this API has that id');
  await expect(page).toHaveURL(/\/$/);
  await expect(views(page).getByRole('link', { name: /^All/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('the header says who "Me" is', async ({ page, api }) => {
  const { other } = await api.agents();
  await page.goto('/');
  const banner = page.getByRole('banner');
  await expect(banner).toContainText(/Me: \p{Lu}/u);
  await expect(banner).not.toContainText(`Me: ${other.name}`);
});

test('a view with no conversations names its filters and offers a way out', async ({ page }) => {
  await page.goto('/?q=nothing-matches-this-zq');
  const empty = page.getByRole('status').filter({ hasText: 'No conversations match this view.' });
  await expect(empty).toContainText('nothing-matches-this-zq');
  await empty.getByRole('link', { name: 'Clear the filters' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(list(page).getByRole('link').first()).toBeVisible();
});

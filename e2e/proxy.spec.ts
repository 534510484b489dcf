import { request as requests } from '@playwright/test';
import {
  conversationGrid as list,
  EmbeddedApi,
  expect,
  expectSameInOrder,
  idFromHref,
  scrollToEnd,
  test,
} from './fixtures.ts';

/**
 * Parley deployed in proxy mode (a server configured with PARLEY_UPSTREAM_*, see
 * playwright.config.ts) in front of a HighLevel that answers as the real one does, rate
 * limit included: what an agent does first, through the pacer (decision 0013). The
 * upstream here is the embedded API of the other projects; the truth is read from it
 * directly, not through the proxy.
 */

const upstreamUrl = `http://127.0.0.1:${process.env.PARLEY_E2E_PORT ?? 4390}`;
let truth: EmbeddedApi;

test.beforeAll(async () => {
  truth = new EmbeddedApi(await requests.newContext({ baseURL: upstreamUrl }), 'highlevel');
});

test('lists the view, shows the Unread view, and scrolls a view to its end exactly once', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto('/');
  const first = (await truth.allIds({}, 5)).slice(0, 5);
  const links = list(page).getByRole('row').getByRole('link');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((els) =>
    els.slice(0, 5).map((el) => el.getAttribute('href')),
  );
  expect(hrefs.map(idFromHref)).toEqual(first);

  await page.getByRole('link', { name: /^Unread/ }).click();
  await expect(page).toHaveURL(/\?read=unread$/);
  const unread = new Set(await truth.allIds({ status: 'unread' }));
  await expect(list(page).getByRole('row').getByRole('link').first()).toBeVisible();
  const unreadHrefs = await list(page)
    .getByRole('row')
    .getByRole('link')
    .evaluateAll((els) => els.map((el) => el.getAttribute('href')));
  expect(unreadHrefs.length).toBeGreaterThan(0);
  for (const href of unreadHrefs) expect(unread.has(idFromHref(href))).toBe(true);

  // To the end of a view other specs do not grow (the performance spec adds thousands of
  // unread conversations): the read ones, over the seed's campaign of 300 in one millisecond.
  await page.goto('/?read=read');
  const { byIndex } = await scrollToEnd(page);
  const indices = [...byIndex.keys()].sort((a, b) => a - b);
  expectSameInOrder(
    indices.map((i) => byIndex.get(i) as string),
    await truth.allItems({ status: 'read' }),
  );
});

test('opens a conversation and stars it, and HighLevel keeps the star', async ({ page }) => {
  await page.goto('/');
  const row = list(page).getByRole('row').nth(3);
  const id = idFromHref(await row.getByRole('link').getAttribute('href'));
  await row.getByRole('link').click();
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  await expect(pane.getByRole('region', { name: 'Messages' })).toBeVisible();
  await expect(pane.getByRole('listitem').first()).toBeVisible();

  const star = row.getByRole('button', { name: /^Star conversation/ });
  const was = (await star.getAttribute('aria-pressed')) === 'true';
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', String(!was));
  await expect.poll(async () => (await truth.state(id)).starred).toBe(!was);
  // No rollback once the answer is in: the write's answer reconciles only what it carries.
  await page.waitForLoadState('networkidle');
  await expect(star).toHaveAttribute('aria-pressed', String(!was));
  await expect(page.getByRole('alert')).toHaveCount(0);
});

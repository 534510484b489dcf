import type { Page } from '@playwright/test';
import { conversationGrid as list, expect, idFromHref, test } from './fixtures.ts';

/**
 * The server's first paint (decision 0011): GET / carries the view's first rows, rendered
 * by the app's own components, so they show before any script has run; the app then takes
 * over with the same rows. The server paints its default connection (HighLevel); a page
 * set to another connection drops the picture (src/app/first-paint.test.ts covers that).
 */

/** Ids of the rows of the server's picture, in order. */
const pictureIds = (page: Page) =>
  page
    .locator('[data-first-paint] [role="row"][data-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));

test.describe('with scripts off', () => {
  test.use({ javaScriptEnabled: false });

  test('the page already shows the first rows of the view in the URL', async ({
    page,
    provider,
    api,
  }) => {
    test.skip(provider !== 'highlevel', 'the server paints its default connection');
    const { ids } = await api.firstPage({ status: 'unread' }, 5);
    await page.goto('/?read=unread');
    const first = page.locator('[data-first-paint] [role="row"][aria-rowindex="2"]');
    await expect(first).toBeVisible();
    await expect(first).toHaveAttribute('data-id', ids[0] ?? '');
    expect((await pictureIds(page)).slice(0, 5)).toEqual(ids);
  });
});

test('the app takes over with the same rows, never showing a loading list in between', async ({
  page,
  provider,
}) => {
  test.skip(provider !== 'highlevel', 'the server paints its default connection');
  // Notes, from before the page parses, what the page ever showed.
  await page.addInitScript(() => {
    const seen = { picture: [] as string[], loading: false };
    Object.assign(window, { __seen: seen });
    new MutationObserver(() => {
      if (document.body?.textContent?.includes('Loading conversations')) seen.loading = true;
      // The parser adds rows one by one: keep the fullest picture seen.
      const ids = [...document.querySelectorAll('[data-first-paint] [role="row"][data-id]')].map(
        (row) => row.getAttribute('data-id') ?? '',
      );
      if (ids.length > seen.picture.length) seen.picture = ids;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto('/?read=unread');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  const seen = await page.evaluate(
    () => (window as unknown as { __seen: { picture: string[]; loading: boolean } }).__seen,
  );
  expect(seen.picture.length, 'the server painted rows').toBeGreaterThan(5);
  expect(seen.loading, 'a loading list was shown between the picture and the app').toBe(false);
  await expect(page.locator('[data-first-paint]')).toHaveCount(0);
  const appIds = (
    await list(page)
      .getByRole('link')
      .evaluateAll((links) => links.slice(0, 5).map((a) => a.getAttribute('href')))
  ).map(idFromHref);
  expect(appIds).toEqual(seen.picture.slice(0, 5));
});

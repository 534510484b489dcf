/**
 * The app's answer to every fault the embedded API can inject (decision 0007). The fast cases
 * run in `npm test`; the ones that wait out real timers are tagged @slow and run in
 * `npm run test:faults`.
 */
import type { Page } from '@playwright/test';
import { kindOf, recordRequests } from '../bench/browser/requests.ts';
import { conversationGrid, expect, idFromHref, scrollToEnd, test } from './fixtures.ts';

const rows = (page: Page) => conversationGrid(page).getByRole('link');

test.beforeEach(({ expectConsoleErrors }) => {
  // The browser logs every failed response; these tests provoke them on purpose.
  expectConsoleErrors(/Failed to load resource/);
});

test('a 5xx is retried a bounded number of times, then shown with a way to try again', async ({
  page,
  faults,
  provider,
}) => {
  await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind: '500' }]);
  const { byKind } = recordRequests(page, provider);
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load conversations.');
  await expect(alert).toContainText('The server failed to answer (500).');
  // The first try and two retries, then it stops.
  expect(byKind.list).toHaveLength(3);
  await page.waitForTimeout(3000);
  expect(byKind.list).toHaveLength(3);

  await faults.clear();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(rows(page).first()).toBeVisible();
});

test('a short outage is ridden out by the retries: the list appears without an error', async ({
  page,
  faults,
}) => {
  await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind: '503', times: 1 }]);
  await page.goto('/?q=a');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

const apiNames = { highlevel: 'HighLevel', exante: 'Exante' } as const;

test('a 429 is waited out as the server asks, and the agent is told so', async ({
  page,
  faults,
  provider,
}) => {
  await faults.set([
    { match: { method: 'GET', path: faults.listPath }, kind: '429', retryAfterSeconds: 2 },
  ]);
  await page.goto('/');
  const waiting = page
    .getByRole('status')
    .filter({ hasText: `Waiting for ${apiNames[provider]}’s rate limit` });
  await expect(waiting).toContainText(/\(\d s\)\. Your view resumes by itself\./);
  await faults.clear();
  // Nothing to press: the request goes again by itself once the wait is over.
  await expect(rows(page).first()).toBeVisible();
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a connection reset is retried, then reported; loaded rows stay when the next page fails', async ({
  page,
  faults,
}) => {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  const firstId = idFromHref(await rows(page).first().getAttribute('href'));

  await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind: 'reset' }]);
  await page.getByTestId('list-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const alert = conversationGrid(page).getByRole('alert');
  await expect(alert).toContainText('Could not load more conversations.');
  await expect(alert).toContainText('Could not reach the server.');
  await page.getByTestId('list-scroller').evaluate((el) => el.scrollTo(0, 0));
  await expect(rows(page).first()).toHaveAttribute('href', new RegExp(firstId));

  await faults.clear();
  await page.getByTestId('list-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(conversationGrid(page).getByRole('alert')).toHaveCount(0);
});

test('code that fails to load is reported in its region, and Try again loads it', async ({
  page,
  expectConsoleErrors,
}) => {
  // The browser reports the failed module; React reports the error its boundary caught.
  expectConsoleErrors(/Failed to fetch dynamically imported module|error occurred in/);
  await page.route(/\/assets\/lazy-pages-[^/]+\.js$/, (route) => route.abort(), { times: 1 });
  await page.goto('/');
  const link = rows(page).first();
  const name = (await link.textContent())?.replace(' (unread)', '') ?? '';
  await link.click();
  const failed = page
    .getByRole('alert')
    .filter({ hasText: 'The reading pane could not be shown.' });
  await expect(failed).toBeVisible();
  // The list beside it still works.
  await expect(rows(page).nth(1)).toBeVisible();

  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(
    page.getByRole('complementary', { name: 'Reading pane' }).getByRole('heading', { name }),
  ).toBeVisible();
  await expect(failed).toBeHidden();
});

for (const kind of ['malformed-json', 'truncated'] as const) {
  test(`a ${kind} response is a clear error, not a crash`, async ({ page, faults }) => {
    await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind }]);
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Could not load conversations.');
    await expect(alert).toContainText(
      kind === 'malformed-json'
        ? 'The server sent a response Parley could not read: the body is not JSON'
        : /could not read|Could not reach the server/,
    );
    // The rest of Parley still works: the views rail is there and answers.
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  });
}

test('a 401 mid-session keeps the view and resumes after reconnecting', async ({
  page,
  faults,
  request,
  provider,
}) => {
  await page.goto('/?read=unread');
  await expect(rows(page).first()).toBeVisible();
  const url = page.url();
  const firstHref = await rows(page).first().getAttribute('href');

  await faults.set([{ match: { path: '/' }, kind: '401' }]);
  await page.getByTestId('list-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const banner = page.getByRole('region', { name: /Your session has expired \(401\)/ });
  await expect(banner).toBeVisible();
  // Nothing was thrown away: same view, same rows.
  expect(page.url()).toBe(url);
  await page.getByTestId('list-scroller').evaluate((el) => el.scrollTo(0, 0));
  await expect(rows(page).first()).toHaveAttribute('href', firstHref ?? '');
  await page.getByTestId('list-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));

  await faults.clear();
  const config = (await (await request.get('/parley/config')).json()) as {
    providers: Record<string, { token: string }>;
  };
  const token = Object.values(config.providers)[0]?.token ?? '';
  await banner.getByLabel('New access token').fill(token);
  // Resuming means fetching again what failed: the next page of this view.
  const resumed = page.waitForResponse(
    (r) => kindOf(r.url(), provider) === 'list' && r.status() === 200,
  );
  await banner.getByRole('button', { name: 'Reconnect' }).click();
  await resumed;
  await expect(banner).toHaveCount(0);
  await expect(conversationGrid(page).getByRole('alert')).toHaveCount(0);
  expect(page.url()).toBe(url);
  expect(page.url()).not.toContain(token);
});

test('a 404 names what was not found', async ({ page, provider }) => {
  const missing =
    provider === 'highlevel' ? 'no-such-conversation' : '00000000-0000-4000-8000-000000000000';
  await page.goto(`/conversations/${missing}`);
  await expect(
    page.getByRole('complementary', { name: 'Reading pane' }).getByRole('alert'),
  ).toContainText('Could not open this conversation. The server could not find it (404)');
  await expect(rows(page).first()).toBeVisible();
});

test('a 422 names the parameter the server rejected', async ({ page, provider }) => {
  test.skip(provider !== 'exante', 'only Exante validates the shape of an id');
  await page.goto('/conversations/not-a-uuid');
  await expect(
    page.getByRole('complementary', { name: 'Reading pane' }).getByRole('alert'),
  ).toContainText('The server rejected the request: conversation_uid must be a valid UUID.');
});

test('a request that hangs times out with a message', async ({ page, faults }) => {
  await page.clock.install();
  await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind: 'hang' }]);
  await page.goto('/');
  await expect.poll(() => faults.pending()).toBeGreaterThan(0);
  await page.clock.fastForward(16_000);
  await expect(page.getByRole('alert')).toContainText(
    'The server took too long to answer (no complete answer within 15 seconds).',
  );
});

test('leaving a view aborts its hanging requests', async ({ page, faults }) => {
  // One hung request: a browser holds six connections per host, and hanging them all
  // would also starve the download of the next page's code.
  await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind: 'hang', times: 1 }]);
  await page.goto('/');
  await expect.poll(() => faults.pending()).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect.poll(() => faults.pending()).toBe(0);
});

test('rapid star or read toggles on one conversation end at the last intent on the server', async ({
  page,
  api,
  faults,
  provider,
}) => {
  await page.goto('/');
  const row = conversationGrid(page).getByRole('row').nth(3);
  const id = idFromHref(await row.getByRole('link').getAttribute('href'));
  const before = await api.state(id);
  // Slow writes, so the clicks overlap them.
  await faults.set([
    {
      match: { method: faults.writeMethod, path: '/conversations/' },
      kind: 'latency',
      latencyMs: 300,
    },
  ]);
  if (provider === 'highlevel') {
    const star = row.getByRole('button', { name: /^Star conversation/ });
    for (let i = 0; i < 5; i++) await star.click();
    await expect(star).toHaveAttribute('aria-pressed', String(!before.starred));
    await expect
      .poll(async () => (await api.state(id)).starred, { timeout: 15_000 })
      .toBe(!before.starred);
  } else {
    await row.getByRole('link').click();
    const pane = page.getByRole('complementary', { name: 'Reading pane' });
    // Opening marked it read; now toggle five times: it ends unread.
    const toggle = pane.getByRole('button', { name: /^Mark as (un)?read$/ });
    await expect(toggle).toHaveText('Mark as unread');
    for (let i = 0; i < 5; i++) await toggle.click();
    await expect(toggle).toHaveText('Mark as read');
    await expect.poll(async () => (await api.state(id)).unread, { timeout: 15_000 }).toBe(true);
  }
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a failed write is rolled back in the list and the pane, and reported', async ({
  page,
  api,
  faults,
}) => {
  await page.goto('/');
  const row = conversationGrid(page).getByRole('row').nth(5);
  const id = idFromHref(await row.getByRole('link').getAttribute('href'));
  await row.getByRole('link').click();
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  const toggle = pane.getByRole('button', { name: 'Mark as unread' });
  await expect(toggle).toBeVisible();
  await expect.poll(async () => (await api.state(id)).unread).toBe(false);

  await faults.set([
    { match: { method: faults.writeMethod, path: '/conversations/' }, kind: '500' },
  ]);
  await toggle.click();
  await expect(page.getByRole('alert')).toContainText(
    /Could not mark as unread the conversation with .*The server failed to answer \(500\)/,
  );
  await expect(pane.getByRole('button', { name: 'Mark as unread' })).toBeVisible();
  await expect(row.getByLabel(/unread/)).toHaveCount(0);
  expect((await api.state(id)).unread).toBe(false);
});

/** Whether the page's beforeunload handlers would ask before leaving. */
const unloadIsBlocked = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

test('closing the tab while a write is in flight asks first', async ({ page, faults }) => {
  await page.goto('/');
  const row = conversationGrid(page).getByRole('row').nth(2);
  await row.getByRole('link').click();
  const toggle = page
    .getByRole('complementary', { name: 'Reading pane' })
    .getByRole('button', { name: 'Mark as unread' });
  await expect(toggle).toBeVisible();
  await faults.set([
    {
      match: { method: faults.writeMethod, path: '/conversations/' },
      kind: 'latency',
      latencyMs: 5000,
    },
  ]);
  // Nothing in flight: leaving is free.
  await expect.poll(() => page.evaluate(unloadIsBlocked)).toBe(false);
  await toggle.click();
  // The write is on the wire (the server holds it), and the page objects to unloading.
  await expect.poll(() => faults.pending()).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(unloadIsBlocked)).toBe(true);
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe('beforeunload');
  // Leaving anyway closes the page; nothing is left for the test's teardown to race.
  await shown.accept();
  await expect.poll(() => page.isClosed()).toBe(true);
});

test('a bulk action reports each failure by name, and undo puts back only what changed', async ({
  page,
  api,
  faults,
}) => {
  await page.goto('/?read=unread');
  const grid = conversationGrid(page);
  await expect(rows(page).first()).toBeVisible();
  const ids: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const row = grid.getByRole('row').nth(i);
    ids.push(idFromHref(await row.getByRole('link').getAttribute('href')));
    await row.getByRole('checkbox').check();
  }
  await faults.set([
    { match: { method: faults.writeMethod, path: '/conversations/' }, kind: '500', times: 1 },
  ]);
  await page
    .getByRole('toolbar', { name: 'Selected conversations' })
    .getByRole('button', { name: 'Mark read' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: /^Marked read/ })).toHaveText(
    'Marked read 2 conversations. 1 conversation failed.',
  );
  const failed = page.getByRole('list', { name: 'Failed conversations' }).getByRole('listitem');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('The server failed to answer (500).');
  const states = await Promise.all(ids.map((id) => api.state(id)));
  expect(states.filter((s) => !s.unread)).toHaveLength(2);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Undid/ })).toHaveText(
    'Undid “marked read” on 2 conversations.',
  );
  for (const id of ids) expect((await api.state(id)).unread).toBe(true);
});

// --- Longer cases: `npm run test:faults` -------------------------------------------------

test(
  'on a flaky network, scrolling to the end still shows every row once, in order',
  {
    tag: '@slow',
  },
  async ({ page, api, faults }) => {
    test.setTimeout(240_000);
    const expected = await api.allIds();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    // Every list request after the first page: resets, then 503s, then recovery, in bursts
    // long enough that some pages exhaust their retries and need the agent's Retry.
    await faults.set([
      { match: { method: 'GET', path: faults.listPath }, kind: 'reset', times: 7 },
      {
        match: { method: 'GET', path: faults.listPath },
        kind: '503',
        times: 5,
        retryAfterSeconds: 1,
      },
      { match: { method: 'GET', path: faults.listPath }, kind: 'truncated', times: 2 },
    ]);
    const { byIndex } = await scrollToEnd(page);
    const indices = [...byIndex.keys()].sort((a, b) => a - b);
    expect(indices.at(-1)).toBe(indices.length + 1);
    expect(indices.map((i) => byIndex.get(i))).toEqual(expected);
  },
);

test(
  'a request that hangs times out on the real clock, and Try again recovers',
  {
    tag: '@slow',
  },
  async ({ page, faults }) => {
    test.setTimeout(90_000);
    await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind: 'hang' }]);
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The server took too long to answer', { timeout: 30_000 });
    await faults.clear();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(rows(page).first()).toBeVisible();
  },
);

test(
  'a long rate limit is waited out as long as it lasts, never shown as an error',
  {
    tag: '@slow',
  },
  async ({ page, faults, provider }) => {
    test.setTimeout(90_000);
    await faults.set([
      {
        match: { method: 'GET', path: faults.listPath },
        kind: '429',
        retryAfterSeconds: 3,
        times: 6,
      },
    ]);
    const { byKind } = recordRequests(page, provider);
    await page.goto('/');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Waiting for ${apiNames[provider]}’s rate limit` }),
    ).toBeVisible();
    await expect(rows(page).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Six refusals, each waited out, then the list: one request more than the refusals.
    expect(byKind.list).toHaveLength(7);
  },
);

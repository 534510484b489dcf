import type { Page } from '@playwright/test';
import {
  conversationGrid as list,
  expect,
  idFromHref,
  test,
  type EmbeddedApi,
} from './fixtures.ts';

/** The ids of the first `n` rows on screen. */
async function shownIds(page: Page, n = 5): Promise<string[]> {
  const hrefs = await list(page)
    .getByRole('link')
    .evaluateAll((els, count) => els.slice(0, count).map((el) => el.getAttribute('href')), n);
  return hrefs.map(idFromHref);
}

async function expectRowsOf(page: Page, api: EmbeddedApi, params: Record<string, string>) {
  const { ids } = await api.firstPage(params);
  expect(ids.length).toBeGreaterThan(0);
  await expect.poll(() => shownIds(page, ids.length)).toEqual(ids);
}

interface Case {
  name: string;
  act: (
    page: Page,
    agents: { me: string; other: { id: string; name: string } },
  ) => Promise<unknown>;
  url: (agents: { me: string; other: { id: string } }) => string;
  api: (agents: { me: string; other: { id: string } }) => Record<string, string>;
}

const panel = (page: Page) => page.getByRole('region', { name: 'Filters' });

const highlevelCases: Case[] = [
  {
    name: 'assignee me',
    act: (p) =>
      panel(p)
        .getByRole('group', { name: 'Assignee' })
        .getByRole('checkbox', { name: 'Me', exact: true })
        .check(),
    url: () => 'assignee=me',
    api: (a) => ({ assignedTo: a.me }),
  },
  {
    name: 'unassigned',
    act: (p) =>
      panel(p)
        .getByRole('group', { name: 'Assignee' })
        .getByRole('checkbox', { name: 'Unassigned', exact: true })
        .check(),
    url: () => 'assignee=unassigned',
    api: () => ({ assignedTo: 'unassigned' }),
  },
  {
    name: 'read state',
    act: (p) => panel(p).getByRole('radio', { name: 'unread' }).check(),
    url: () => 'read=unread',
    api: () => ({ status: 'unread' }),
  },
  {
    name: 'starred',
    act: (p) => panel(p).getByRole('checkbox', { name: 'Starred only' }).check(),
    url: () => 'starred=1',
    api: () => ({ status: 'starred' }),
  },
  {
    name: 'followers',
    act: (p, a) =>
      panel(p)
        .getByRole('group', { name: 'Followers' })
        .getByRole('checkbox', { name: a.other.name, exact: true })
        .check(),
    url: (a) => `followers=${a.other.id}`,
    api: (a) => ({ followers: a.other.id }),
  },
  {
    name: 'mentions',
    act: (p, a) =>
      panel(p)
        .getByRole('group', { name: 'Mentions' })
        .getByRole('checkbox', { name: a.other.name, exact: true })
        .check(),
    url: (a) => `mentions=${a.other.id}`,
    api: (a) => ({ mentions: a.other.id }),
  },
  {
    name: 'last message type',
    act: (p) => panel(p).getByRole('combobox', { name: 'Type' }).selectOption('TYPE_SMS'),
    url: () => 'type=TYPE_SMS',
    api: () => ({ lastMessageType: 'TYPE_SMS' }),
  },
  {
    name: 'last message direction',
    act: (p) => panel(p).getByRole('combobox', { name: 'Direction' }).selectOption('inbound'),
    url: () => 'direction=inbound',
    api: () => ({ lastMessageDirection: 'inbound' }),
  },
  {
    name: 'last message action',
    act: (p) => panel(p).getByRole('combobox', { name: 'Action' }).selectOption('manual'),
    url: () => 'action=manual',
    api: () => ({ lastMessageAction: 'manual' }),
  },
  {
    name: 'created from',
    act: (p) => panel(p).getByLabel('From').fill('2026-10-20'),
    url: () => 'from=2026-10-20',
    api: () => ({ startDate: String(Date.parse('2026-10-20T00:00:00Z')) }),
  },
  {
    name: 'search',
    act: (p) => p.getByRole('searchbox', { name: 'Search conversations' }).fill('refund'),
    url: () => 'q=refund',
    api: () => ({ query: 'refund' }),
  },
  {
    name: 'sort',
    act: (p) =>
      p.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Oldest activity first' }),
    url: () => 'sort=updated',
    api: () => ({ sort: 'asc' }),
  },
];

const exanteCases: Case[] = [
  {
    name: 'assignee',
    act: (p, a) =>
      panel(p)
        .getByRole('group', { name: 'Assignee' })
        .getByRole('checkbox', { name: a.other.name, exact: true })
        .check(),
    url: (a) => `assignee=${a.other.id}`,
    api: (a) => ({ agent_uid: a.other.id }),
  },
  {
    name: 'read state',
    act: (p) => panel(p).getByRole('radio', { name: 'unread' }).check(),
    url: () => 'read=unread',
    api: () => ({ is_read: 'false' }),
  },
  {
    name: 'status',
    act: (p) =>
      panel(p)
        .getByRole('group', { name: 'Status' })
        .getByRole('checkbox', { name: 'active' })
        .check(),
    url: () => 'status=active',
    api: () => ({ status: 'active' }),
  },
  {
    name: 'channel',
    act: (p) => panel(p).getByRole('combobox', { name: 'Channel' }).selectOption('sms'),
    url: () => 'channel=sms',
    api: () => ({ channel: 'sms' }),
  },
  {
    name: 'category',
    act: (p) =>
      panel(p)
        .getByRole('group', { name: 'Category' })
        .getByRole('checkbox', { name: 'billing' })
        .check(),
    url: () => 'category=billing',
    api: () => ({ category: 'billing' }),
  },
  {
    name: 'search',
    act: (p) => p.getByRole('searchbox', { name: 'Search conversations' }).fill('invoice'),
    url: () => 'q=invoice',
    api: () => ({ q: 'invoice' }),
  },
  {
    name: 'sort',
    act: (p) => p.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Subject A–Z' }),
    url: () => 'sort=subject',
    api: () => ({ sort: 'subject' }),
  },
];

test('every filter control changes the URL and the list', async ({ page, api, provider }) => {
  const agents = await api.agents();
  for (const c of provider === 'highlevel' ? highlevelCases : exanteCases) {
    await test.step(c.name, async () => {
      await page.goto('/');
      await expect(list(page).getByRole('link').first()).toBeVisible();
      await page.getByRole('button', { name: /^Filters/ }).click();
      await c.act(page, agents);
      await expect(page).toHaveURL(new RegExp(`\\?${c.url(agents)}$`));
      await expectRowsOf(page, api, c.api(agents));
    });
  }
});

test('editing the URL by hand changes the controls and the list', async ({
  page,
  api,
  provider,
}) => {
  const [url, params] =
    provider === 'highlevel'
      ? ['/?read=unread&direction=inbound', { status: 'unread', lastMessageDirection: 'inbound' }]
      : ['/?read=unread&status=active,closed', { is_read: 'false', status: 'active,closed' }];
  await page.goto(url);
  await expectRowsOf(page, api, params);
  await expect(
    page.getByRole('list', { name: 'Active filters' }).getByRole('listitem'),
  ).toHaveCount(3); // two chips + clear all
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(panel(page).getByRole('radio', { name: 'unread' })).toBeChecked();
  if (provider === 'highlevel')
    await expect(panel(page).getByRole('combobox', { name: 'Direction' })).toHaveValue('inbound');
  else
    await expect(
      panel(page).getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'closed' }),
    ).toBeChecked();

  await page.getByRole('button', { name: 'Remove filter Unread' }).click();
  await expect(page).not.toHaveURL(/read=unread/);
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectRowsOf(page, api, {});
});

test('a link copied in one browser opens the same rows, on the same API, in a fresh one', async ({
  page,
  browser,
  provider,
  baseURL,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(
    provider === 'highlevel' ? '/?assignee=me&read=unread' : '/?assignee=me&status=active',
  );
  await expect(list(page).getByRole('link').first()).toBeVisible();
  const rows = await shownIds(page, 10);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Link to this view copied.' }),
  ).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(baseURL ?? '')).toBe(true);
  expect(link).toContain(`provider=${provider}`);

  // A colleague who never chose an API: the demo serves both, and the link says which.
  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect.poll(() => shownIds(other, 10)).toEqual(rows);
  await expect(
    other.getByText(`Connected to ${provider === 'highlevel' ? 'HighLevel' : 'Exante'}`),
  ).toBeVisible();
  // The view's URL, as the inbox keeps it: the API is the agent's choice now.
  expect(new URL(other.url()).searchParams.has('provider')).toBe(false);
  await fresh.close();
});

test('back and forward restore views from the cache without a new request', async ({
  page,
  api,
  provider,
}) => {
  const listPath = provider === 'highlevel' ? '/conversations/search' : '/api/conversations';
  const listRequests: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    // Count list pages only; one-item count requests are the rail's business.
    if (
      url.pathname.endsWith(listPath) &&
      !['1'].includes(url.searchParams.get('limit') ?? url.searchParams.get('per_page') ?? '')
    )
      listRequests.push(url.search);
  });
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  const all = await shownIds(page);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: /^Unread/ })
    .click();
  await expect(page).toHaveURL(/\?read=unread$/);
  // Its own rows, not merely other rows: earlier specs may put unread ones on top of All.
  await expectRowsOf(
    page,
    api,
    provider === 'highlevel' ? { status: 'unread' } : { is_read: 'false' },
  );
  const unread = await shownIds(page);
  const before = listRequests.length;

  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(() => shownIds(page)).toEqual(all);
  await page.goForward();
  await expect(page).toHaveURL(/\?read=unread$/);
  await expect.poll(() => shownIds(page)).toEqual(unread);
  expect(listRequests.length).toBe(before);
});

test('Back and Forward step through filter changes; one search is one step', async ({ page }) => {
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Search conversations' });
  // Typed with a pause in the middle: two requests, one history entry.
  await box.pressSequentially('an');
  await expect(page).toHaveURL(/\?q=an$/);
  await box.pressSequentially('na');
  await expect(page).toHaveURL(/\?q=anna$/);
  await page.getByRole('combobox', { name: 'Sort' }).selectOption({ index: 1 });
  await expect(page).toHaveURL(/\?q=anna&sort=/);

  await page.goBack();
  await expect(page).toHaveURL(/\?q=anna$/);
  await expect(box).toHaveValue('anna');
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(box).toHaveValue('');
  await page.goForward();
  await expect(page).toHaveURL(/\?q=anna$/);
  await expect(box).toHaveValue('anna');
});

test('bogus parameters are reported, dropped, and the list is right', async ({
  page,
  api,
  provider,
}) => {
  await page.goto('/?status=bogus&read=unread&utm_source=mail&sort=-colour');
  const notice = page.getByRole('status').filter({ hasText: 'ignored' });
  await expect(notice).toContainText('ignored status=bogus');
  await expect(notice).toContainText('ignored unknown parameter utm_source');
  await expect(notice).toContainText('ignored sort=-colour');
  await expect(page).toHaveURL(/\/\?read=unread$/);
  await expectRowsOf(
    page,
    api,
    provider === 'highlevel' ? { status: 'unread' } : { is_read: 'false' },
  );
});

test('a filter the API cannot apply is reported, not silently ignored', async ({
  page,
  api,
  provider,
}) => {
  await page.goto(provider === 'highlevel' ? '/?status=active' : '/?starred=1&followers=abc');
  const notice = page.getByRole('status').filter({ hasText: 'ignored' });
  await expect(notice).toContainText(
    provider === 'highlevel' ? 'ignored status=active' : 'ignored starred=1',
  );
  await expect(page).toHaveURL(/\/$/);
  await expectRowsOf(page, api, {});
});

test('the views rail counts match the API totals', async ({ page, api, provider }) => {
  const { me } = await api.agents();
  const views: [string, Record<string, string>][] =
    provider === 'highlevel'
      ? [
          ['All', {}],
          ['Mine', { assignedTo: me }],
          ['Unassigned', { assignedTo: 'unassigned' }],
          ['Unread', { status: 'unread' }],
          ['Starred', { status: 'starred' }],
        ]
      : [
          ['All', {}],
          ['Mine', { agent_uid: me }],
          ['Unread', { is_read: 'false' }],
        ];
  await page.goto('/');
  const rail = page.getByRole('navigation', { name: 'Views' });
  for (const [name, params] of views) {
    const { total } = await api.firstPage(params, 1);
    await expect(rail.getByRole('link', { name: new RegExp(`^${name}`) })).toHaveText(
      `${name}${total.toLocaleString('en')}`,
    );
  }
});

test('a saved view appears in the rail, opens its filters, and can be renamed and deleted', async ({
  page,
}) => {
  await page.goto('/?read=unread');
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('My unread');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const rail = page.getByRole('navigation', { name: 'Views' });
  await page.goto('/');
  await rail.getByRole('link', { name: /^My unread/ }).click();
  await expect(page).toHaveURL(/\?read=unread$/);

  await rail.getByRole('button', { name: 'Rename view My unread' }).click();
  await rail.getByRole('textbox', { name: 'New name for My unread' }).fill('Triage');
  await rail.getByRole('button', { name: 'Save' }).click();
  await expect(rail.getByRole('link', { name: /^Triage/ })).toBeVisible();
  await rail.getByRole('button', { name: 'Delete view Triage' }).click();
  await expect(rail.getByRole('link', { name: /^Triage/ })).toHaveCount(0);
});

test('column headers sort the list', async ({ page, api, provider }) => {
  await page.goto('/');
  const header = list(page).getByRole('columnheader', { name: 'Activity' });
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await header.getByRole('button').click();
  await expect(page).toHaveURL(/\?sort=updated$/);
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expectRowsOf(
    page,
    api,
    provider === 'highlevel' ? { sort: 'asc' } : { sort: 'updated_on' },
  );
  if (provider === 'exante') {
    await list(page)
      .getByRole('columnheader', { name: 'Conversation' })
      .getByRole('button')
      .click();
    await expect(page).toHaveURL(/\?sort=-subject$/);
    await expectRowsOf(page, api, { sort: '-subject' });
  }
});

test('the contact filter shows that contact’s conversations', async ({ page, api, provider }) => {
  const contact = await api.firstContact();
  await page.goto('/');
  await page.getByRole('button', { name: /^Filters/ }).click();
  await panel(page).getByRole('textbox', { name: 'Contact id' }).fill(contact);
  await expect(page).toHaveURL(new RegExp(`\\?contact=${contact}$`));
  await expectRowsOf(
    page,
    api,
    provider === 'highlevel' ? { contactId: contact } : { party_uid: contact },
  );
});

import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeError } from '../client.ts';
import type { Connection, Conversation, InboxFilters } from '../model.ts';
import { clone, failureWithout, filters, recordingServer, searchOf } from '../test-support.ts';
import conversationFixture from './fixtures/highlevel-conversation.json';
import error401 from './fixtures/highlevel-error-401.json';
import error422 from './fixtures/highlevel-error-422.json';
import messagesFlat from './fixtures/highlevel-messages-flat.json';
import messagesNested from './fixtures/highlevel-messages-nested.json';
import searchNoSort from './fixtures/highlevel-search-no-sort.json';
import searchPage1 from './fixtures/highlevel-search-page1.json';
import searchPage2 from './fixtures/highlevel-search-page2.json';
import updateResponse from './fixtures/highlevel-update-response.json';
import users from './fixtures/highlevel-users.json';
import {
  createHighLevelProvider,
  decodeHighLevelCursor,
  encodeHighLevelCursor,
} from './highlevel.ts';

const TOKEN = 'ex_live_parley_demo_secret_000';
const BASE = '/providers/highlevel';
const SEARCH = `${BASE}/conversations/search`;
const ME = 'u7AgentMe0000000001';

const connection: Connection = {
  provider: 'highlevel',
  baseUrl: BASE,
  tenantId: 'ParleyDemoLocation01',
  token: TOKEN,
  meId: ME,
};
const provider = createHighLevelProvider(connection);

const { server, sent } = recordingServer(TOKEN);

function answerSearch(body: unknown, init?: ResponseInit) {
  server.use(http.get(SEARCH, () => HttpResponse.json(body as Record<string, unknown>, init)));
}

const failure = failureWithout(TOKEN);

describe('list: request building', () => {
  beforeEach(() => answerSearch({ conversations: [], total: 0 }));

  it('sends the defaults with the Version header and the bearer token', async () => {
    await provider.list({ filters: filters(), cursor: null });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.url.startsWith(`${location.origin}${SEARCH}?`)).toBe(true);
    expect(searchOf(request)).toBe(
      '?locationId=ParleyDemoLocation01&limit=50&status=all&sort=desc&sortBy=last_message_date',
    );
    expect(request?.headers.get('Version')).toBe('2021-04-15');
    expect(request?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it.each<[string, Partial<InboxFilters>, string]>([
    ['assignee me', { assignee: ['me'] }, `assignedTo=${ME}&status=all`],
    [
      'several assignees with unassigned, comma-joined, me resolved, duplicates dropped',
      { assignee: ['me', 'u8AgentTwo000000002', 'unassigned', ME] },
      `assignedTo=${ME}%2Cu8AgentTwo000000002%2Cunassigned&status=all`,
    ],
    ['read', { read: 'read' }, 'status=read'],
    ['unread', { read: 'unread' }, 'status=unread'],
    ['starred', { starred: true }, 'status=starred'],
    ['search text, trimmed', { q: '  maya@example.com ' }, 'status=all&query=maya%40example.com'],
    ['blank search text', { q: '   ' }, 'status=all'],
    ['contact', { contact: 'c1' }, 'status=all&contactId=c1'],
    [
      'followers and mentions, comma-joined',
      { followers: ['u1', 'u2'], mentions: ['u3'] },
      'status=all&followers=u1%2Cu2&mentions=u3',
    ],
    [
      'last message type, direction and action',
      { messageType: 'TYPE_SMS', direction: 'inbound', action: 'manual' },
      'status=all&lastMessageType=TYPE_SMS&lastMessageDirection=inbound&lastMessageAction=manual',
    ],
    [
      'a creation date range, as UTC days inclusive',
      { from: '2026-10-01', to: '2026-10-02' },
      'status=all&startDate=1790812800000&endDate=1790985599999',
    ],
  ])('%s', async (_label, patch, middle) => {
    await provider.list({ filters: filters(patch), cursor: null });
    expect(searchOf(sent[0])).toBe(
      `?locationId=ParleyDemoLocation01&limit=50&${middle}&sort=desc&sortBy=last_message_date`,
    );
  });

  it('sorts ascending', async () => {
    await provider.list({
      filters: filters({ sort: { field: 'lastActivity', direction: 'asc' } }),
      cursor: null,
    });
    expect(searchOf(sent[0])).toBe(
      '?locationId=ParleyDemoLocation01&limit=50&status=all&sort=asc&sortBy=last_message_date',
    );
  });

  it('honours a requested page size, clamped to 100', async () => {
    await provider.list({ filters: filters(), cursor: null, limit: 1 });
    await provider.list({ filters: filters(), cursor: null, limit: 500 });
    expect(sent.map((r) => new URL(r.url).searchParams.get('limit'))).toEqual(['1', '100']);
  });

  it.each<[string, Partial<InboxFilters>, RegExp]>([
    ['starred together with unread', { starred: true, read: 'unread' }, /starred.*unread/],
    ['starred together with read', { starred: true, read: 'read' }, /starred.*read/],
    ['a lifecycle status', { lifecycle: ['active'] }, /lifecycle/],
    ['categories', { categories: ['billing'] }, /categories/],
    ['a channel', { channel: 'sms' }, /channel filter/],
    ['sorting by subject', { sort: { field: 'subject', direction: 'asc' } }, /sort/],
    ['sorting by created', { sort: { field: 'created', direction: 'desc' } }, /sort/],
  ])('refuses %s without calling the API', async (_label, patch, message) => {
    const error = await failure(provider.list({ filters: filters(patch), cursor: null }));
    expect(error.kind).toBe('unsupported');
    expect(error.messages.join(' ')).toMatch(message);
    expect(describeError(error)).toMatch(message);
    expect(sent).toHaveLength(0);
  });

  it('refuses "me" when the connection does not know who I am', async () => {
    const anonymous = createHighLevelProvider({ ...connection, meId: null });
    const error = await failure(
      anonymous.list({ filters: filters({ assignee: ['me'] }), cursor: null }),
    );
    expect(error.kind).toBe('unsupported');
    expect(sent).toHaveLength(0);
  });

  it('refuses a cursor that is not its own', async () => {
    for (const cursor of ['2', 'hl1.!!!', encodeHighLevelCursor([]), 'hl1.' + btoa('{"a":1}')]) {
      const error = await failure(provider.list({ filters: filters(), cursor }));
      expect(error.kind).toBe('unsupported');
    }
    expect(sent).toHaveLength(0);
  });
});

describe('list: mapping', () => {
  it('maps every rule of an observed page', async () => {
    answerSearch(searchPage1);
    const page = await provider.list({ filters: filters(), cursor: null });
    expect(page.total).toBe(4);
    // Fewer than 50 came back: the end of the list.
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual<Conversation[]>([
      {
        id: 'tDtDnQdgm2LXpyiqYvZ6',
        contactName: 'Maya Okafor',
        contactId: '9VEmS0si86GW6gXWU89b',
        contactEmail: 'maya.okafor@example.com',
        contactPhone: '+14155550123',
        subject: null,
        snippet: 'Can I move my appointment to Thursday?',
        channel: 'sms',
        rawChannel: 'TYPE_SMS',
        lifecycle: null,
        assigneeId: ME,
        labels: ['vip', 'booking'],
        unreadCount: 2,
        isUnread: true,
        starred: true,
        lastActivityAt: '2023-11-14T22:18:20.000Z',
        createdAt: '2023-11-06T19:46:40.000Z',
        updatedAt: '2023-11-14T22:18:20.000Z',
        messageCount: null,
        hasAttachments: false,
        attachmentCount: 0,
        participants: [],
      },
      {
        id: 'Zq8mB2kLw9ePx4NcR1aT',
        // fullName is empty: contactName is next.
        contactName: 'Jonas Weber',
        contactId: 'Hn3pL0qW8sK2vB7xY5mC',
        contactEmail: 'jonas@weber.example',
        contactPhone: null,
        subject: null,
        snippet: 'Thanks, the refund arrived.',
        channel: 'email',
        rawChannel: 'TYPE_EMAIL',
        lifecycle: null,
        // '' is no assignee.
        assigneeId: null,
        labels: [],
        unreadCount: 0,
        isUnread: false,
        starred: false,
        lastActivityAt: '2023-11-14T22:16:40.000Z',
        createdAt: '2023-10-22T18:40:00.000Z',
        updatedAt: '2023-11-14T22:16:40.000Z',
        messageCount: null,
        hasAttachments: false,
        attachmentCount: 0,
        participants: [],
      },
      {
        id: 'Ab3Cd4Ef5Gh6Ij7Kl8Mn',
        // No names, no email: the phone number.
        contactName: '+4915112345678',
        contactId: 'Pq9Rs0Tu1Vw2Xy3Za4Bc',
        contactEmail: null,
        contactPhone: '+4915112345678',
        subject: null,
        snippet: 'Missed call',
        channel: 'call',
        rawChannel: 'TYPE_CALL',
        lifecycle: null,
        // Neither assignedTo nor starred nor tags on the wire.
        assigneeId: null,
        labels: [],
        unreadCount: 1,
        isUnread: true,
        starred: false,
        lastActivityAt: '2023-11-14T22:16:40.000Z',
        createdAt: '2023-10-11T04:53:20.000Z',
        updatedAt: '2023-11-14T22:16:40.000Z',
        messageCount: null,
        hasAttachments: false,
        attachmentCount: 0,
        participants: [],
      },
    ]);
  });

  it('reads dates as numeric strings and ISO, and falls back for names and channels', async () => {
    answerSearch(searchPage2);
    const [review] = (await provider.list({ filters: filters(), cursor: null })).items;
    expect(review).toMatchObject({
      contactName: 'Unknown contact',
      channel: 'review',
      lastActivityAt: '2023-11-14T22:15:00.000Z',
      createdAt: '2023-11-01T09:15:00.000Z',
      updatedAt: null,
    });

    answerSearch(searchNoSort);
    const [chat, formOnMessenger, unknown] = (
      await provider.list({ filters: filters(), cursor: null })
    ).items;
    expect(chat).toMatchObject({
      channel: 'chat',
      rawChannel: 'TYPE_LIVE_CHAT',
      starred: false,
      assigneeId: null,
    });
    // A last-message type without a channel: the conversation type decides.
    expect(formOnMessenger).toMatchObject({ channel: 'social', rawChannel: 'TYPE_FB_MESSENGER' });
    // Neither is known: 'other', keeping the raw last-message type.
    expect(unknown).toMatchObject({
      channel: 'other',
      rawChannel: 'TYPE_ACTIVITY_CONTACT',
      contactName: 'Unknown contact',
      contactEmail: null,
      // No lastMessageDate: dateUpdated.
      lastActivityAt: '2023-11-14T22:13:50.000Z',
    });
  });
});

describe('list: cursor', () => {
  it('continues after the last sort value, tie-breaker included, and stops on a short page', async () => {
    answerSearch(searchPage1);
    const first = await provider.list({
      filters: filters({ assignee: ['unassigned'] }),
      cursor: null,
      limit: 3,
    });
    // The last two rows tie on lastMessageDate; only the sort array tells them apart.
    expect(searchPage1.conversations[1]?.lastMessageDate).toBe(
      searchPage1.conversations[2]?.lastMessageDate,
    );
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.nextCursor).not.toContain('1700000200000');

    answerSearch(searchPage2);
    const second = await provider.list({
      filters: filters({ assignee: ['unassigned'] }),
      cursor: first.nextCursor,
      limit: 3,
    });
    expect(searchOf(sent[1])).toBe(
      '?locationId=ParleyDemoLocation01&limit=3&assignedTo=unassigned&status=all&sort=desc&sortBy=last_message_date' +
        '&startAfterDate%5B%5D=1700000200000&startAfterDate%5B%5D=12',
    );
    expect(new URL(sent[1]?.url ?? '').searchParams.getAll('startAfterDate[]')).toEqual([
      '1700000200000',
      '12',
    ]);
    expect(second.items.map((c) => c.id)).toEqual(['Xy7Wv6Ut5Sr4Qp3On2Ml']);
    expect(second.nextCursor).toBeNull();
    expect(second.total).toBe(4);
  });

  it('round-trips its own encoding', () => {
    expect(decodeHighLevelCursor(encodeHighLevelCursor([1700000200000, 12]))).toEqual([
      1700000200000, 12,
    ]);
    expect(decodeHighLevelCursor(encodeHighLevelCursor(['ßtring', 1]))).toEqual(['ßtring', 1]);
  });

  it('falls back to [lastMessageDate] when items carry no sort', async () => {
    answerSearch({ ...searchNoSort, conversations: searchNoSort.conversations.slice(0, 2) });
    const first = await provider.list({ filters: filters(), cursor: null, limit: 2 });
    answerSearch({ conversations: [], total: 2 });
    const second = await provider.list({ filters: filters(), cursor: first.nextCursor, limit: 2 });
    expect(new URL(sent[1]?.url ?? '').searchParams.getAll('startAfterDate[]')).toEqual([
      '1700000040000',
    ]);
    expect(second).toEqual({ items: [], nextCursor: null, total: 2 });
  });

  it('says so when a full page gives nothing to continue from', async () => {
    answerSearch(searchNoSort);
    const error = await failure(provider.list({ filters: filters(), cursor: null, limit: 3 }));
    expect(error.kind).toBe('malformed');
    expect(error.messages[0]).toMatch(/^conversations\[2\]: neither sort nor lastMessageDate/);
  });
});

describe('list: bad answers', () => {
  it('names a missing required field', async () => {
    const body = clone(searchPage1) as { conversations: Array<Record<string, unknown>> };
    delete body.conversations[1]?.['id'];
    answerSearch(body);
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.kind).toBe('malformed');
    expect(error.messages).toEqual(['conversations[1].id: expected string, but it is missing']);
  });

  it('refuses an empty id: rows are keyed by it', async () => {
    const body = clone(searchPage1) as { conversations: Array<Record<string, unknown>> };
    Object.assign(body.conversations[0] ?? {}, { id: '' });
    answerSearch(body);
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages).toEqual(['conversations[0].id: expected at least 1 character(s)']);
  });

  it('names a missing total', async () => {
    answerSearch({ conversations: [] });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages).toEqual(['total: expected number, but it is missing']);
  });

  it('names an unreadable date', async () => {
    const body = clone(searchPage1);
    Object.assign(body.conversations[2] ?? {}, { lastMessageDate: 'last Tuesday' });
    answerSearch(body);
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages).toEqual([
      'conversations[2].lastMessageDate: expected a date (epoch ms or ISO-8601), got "last Tuesday"',
    ]);
  });

  it('refuses a row with no date at all', async () => {
    const body = clone(searchPage1) as { conversations: Array<Record<string, unknown>> };
    for (const key of ['lastMessageDate', 'dateAdded', 'dateUpdated'])
      delete body.conversations[0]?.[key];
    answerSearch(body);
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages[0]).toMatch(/^conversations\[0\]\.lastMessageDate: expected a date/);
  });

  it('passes on the validation messages of a 422', async () => {
    answerSearch(error422, { status: 422 });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 422,
      messages: [
        'limit must not be greater than 100',
        'status must be one of the following values: all, read, unread, starred, recents',
      ],
    });
    expect(describeError(error)).toBe(
      'The server rejected the request: limit must not be greater than 100; status must be one of the following values: all, read, unread, starred, recents',
    );
  });

  it('passes on a 401 without the token', async () => {
    answerSearch(error401, { status: 401 });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 401,
      messages: ['Invalid token: access token is invalid'],
    });
    expect(describeError(error)).toBe(
      'Your session is no longer valid (401). Reconnect with a new token.',
    );
  });

  it('reads Retry-After on a 429', async () => {
    answerSearch(
      { statusCode: 429, message: 'Too Many Requests' },
      { status: 429, headers: { 'Retry-After': '10' } },
    );
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      retryAfterMs: 10_000,
      messages: ['Too Many Requests'],
    });
  });

  it('reports a cancelled list as aborted', async () => {
    answerSearch(searchPage1);
    const error = await failure(
      provider.list({ filters: filters(), cursor: null, signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe('aborted');
  });
});

describe('get', () => {
  const ID = 'tDtDnQdgm2LXpyiqYvZ6';

  function answerGet(searchBody: unknown) {
    server.use(
      http.get(SEARCH, () => HttpResponse.json(searchBody as Record<string, unknown>)),
      http.get(`${BASE}/conversations/:id`, () => HttpResponse.json(conversationFixture)),
    );
  }

  it('takes state from GET-one and names, snippet and dates from the search row', async () => {
    answerGet({ ...searchPage1, conversations: searchPage1.conversations.slice(0, 1), total: 1 });
    const conversation = await provider.get(ID);
    const urls = sent.map((r) => new URL(r.url));
    expect(urls.map((u) => u.pathname + u.search).sort()).toEqual([
      `${BASE}/conversations/search?locationId=ParleyDemoLocation01&id=${ID}&limit=1`,
      `${BASE}/conversations/${ID}`,
    ]);
    expect(sent.every((r) => r.headers.get('Version') === '2021-04-15')).toBe(true);
    expect(conversation).toMatchObject({
      id: ID,
      contactName: 'Maya Okafor',
      snippet: 'Can I move my appointment to Thursday?',
      channel: 'sms',
      rawChannel: 'TYPE_SMS',
      labels: ['vip', 'booking'],
      lastActivityAt: '2023-11-14T22:18:20.000Z',
      // GET-one wins: the search row still says starred and 2 unread.
      starred: false,
      unreadCount: 0,
      isUnread: false,
      assigneeId: ME,
    });
  });

  it('ignores a search row for another conversation', async () => {
    answerGet(searchPage2);
    // GET-one alone has no date to show: it cannot make a row.
    const error = await failure(provider.get(ID));
    expect(error.kind).toBe('malformed');
    expect(error.messages[0]).toMatch(/^lastMessageDate: expected a date/);
  });

  it('falls back to GET-one fields when search has nothing yet', async () => {
    server.use(
      http.get(SEARCH, () =>
        HttpResponse.json({ statusCode: 500, message: 'boom' }, { status: 500 }),
      ),
      http.get(`${BASE}/conversations/:id`, () =>
        HttpResponse.json({ ...conversationFixture, type: 2, lastMessageDate: 1700000300000 }),
      ),
    );
    const conversation = await provider.get(ID);
    expect(conversation).toMatchObject({
      contactName: 'Unknown contact',
      channel: 'email',
      rawChannel: 'TYPE_EMAIL',
      lastActivityAt: '2023-11-14T22:18:20.000Z',
    });
  });

  it('encodes the id into the path', async () => {
    server.use(
      http.get(SEARCH, () => HttpResponse.json({ conversations: [], total: 0 })),
      http.get(`${BASE}/conversations/:id`, ({ params }) =>
        HttpResponse.json(
          { statusCode: 404, message: `Conversation ${String(params['id'])} not found` },
          { status: 404 },
        ),
      ),
    );
    const error = await failure(provider.get('a/b?c'));
    expect(sent.some((r) => new URL(r.url).pathname === `${BASE}/conversations/a%2Fb%3Fc`)).toBe(
      true,
    );
    expect(error).toMatchObject({
      kind: 'http',
      status: 404,
      messages: ['Conversation a/b?c not found'],
    });
  });
});

describe('update', () => {
  const ID = 'tDtDnQdgm2LXpyiqYvZ6';
  let bodies: unknown[] = [];

  beforeEach(() => {
    bodies = [];
    server.use(
      http.put(`${BASE}/conversations/:id`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(updateResponse);
      }),
    );
  });

  it('stars with PUT { locationId, starred }', async () => {
    const conversation = await provider.update(ID, { starred: true });
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(`${BASE}/conversations/${ID}`);
    expect(sent[0]?.method).toBe('PUT');
    expect(sent[0]?.headers.get('Version')).toBe('2021-04-15');
    expect(bodies).toEqual([{ locationId: 'ParleyDemoLocation01', starred: true }]);
    expect(conversation).toMatchObject({
      id: ID,
      starred: true,
      unreadCount: 0,
      isUnread: false,
      channel: 'sms',
      assigneeId: ME,
      // The PUT answer carries lastMessageDate as a string of ms and no names.
      lastActivityAt: '2023-11-14T22:18:20.000Z',
      contactName: 'Unknown contact',
    });
  });

  it('marks read as unreadCount 0 and unread as unreadCount 1', async () => {
    await provider.update(ID, { read: true });
    await provider.update(ID, { read: false, starred: false });
    expect(bodies).toEqual([
      { locationId: 'ParleyDemoLocation01', unreadCount: 0 },
      { locationId: 'ParleyDemoLocation01', starred: false, unreadCount: 1 },
    ]);
  });

  it('names a missing field of the answer', async () => {
    const body = clone(updateResponse) as { conversation: Record<string, unknown> };
    delete body.conversation['unreadCount'];
    server.use(http.put(`${BASE}/conversations/:id`, () => HttpResponse.json(body)));
    const error = await failure(provider.update(ID, { read: true }));
    expect(error.messages).toEqual([
      'conversation.unreadCount: expected number, but it is missing',
    ]);
  });
});

describe('messages', () => {
  const ID = 'tDtDnQdgm2LXpyiqYvZ6';

  it('reads the nested shape, oldest first, with the older cursor', async () => {
    server.use(
      http.get(`${BASE}/conversations/:id/messages`, () => HttpResponse.json(messagesNested)),
    );
    const page = await provider.messages(ID, null);
    expect(searchOf(sent[0])).toBe('?limit=30');
    expect(sent[0]?.headers.get('Version')).toBe('2021-04-15');
    expect(page.olderCursor).toBe('msg0000000000000003');
    expect(page.messages).toEqual([
      {
        id: 'msg0000000000000003',
        direction: 'inbound',
        author: null,
        body: '',
        sentAt: '2023-11-14T21:00:00.000Z',
      },
      {
        id: 'msg0000000000000004',
        direction: 'outbound',
        author: null,
        body: 'Your appointment is confirmed for Wednesday 10:00.',
        sentAt: '2023-11-14T22:10:00.000Z',
      },
      {
        id: 'msg0000000000000005',
        direction: 'inbound',
        author: null,
        body: 'Can I move my appointment to Thursday?',
        sentAt: '2023-11-14T22:18:20.000Z',
      },
    ]);
  });

  it('reads the flat spec shape and passes the cursor back', async () => {
    server.use(
      http.get(`${BASE}/conversations/:id/messages`, () => HttpResponse.json(messagesFlat)),
    );
    const page = await provider.messages(ID, 'msg0000000000000003');
    expect(searchOf(sent[0])).toBe('?limit=30&lastMessageId=msg0000000000000003');
    expect(page.olderCursor).toBeNull();
    expect(page.messages.map((m) => m.id)).toEqual(['msg0000000000000001', 'msg0000000000000002']);
  });

  it('names a bad message field in the nested shape', async () => {
    const body = clone(messagesNested);
    (body.messages.messages[1] as Record<string, unknown>)['direction'] = 'sideways';
    server.use(http.get(`${BASE}/conversations/:id/messages`, () => HttpResponse.json(body)));
    const error = await failure(provider.messages(ID, null));
    expect(error.kind).toBe('malformed');
    expect(error.messages[0]).toMatch(
      /^messages\.messages\[1\]\.direction: expected one of "inbound", "outbound"/,
    );
  });
});

describe('agents', () => {
  it('lists users of the location with the users Version', async () => {
    server.use(http.get(`${BASE}/users/`, () => HttpResponse.json(users)));
    const agents = await provider.agents();
    expect(new URL(sent[0]?.url ?? '').pathname + searchOf(sent[0])).toBe(
      `${BASE}/users/?locationId=ParleyDemoLocation01`,
    );
    expect(sent[0]?.headers.get('Version')).toBe('2021-07-28');
    expect(agents).toEqual([
      { id: 'u7AgentMe0000000001', name: 'Priya Raman', email: 'priya@parley.example' },
      { id: 'u8AgentTwo000000002', name: 'Tomás García', email: 'tomas@parley.example' },
      {
        id: 'u0AgentMail00000004',
        name: 'night-shift@parley.example',
        email: 'night-shift@parley.example',
      },
    ]);
  });
});

import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeError } from '../client.ts';
import type { Connection, Conversation, InboxFilters } from '../model.ts';
import { clone, failureWithout, filters, recordingServer, searchOf } from '../test-support.ts';
import { createExanteProvider, exanteAssumptions } from './exante.ts';
import detail from './fixtures/exante-detail.json';
import error401 from './fixtures/exante-error-401.json';
import error422 from './fixtures/exante-error-422.json';
import error429 from './fixtures/exante-error-429.json';
import listPage1 from './fixtures/exante-list-page1.json';
import listPage3 from './fixtures/exante-list-page3.json';
import listSeed from './fixtures/exante-list-seed.json';
import orgUsers from './fixtures/exante-org-users.json';
import updateResponse from './fixtures/exante-update-response.json';

const TOKEN = 'ex_live_parley_demo_secret_111';
const BASE = '/providers/exante/api';
const LIST = `${BASE}/conversations`;
const ORG = '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f';
const ME = 'a1e2c3d4-0000-4000-8000-00000000a001';

const connection: Connection = {
  provider: 'exante',
  baseUrl: BASE,
  tenantId: ORG,
  token: TOKEN,
  meId: ME,
};
const provider = createExanteProvider(connection);

const { server, sent } = recordingServer(TOKEN);

function answerList(body: unknown, init?: ResponseInit) {
  server.use(http.get(LIST, () => HttpResponse.json(body as Record<string, unknown>, init)));
}

const failure = failureWithout(TOKEN);

describe('list: request building', () => {
  beforeEach(() => answerList(listPage1));

  it('sends the defaults with the bearer token and no Version header', async () => {
    await provider.list({ filters: filters(), cursor: null });
    const [request] = sent;
    expect(new URL(request?.url ?? '').pathname).toBe(LIST);
    expect(searchOf(request)).toBe(`?organization_uid=${ORG}&sort=-updated_on&page=1&per_page=50`);
    expect(request?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.get('Version')).toBeNull();
  });

  it.each<[string, Partial<InboxFilters>, string]>([
    ['read', { read: 'read' }, 'is_read=true&sort=-updated_on'],
    ['unread', { read: 'unread' }, 'is_read=false&sort=-updated_on'],
    [
      'lifecycle, comma-joined',
      { lifecycle: ['active', 'closed'] },
      'status=active%2Cclosed&sort=-updated_on',
    ],
    ['email', { channel: 'email' }, 'channel=email&sort=-updated_on'],
    ['sms', { channel: 'sms' }, 'channel=sms&sort=-updated_on'],
    [
      'categories, comma-joined',
      { categories: ['billing', 'follow up'] },
      'category=billing%2Cfollow+up&sort=-updated_on',
    ],
    ['me', { assignee: ['me'] }, `agent_uid=${ME}&sort=-updated_on`],
    [
      'one agent',
      { assignee: ['a1e2c3d4-0000-4000-8000-00000000a002'] },
      'agent_uid=a1e2c3d4-0000-4000-8000-00000000a002&sort=-updated_on',
    ],
    ['subject search, trimmed', { q: ' INV-2041 ' }, 'search=INV-2041&sort=-updated_on'],
    [
      'last activity, oldest first',
      { sort: { field: 'lastActivity', direction: 'asc' } },
      'sort=updated_on',
    ],
    [
      'created, newest first',
      { sort: { field: 'created', direction: 'desc' } },
      'sort=-created_on',
    ],
    ['created, oldest first', { sort: { field: 'created', direction: 'asc' } }, 'sort=created_on'],
    ['subject A–Z', { sort: { field: 'subject', direction: 'asc' } }, 'sort=subject'],
    ['subject Z–A', { sort: { field: 'subject', direction: 'desc' } }, 'sort=-subject'],
    [
      'everything at once, in a fixed order',
      {
        read: 'unread',
        lifecycle: ['active'],
        channel: 'email',
        categories: ['billing'],
        assignee: ['me'],
        q: 'refund',
        sort: { field: 'created', direction: 'asc' },
      },
      `is_read=false&status=active&channel=email&category=billing&agent_uid=${ME}&search=refund&sort=created_on`,
    ],
  ])('%s', async (_label, patch, middle) => {
    await provider.list({ filters: filters(patch), cursor: null });
    expect(searchOf(sent[0])).toBe(`?organization_uid=${ORG}&${middle}&page=1&per_page=50`);
  });

  it('takes the search parameter name from the assumptions', async () => {
    expect(exanteAssumptions.searchParam).toBe('search');
    const probing = createExanteProvider(connection, { ...exanteAssumptions, searchParam: 'q' });
    await probing.list({ filters: filters({ q: 'refund' }), cursor: null });
    expect(searchOf(sent[0])).toBe(
      `?organization_uid=${ORG}&q=refund&sort=-updated_on&page=1&per_page=50`,
    );
  });

  it('honours a requested page size, clamped to 100', async () => {
    await provider.list({ filters: filters(), cursor: null, limit: 1 });
    await provider.list({ filters: filters(), cursor: null, limit: 250 });
    expect(sent.map((r) => new URL(r.url).searchParams.get('per_page'))).toEqual(['1', '100']);
  });

  it.each<[string, Partial<InboxFilters>, RegExp]>([
    ['starred', { starred: true }, /starred/],
    [
      'more than one agent',
      { assignee: ['me', 'a1e2c3d4-0000-4000-8000-00000000a002'] },
      /one agent/,
    ],
    ['unassigned', { assignee: ['unassigned'] }, /unassigned/],
    ['the call channel', { channel: 'call' }, /"call" channel/],
    ['the chat channel', { channel: 'chat' }, /"chat" channel/],
    ['the social channel', { channel: 'social' }, /"social" channel/],
    ['the review channel', { channel: 'review' }, /"review" channel/],
    ['the other channel', { channel: 'other' }, /"other" channel/],
  ])('refuses %s without calling the API', async (_label, patch, message) => {
    const error = await failure(provider.list({ filters: filters(patch), cursor: null }));
    expect(error.kind).toBe('unsupported');
    expect(describeError(error)).toMatch(message);
    expect(sent).toHaveLength(0);
  });

  it('refuses "me" when the connection does not know who I am', async () => {
    const anonymous = createExanteProvider({ ...connection, meId: null });
    const error = await failure(
      anonymous.list({ filters: filters({ assignee: ['me'] }), cursor: null }),
    );
    expect(error.kind).toBe('unsupported');
    expect(sent).toHaveLength(0);
  });

  it('refuses a cursor that is not a page number', async () => {
    for (const cursor of ['0', '-1', 'abc', '2.5', 'hl1.W10']) {
      const error = await failure(provider.list({ filters: filters(), cursor }));
      expect(error.kind).toBe('unsupported');
    }
    expect(sent).toHaveLength(0);
  });
});

describe('list: mapping', () => {
  it('reads the documented example response verbatim', async () => {
    answerList(listSeed);
    const page = await provider.list({ filters: filters(), cursor: null });
    expect(page.total).toBe(123);
    // page 123 of 123: the end.
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual<Conversation[]>([
      {
        id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
        contactName: '<string>',
        contactId: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
        contactEmail: '<string>',
        contactPhone: null,
        subject: '<string>',
        snippet: '<string>',
        channel: 'email',
        rawChannel: 'email',
        lifecycle: 'draft',
        assigneeId: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
        labels: ['<string>'],
        unreadCount: null,
        isUnread: false,
        starred: null,
        lastActivityAt: '2023-11-07T05:31:56.000Z',
        createdAt: '2023-11-07T05:31:56.000Z',
        updatedAt: '2023-11-07T05:31:56.000Z',
        messageCount: 123,
        hasAttachments: true,
        attachmentCount: 123,
        participants: ['<string>'],
      },
    ]);
  });

  it('maps every rule, including nulls on an SMS row', async () => {
    answerList(listPage1);
    const page = await provider.list({ filters: filters(), cursor: null });
    expect(page.total).toBe(102);
    const [email, sms] = page.items;
    expect(email).toEqual<Conversation>({
      id: '0b8f3c1e-7a2d-4c55-9e61-3f0a9d2b7c14',
      contactName: 'Northwind Accounts Payable',
      contactId: 'p9d8c7b6-0000-4000-8000-00000000b001',
      contactEmail: 'ap@northwind.example',
      contactPhone: null,
      subject: 'Invoice INV-2041 is past due',
      snippet: 'We have not received the credit note yet…',
      channel: 'email',
      rawChannel: 'email',
      lifecycle: 'active',
      assigneeId: ME,
      labels: ['billing', 'overdue'],
      unreadCount: null,
      isUnread: true,
      starred: null,
      lastActivityAt: '2023-11-08T10:02:11.000Z',
      createdAt: '2023-11-07T05:31:56.000Z',
      updatedAt: '2023-11-08T10:02:11.000Z',
      messageCount: 3,
      hasAttachments: true,
      attachmentCount: 2,
      // to + cc, each address once.
      participants: ['collections@parley.example', 'cfo@northwind.example'],
    });
    expect(sms).toMatchObject({
      contactName: 'Unknown contact',
      contactId: null,
      contactEmail: null,
      subject: null,
      snippet: 'Reminder: payment due Friday',
      channel: 'sms',
      lifecycle: 'archived',
      assigneeId: null,
      labels: [],
      isUnread: false,
      hasAttachments: false,
      attachmentCount: 0,
      participants: [],
    });
  });

  it('falls back to from_email for the name', async () => {
    const body = clone(listPage1);
    const first = body.data.items[0];
    if (first) first.metadata.from_name = '';
    answerList(body);
    const [row] = (await provider.list({ filters: filters(), cursor: null })).items;
    expect(row?.contactName).toBe('ap@northwind.example');
  });
});

describe('list: cursor', () => {
  it('walks page numbers and stops at the last page', async () => {
    answerList(listPage1);
    const first = await provider.list({ filters: filters({ read: 'unread' }), cursor: null });
    expect(first.nextCursor).toBe('2');

    answerList({
      ...listPage1,
      data: { ...listPage1.data, pagination: { ...listPage1.data.pagination, page: 2 } },
    });
    const second = await provider.list({
      filters: filters({ read: 'unread' }),
      cursor: first.nextCursor,
    });
    expect(second.nextCursor).toBe('3');

    answerList(listPage3);
    const third = await provider.list({
      filters: filters({ read: 'unread' }),
      cursor: second.nextCursor,
    });
    expect(third.nextCursor).toBeNull();
    expect(sent.map((r) => new URL(r.url).searchParams.get('page'))).toEqual(['1', '2', '3']);
    expect(searchOf(sent[2])).toBe(
      `?organization_uid=${ORG}&is_read=false&sort=-updated_on&page=3&per_page=50`,
    );
  });

  it('ends an empty result', async () => {
    answerList({
      status: 'success',
      data: { items: [], pagination: { page: 1, per_page: 50, total: 0, total_pages: 0 } },
    });
    expect(await provider.list({ filters: filters(), cursor: null })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });
});

describe('list: bad answers', () => {
  it('names a missing required field', async () => {
    const body = clone(listPage1) as { data: { items: Array<Record<string, unknown>> } };
    delete body.data.items[1]?.['updated_on'];
    answerList(body);
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.kind).toBe('malformed');
    expect(error.messages).toEqual([
      'data.items[1].updated_on: expected number or string, but it is missing',
    ]);
  });

  it('refuses an empty uid: rows are keyed by it (found by the random-payload test)', async () => {
    const body = clone(listPage1);
    Object.assign(body.data.items[0] ?? {}, { uid: '' });
    answerList(body);
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages).toEqual(['data.items[0].uid: expected at least 1 character(s)']);
  });

  it('names an unknown lifecycle status', async () => {
    const body = clone(listPage1);
    Object.assign(body.data.items[0] ?? {}, { status: 'snoozed' });
    answerList(body);
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages).toEqual([
      'data.items[0].status: expected one of "draft", "active", "archived", "closed", got "snoozed"',
    ]);
  });

  it('names a missing pagination block', async () => {
    answerList({ status: 'success', data: { items: [] } });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages).toEqual(['data.pagination: expected object, but it is missing']);
  });

  it('passes on field errors of a 422', async () => {
    answerList(error422, { status: 422 });
    const error = await failure(provider.list({ filters: filters(), cursor: null, limit: 100 }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 422,
      messages: [
        'The per page field must not be greater than 100.',
        'sort: must be one of created_on, updated_on, sent_at, subject, status, channel',
      ],
    });
    expect(describeError(error)).toBe(
      'The server rejected the request: The per page field must not be greater than 100.; sort: must be one of created_on, updated_on, sent_at, subject, status, channel',
    );
  });

  it('passes on a 401 message', async () => {
    answerList(error401, { status: 401 });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 401,
      messages: ['Invalid or expired API key.'],
    });
    expect(describeError(error)).toBe(
      'Your session is no longer valid (401). Reconnect with a new token.',
    );
  });

  it('reads Retry-After on a 429', async () => {
    answerList(error429, { status: 429, headers: { 'Retry-After': '7' } });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      retryAfterMs: 7000,
      messages: ['Too many requests. Slow down.'],
    });
    expect(describeError(error)).toBe('Too many requests. Try again in 7 seconds.');
  });
});

describe('get and messages', () => {
  const ID = '0b8f3c1e-7a2d-4c55-9e61-3f0a9d2b7c14';
  beforeEach(() => server.use(http.get(`${LIST}/:uid`, () => HttpResponse.json(detail))));

  it('gets one conversation', async () => {
    const conversation = await provider.get(ID);
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(`${LIST}/${ID}`);
    expect(searchOf(sent[0])).toBe('');
    expect(conversation).toMatchObject({
      id: ID,
      subject: 'Invoice INV-2041 is past due',
      isUnread: true,
    });
  });

  it('reads the thread from the detail as one page, oldest first, plain text only', async () => {
    const page = await provider.messages(ID, null);
    expect(page).toEqual({
      olderCursor: null,
      messages: [
        {
          id: 'm0000001-0000-4000-8000-000000000001',
          direction: 'inbound',
          author: 'Northwind Accounts Payable',
          // No body_text: the plain content, never the HTML.
          body: 'We have not received the credit note yet.',
          sentAt: '2023-11-07T05:31:56.000Z',
        },
        {
          id: 'm0000001-0000-4000-8000-000000000002',
          direction: 'outbound',
          author: 'Parley Collections',
          body: 'We will send the credit note today.',
          sentAt: '2023-11-08T10:02:11.000Z',
        },
      ],
    });
  });

  it('has no older pages', async () => {
    const error = await failure(provider.messages(ID, '2'));
    expect(error.kind).toBe('unsupported');
    expect(sent).toHaveLength(0);
  });

  it('names a bad message field', async () => {
    const body = clone(detail) as { data: { messages: Array<Record<string, unknown>> } };
    delete body.data.messages[1]?.['uid'];
    server.use(http.get(`${LIST}/:uid`, () => HttpResponse.json(body)));
    const error = await failure(provider.messages(ID, null));
    expect(error.messages).toEqual(['data.messages[1].uid: expected string, but it is missing']);
  });
});

describe('update', () => {
  const ID = '0b8f3c1e-7a2d-4c55-9e61-3f0a9d2b7c14';

  it('marks read with the assumed PATCH', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.patch(`${LIST}/:uid`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(updateResponse);
      }),
    );
    const conversation = await provider.update(ID, { read: true });
    await provider.update(ID, { read: false });
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `PATCH ${LIST}/${ID}`,
      `PATCH ${LIST}/${ID}`,
    ]);
    expect(sent[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(bodies).toEqual([{ is_read: true }, { is_read: false }]);
    expect(conversation).toMatchObject({
      id: ID,
      isUnread: false,
      unreadCount: null,
      starred: null,
    });
  });

  it('cannot star', async () => {
    const error = await failure(provider.update(ID, { starred: true, read: true }));
    expect(error.kind).toBe('unsupported');
    expect(describeError(error)).toBe('Exante conversations cannot be starred.');
    expect(sent).toHaveLength(0);
  });
});

describe('agents', () => {
  it('reads the assumed organization users endpoint', async () => {
    server.use(http.get(`${BASE}/organization/:org/users`, () => HttpResponse.json(orgUsers)));
    const agents = await provider.agents();
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(`${BASE}/organization/${ORG}/users`);
    expect(agents).toEqual([
      { id: ME, name: 'Priya Raman', email: 'priya@parley.example' },
      {
        id: 'a1e2c3d4-0000-4000-8000-00000000a002',
        name: 'Tomás García',
        email: 'tomas@parley.example',
      },
      {
        id: 'a1e2c3d4-0000-4000-8000-00000000a003',
        name: 'night-shift@parley.example',
        email: 'night-shift@parley.example',
      },
    ]);
  });
});

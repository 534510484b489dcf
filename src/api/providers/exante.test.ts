import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  assumedErrorBody,
  INVALID_ORGANIZATION_MESSAGE,
  INVALID_ORGANIZATION_STATUS,
} from '../contract/exante.ts';
import { describeError } from '../client.ts';
import type { Connection, Conversation, InboxFilters, Page } from '../model.ts';
import {
  clone,
  failureWithout,
  filters,
  omit,
  recordingServer,
  searchOf,
} from '../test-support.ts';
import { createExanteProvider, SEARCH_UNAVAILABLE } from './exante.ts';
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
    ['subject search as q, trimmed', { q: ' INV-2041 ' }, 'q=INV-2041&sort=-updated_on'],
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
        q: 'credit',
        sort: { field: 'created', direction: 'asc' },
      },
      `is_read=false&status=active&channel=email&category=billing&agent_uid=${ME}&q=credit&sort=created_on`,
    ],
  ])('%s', async (_label, patch, middle) => {
    await provider.list({ filters: filters(patch), cursor: null });
    expect(searchOf(sent[0])).toBe(`?organization_uid=${ORG}&${middle}&page=1&per_page=50`);
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

const EMAIL_REPLY = {
  type: 'email',
  format: 'email',
  label: 'Email',
  limit: { maxChars: 10_000, maxSubjectChars: 255 },
} as const;

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
        channelLabel: 'Email',
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
        replyVia: EMAIL_REPLY,
        lastMessageDirection: null,
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
      channelLabel: 'Email',
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
      replyVia: EMAIL_REPLY,
      lastMessageDirection: null,
    });
    expect(sms).toMatchObject({
      contactName: 'Unknown contact',
      contactId: null,
      contactEmail: null,
      subject: null,
      snippet: 'Reminder: payment due Friday',
      channel: 'sms',
      channelLabel: 'SMS',
      lifecycle: 'archived',
      assigneeId: null,
      labels: [],
      isUnread: false,
      hasAttachments: false,
      attachmentCount: 0,
      participants: [],
      replyVia: { type: 'sms', format: 'sms', label: 'SMS', limit: { maxSegments: 10 } },
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

  it('titles a conversation we started with its recipient, never our own sender', async () => {
    const body = clone(listPage1);
    const first = body.data.items[0];
    if (first) {
      first.direction = 'outbound';
      first.metadata.from_name = 'Avery Quinn';
      first.metadata.from_email = 'ar@parley-demo.test';
      first.metadata.to_emails = ['billing@customer.example', 'cfo@customer.example'];
    }
    answerList(body);
    const [row, sms] = (await provider.list({ filters: filters(), cursor: null })).items;
    expect(row?.contactName).toBe('billing@customer.example');
    expect(row?.contactEmail).toBe('billing@customer.example');
    // An outbound SMS names no recipient in the list: unknown, not us.
    expect(sms?.contactName).toBe('Unknown contact');
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
    expect(await provider.list({ filters: filters(), cursor: null })).toEqual<Page>({
      items: [],
      nextCursor: null,
      total: 0,
      unreadable: [],
      gaps: [],
    });
  });
});

describe('list: reading tolerantly', () => {
  type Item = Record<string, unknown>;
  const withItems = (change: (items: Item[]) => void) => {
    const body = clone(listPage1) as unknown as { data: { items: Item[] } };
    change(body.data.items);
    answerList(body);
    return provider.list({ filters: filters(), cursor: null });
  };

  it('shows the rest of a page when items cannot be read, and says which', async () => {
    const page = await withItems((items) => {
      delete items[0]?.['uid'];
      items[1] = omit(items[1] ?? {}, ['updated_on', 'sent_at', 'created_on']);
      items.push(
        { ...items[0], uid: '  ' },
        null as unknown as Item,
        listPage1.data.items[1] as Item,
      );
    });
    expect(page.items.map((c) => c.id)).toEqual(['5d2e9a7b-3c41-4f08-b6d2-8e1f0c3a9b57']);
    expect(page.unreadable).toEqual([
      { id: null, reason: 'it has no uid' },
      { id: '5d2e9a7b-3c41-4f08-b6d2-8e1f0c3a9b57', reason: 'it has no date to order it by' },
      { id: null, reason: 'it has no uid' },
      { id: null, reason: 'it is not an object' },
    ]);
  });

  it('orders by sent_at, then created_on, when updated_on is missing or null', async () => {
    const page = await withItems((items) => {
      delete items[0]?.['updated_on'];
      Object.assign(items[1] ?? {}, { updated_on: null });
    });
    expect(page.items.map((c) => c.lastActivityAt)).toEqual([
      '2023-11-07T05:31:56.000Z',
      '2023-11-06T12:00:00.000Z',
    ]);
    expect(page.items.map((c) => c.updatedAt)).toEqual([null, null]);
  });

  it('keeps an unknown lifecycle or channel as a readable value, never a failed page', async () => {
    const page = await withItems((items) => {
      Object.assign(items[0] ?? {}, { status: 'snoozed', channel: 'whatsapp' });
      Object.assign(items[1] ?? {}, { channel: 7, metadata: null, categories: null });
    });
    expect(page.unreadable).toEqual([]);
    expect(page.items[0]).toMatchObject({
      lifecycle: null,
      channel: 'other',
      rawChannel: 'whatsapp',
      channelLabel: 'Whatsapp',
      // Exante replies on email and SMS only.
      replyVia: null,
    });
    expect(page.items[1]).toMatchObject({
      channel: 'other',
      rawChannel: '7',
      snippet: '',
      labels: [],
      participants: [],
      contactName: 'Unknown contact',
    });
  });

  it('reads flags and counts in the spellings other clients send', async () => {
    const page = await withItems((items) => {
      Object.assign(items[0] ?? {}, { is_read: 'true', message_count: '4' });
      Object.assign(items[1] ?? {}, { is_read: 0 });
    });
    expect(page.items.map((c) => [c.isUnread, c.messageCount])).toEqual([
      [false, 4],
      [true, 1],
    ]);
  });

  it('reads a total that is no count as what the page holds', async () => {
    const body = clone(listPage1);
    body.data.pagination.total = 2.5;
    answerList(body);
    expect((await provider.list({ filters: filters(), cursor: null })).total).toBe(2);
  });

  it('names a missing pagination block', async () => {
    answerList({ status: 'success', data: { items: [] } });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.kind).toBe('malformed');
    expect(error.messages).toEqual(['data.pagination: expected object, but it is missing']);
  });
});

describe('list: search, honestly', () => {
  const search = (q: string) => provider.list({ filters: filters({ q }), cursor: null });

  it('shows what a server that applied q found', async () => {
    answerList(listPage1);
    // "payment" is in the second row's snippet: the page may be the search's answer.
    expect((await search('Payment')).items).toHaveLength(2);
  });

  it('says search is unavailable when the server ignored q and sent the whole view', async () => {
    // The MSW handler ignores q, as a server that names the parameter otherwise would.
    answerList(listPage1);
    const error = await failure(search('zebra crossing'));
    expect(error.kind).toBe('unsupported');
    expect(error.messages).toEqual([SEARCH_UNAVAILABLE]);
    expect(describeError(error)).toMatch(/^Search is not available on this Exante connection/);
  });

  it.each([
    ['a 422 naming q', 422, { q: ['The q field is not allowed.'] }],
    ['a 400 naming q', 400, { q: ['Unknown parameter.'] }],
  ])('says search is unavailable on %s', async (_label, status, errors) => {
    answerList(assumedErrorBody(status, 'The given data was invalid.', errors), { status });
    const error = await failure(search('invoice'));
    expect(error.kind).toBe('unsupported');
    expect(error.messages).toEqual([SEARCH_UNAVAILABLE]);
  });

  it('passes on a refusal that does not name q', async () => {
    answerList(error422, { status: 422 });
    const error = await failure(search('invoice'));
    expect(error).toMatchObject({ kind: 'http', status: 422 });
  });

  it('cannot tell from an empty page, or from words too short to look for', async () => {
    answerList({
      status: 'success',
      data: { items: [], pagination: { page: 1, per_page: 50, total: 0, total_pages: 0 } },
    });
    expect((await search('zebra')).items).toEqual([]);
    answerList(listPage1);
    expect((await search('x')).items).toHaveLength(2);
  });
});

describe('list: failures', () => {
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

  it('passes on the 400 of an organization that is not one', async () => {
    answerList(assumedErrorBody(INVALID_ORGANIZATION_STATUS, INVALID_ORGANIZATION_MESSAGE), {
      status: INVALID_ORGANIZATION_STATUS,
    });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      messages: ['organization_uid must be a valid UUID.'],
    });
    expect(describeError(error)).toBe(
      'The server rejected the request: organization_uid must be a valid UUID.',
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

  it('redacts the token from a message that echoes it', async () => {
    answerList(assumedErrorBody(403, `Key ${TOKEN} may not read this organization.`), {
      status: 403,
    });
    const error = await failure(provider.list({ filters: filters(), cursor: null }));
    expect(error.messages).toEqual(['Key [redacted] may not read this organization.']);
  });

  it('waits out a 429 at the rate gate and sends the request again', async () => {
    let refused = 0;
    server.use(
      http.get(LIST, () =>
        refused++ === 0
          ? HttpResponse.json(error429, { status: 429, headers: { 'Retry-After': '0' } })
          : HttpResponse.json(listPage1),
      ),
    );
    const page = await provider.list({ filters: filters(), cursor: null });
    expect(sent).toHaveLength(2);
    expect(page.items).toHaveLength(2);
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
          authorId: null,
          // No body_text: the plain content, never the HTML.
          body: 'We have not received the credit note yet.',
          bodyRef: null,
          sentAt: '2023-11-07T05:31:56.000Z',
        },
        {
          id: 'm0000001-0000-4000-8000-000000000002',
          direction: 'outbound',
          author: 'Parley Collections',
          authorId: null,
          body: 'We will send the credit note today.',
          bodyRef: null,
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

  it('drops a message it cannot key, and keeps the thread', async () => {
    const body = clone(detail) as { data: { messages: Array<Record<string, unknown>> } };
    delete body.data.messages[1]?.['uid'];
    server.use(http.get(`${LIST}/:uid`, () => HttpResponse.json(body)));
    const page = await provider.messages(ID, null);
    expect(page.messages.map((m) => m.id)).toEqual(['m0000001-0000-4000-8000-000000000002']);
  });

  it('carries every body in the thread: there is nothing to fetch by reference', async () => {
    const error = await failure(provider.messageBody('m0000001-0000-4000-8000-000000000001'));
    expect(error.kind).toBe('unsupported');
    expect(sent).toHaveLength(0);
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

  function answerPatch(body: unknown) {
    server.use(
      http.patch(`${LIST}/:uid`, () => HttpResponse.json(body as Record<string, unknown>)),
    );
  }

  it('changes nothing an answer without is_read leaves out', async () => {
    const answer = clone(updateResponse) as { data: Record<string, unknown> };
    delete answer.data['is_read'];
    answerPatch(answer);
    const update = await provider.update(ID, { read: false });
    expect(update).not.toHaveProperty('isUnread');
    expect(update).toMatchObject({ id: ID, subject: 'Invoice INV-2041 is past due' });
  });

  it('reconciles what a partial answer carries, and nothing else', async () => {
    answerPatch({ status: 'success', data: { uid: ID, is_read: false } });
    // No metadata: no "Unknown contact"; no agent_uid: no unassignment; no date: none.
    expect(await provider.update(ID, { read: false })).toEqual({
      id: ID,
      isUnread: true,
      unreadCount: null,
      starred: null,
    });
  });

  it('takes an answer without a conversation as a bare acknowledgement', async () => {
    answerPatch({ status: 'success', data: null });
    expect(await provider.update(ID, { read: false })).toEqual({ id: ID });
  });

  it('reconciles is_read when the answer carries it', async () => {
    answerPatch({ ...updateResponse, data: { ...updateResponse.data, is_read: false } });
    expect(await provider.update(ID, { read: false })).toMatchObject({ isUnread: true });
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

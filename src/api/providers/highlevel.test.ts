import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { ASSUMED_RATE_LIMITED_MESSAGE, ASSUMED_SEARCH_MAX_LIMIT } from '../contract/highlevel.ts';
import { describeError } from '../client.ts';
import type { Connection, Conversation, InboxFilters, Message, Page } from '../model.ts';
import {
  clone,
  failureWithout,
  filters,
  omit,
  recordingServer,
  searchOf,
} from '../test-support.ts';
import emailReal from './fixtures/highlevel-email-real.json';
import error401 from './fixtures/highlevel-error-401.json';
import error422 from './fixtures/highlevel-error-422.json';
import getReal from './fixtures/highlevel-get-real.json';
import getSpec from './fixtures/highlevel-get-spec.json';
import messagesReal from './fixtures/highlevel-messages-real.json';
import messagesSpec from './fixtures/highlevel-messages-spec.json';
import searchReal from './fixtures/highlevel-search-real.json';
import searchSpec from './fixtures/highlevel-search-spec.json';
import updateReal from './fixtures/highlevel-update-real.json';
import updateSpec from './fixtures/highlevel-update-spec.json';
import usersEmptyReal from './fixtures/highlevel-users-empty-real.json';
import usersReal from './fixtures/highlevel-users-real.json';
import usersSpec from './fixtures/highlevel-users.json';
import { createHighLevelProvider } from './highlevel.ts';

const TOKEN = 'ex_live_parley_demo_secret_000';
const BASE = '/providers/highlevel';
const SEARCH = `${BASE}/conversations/search`;
const ONE = `${BASE}/conversations/:id`;
const ME = 'u7AgentMe0000000001';
const LOCATION = 'ParleyDemoLocation01';

const connection: Connection = {
  provider: 'highlevel',
  baseUrl: BASE,
  tenantId: LOCATION,
  token: TOKEN,
  meId: ME,
};
const provider = createHighLevelProvider(connection);

const { server, sent } = recordingServer(TOKEN);

type Json = Record<string, unknown>;

function answerSearch(body: unknown, init?: ResponseInit) {
  server.use(http.get(SEARCH, () => HttpResponse.json(body as Json, init)));
}

/** A search answer holding one item: the first of the real fixture, changed by `patch`. */
function answerItem(patch: Json, remove: string[] = []) {
  const item = omit({ ...clone(searchReal.conversations[0]), ...patch }, remove);
  answerSearch({ conversations: [item], total: 1 });
}

const failure = failureWithout(TOKEN);

const firstPage = () => provider.list({ filters: filters(), cursor: null });

/**
 * The four conversations both search fixtures describe, as Parley reads them. The real
 * fixture leaves keys out (a no-show's body, a phone) or sends null where the spec fixture
 * sends empty strings and `starred: false`: both must read the same.
 */
const SMS_REPLY = { type: 'SMS', format: 'sms', label: 'SMS', limit: { maxSegments: 10 } } as const;
const EMAIL_REPLY = {
  type: 'Email',
  format: 'email',
  label: 'Email',
  limit: { maxChars: 10_000, maxSubjectChars: 255 },
} as const;

const EXPECTED: Conversation[] = [
  {
    id: 'Rw1SmsStarred0000001',
    contactName: 'Ines Moreau',
    contactId: 'Ct1Ines0000000000001',
    contactEmail: 'ines.moreau@example.com',
    contactPhone: '+33612345678',
    subject: null,
    snippet: 'Can we move the fitting to Friday?',
    channel: 'sms',
    rawChannel: 'TYPE_SMS',
    channelLabel: 'SMS',
    lifecycle: null,
    assigneeId: ME,
    labels: ['vip', 'fitting'],
    unreadCount: 2,
    isUnread: true,
    starred: true,
    lastActivityAt: '2026-10-25T03:46:40.000Z',
    createdAt: '2026-09-21T14:13:20.000Z',
    updatedAt: '2026-10-25T03:47:40.000Z',
    messageCount: null,
    hasAttachments: false,
    attachmentCount: 0,
    participants: [],
    replyVia: SMS_REPLY,
    lastMessageDirection: 'inbound',
  },
  {
    id: 'Rw2NoShow00000000002',
    contactName: 'Kofi Mensah',
    contactId: 'Ct2Kofi0000000000002',
    contactEmail: 'kofi@mensah.example',
    contactPhone: null,
    subject: null,
    // A no-show has no text: no body key on the real wire, '' in the spec's shape.
    snippet: '',
    // TYPE_NO_SHOW names no channel: the conversation's own type does.
    channel: 'sms',
    rawChannel: 'TYPE_PHONE',
    channelLabel: 'Phone',
    lifecycle: null,
    assigneeId: null,
    labels: [],
    unreadCount: 0,
    isUnread: false,
    starred: false,
    lastActivityAt: '2026-10-24T00:00:00.000Z',
    createdAt: '2026-10-03T04:00:00.000Z',
    updatedAt: '2026-10-24T00:00:00.000Z',
    messageCount: null,
    hasAttachments: false,
    attachmentCount: 0,
    participants: [],
    // A no-show names no channel one can send on: the phone conversation's SMS.
    replyVia: SMS_REPLY,
    // The real wire leaves it out on some rows (the spec's shape sends it: see `shapes`).
    lastMessageDirection: null,
  },
  {
    id: 'Rw3PhoneNull00000003',
    contactName: 'Lena Vogel',
    contactId: 'Ct3Lena0000000000003',
    contactEmail: 'lena.vogel@example.com',
    // `phone: null` on the real wire, '' in the spec's shape.
    contactPhone: null,
    subject: null,
    snippet: 'Receipt attached, thanks!',
    channel: 'email',
    rawChannel: 'TYPE_EMAIL',
    channelLabel: 'Email',
    lifecycle: null,
    assigneeId: 'u8AgentTwo000000002',
    labels: [],
    unreadCount: 0,
    isUnread: false,
    starred: false,
    lastActivityAt: '2026-10-24T00:00:00.000Z',
    createdAt: '2026-09-10T00:26:40.000Z',
    updatedAt: '2026-10-24T00:00:00.000Z',
    messageCount: null,
    hasAttachments: false,
    attachmentCount: 0,
    participants: [],
    replyVia: EMAIL_REPLY,
    lastMessageDirection: null,
  },
  {
    id: 'Rw4CallNoName0000004',
    // No names and no email (left out, or ''): the phone number.
    contactName: '+4915112345678',
    contactId: 'Ct4Anon0000000000004',
    contactEmail: null,
    contactPhone: '+4915112345678',
    subject: null,
    snippet: 'Missed call',
    channel: 'call',
    rawChannel: 'TYPE_CALL',
    channelLabel: 'Call',
    lifecycle: null,
    assigneeId: null,
    labels: [],
    unreadCount: 1,
    isUnread: true,
    starred: false,
    lastActivityAt: '2026-10-22T20:13:20.000Z',
    createdAt: '2026-09-10T00:26:40.000Z',
    updatedAt: '2026-10-22T20:13:20.000Z',
    messageCount: null,
    hasAttachments: false,
    attachmentCount: 0,
    participants: [],
    // A call is answered by text on its phone conversation.
    replyVia: SMS_REPLY,
    lastMessageDirection: 'inbound',
  },
];

const [INES] = EXPECTED as [Conversation];

const shapes = [
  {
    wire: 'real',
    search: searchReal,
    getOne: getReal,
    update: updateReal,
    messages: messagesReal,
    users: usersReal,
    // The real list leaves the email's body out and names it for GET …/email/{id}.
    email: { body: null, bodyRef: 'Em2Ines000000000002' },
    // Who wrote last, per row: the real wire leaves it out of some.
    directions: ['inbound', null, null, 'inbound'],
    agents: [
      { id: ME, name: 'Priya Raman', email: 'priya@parley.example' },
      { id: 'u8AgentTwo000000002', name: 'Tomás García', email: 'tomas@parley.example' },
    ],
  },
  {
    wire: 'spec',
    search: searchSpec,
    getOne: getSpec,
    update: updateSpec,
    messages: messagesSpec,
    users: usersSpec,
    email: { body: 'Friday at 10 works. See you then.', bodyRef: null },
    directions: ['inbound', 'outbound', 'inbound', 'inbound'],
    agents: [
      { id: ME, name: 'Priya Raman', email: 'priya@parley.example' },
      { id: 'u8AgentTwo000000002', name: 'Tomás García', email: 'tomas@parley.example' },
      {
        id: 'u0AgentMail00000004',
        name: 'night-shift@parley.example',
        email: 'night-shift@parley.example',
      },
    ],
  },
] as const;

describe('list: request building', () => {
  beforeEach(() => answerSearch({ conversations: [], total: 0 }));

  it('sends the defaults with the Version header and the bearer token', async () => {
    await firstPage();
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.url.startsWith(`${location.origin}${SEARCH}?`)).toBe(true);
    expect(searchOf(request)).toBe(
      `?locationId=${LOCATION}&limit=50&status=all&sort=desc&sortBy=last_message_date`,
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
      `?locationId=${LOCATION}&limit=50&${middle}&sort=desc&sortBy=last_message_date`,
    );
  });

  it('sorts ascending', async () => {
    await provider.list({
      filters: filters({ sort: { field: 'lastActivity', direction: 'asc' } }),
      cursor: null,
    });
    expect(searchOf(sent[0])).toBe(
      `?locationId=${LOCATION}&limit=50&status=all&sort=asc&sortBy=last_message_date`,
    );
  });

  it("honours a requested page size, clamped to the contract's largest", async () => {
    await provider.list({ filters: filters(), cursor: null, limit: 1 });
    await provider.list({ filters: filters(), cursor: null, limit: 500 });
    await provider.list({ filters: filters(), cursor: null, limit: 0 });
    expect(sent.map((r) => new URL(r.url).searchParams.get('limit'))).toEqual([
      '1',
      String(ASSUMED_SEARCH_MAX_LIMIT),
      '1',
    ]);
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
    const encoded = (value: unknown) => `hl2.${btoa(JSON.stringify(value)).replace(/=+$/, '')}`;
    for (const cursor of [
      '2',
      'hl1.W10',
      'hl2.!!!',
      encoded({ k: 'nope' }),
      encoded({ k: 'at', v: 'yesterday', seen: [] }),
      encoded({ k: 'exact', after: [] }),
    ]) {
      const error = await failure(provider.list({ filters: filters(), cursor }));
      expect(error.kind).toBe('unsupported');
      expect(describeError(error)).toMatch(/cursor/);
    }
    expect(sent).toHaveLength(0);
  });
});

describe.each(shapes)('the $wire shapes', (shape) => {
  const ID = INES.id;

  it('reads every item of a search page into the same conversations', async () => {
    answerSearch(shape.search);
    const page = await firstPage();
    expect(page).toEqual<Page>({
      items: EXPECTED.map((c, i) => ({ ...c, lastMessageDirection: shape.directions[i] ?? null })),
      // Four of fifty: the end of the list.
      nextCursor: null,
      total: 4,
      unreadable: [],
      gaps: [],
    });
  });

  it('opens one: state from GET-one, names, snippet and tags from its search row', async () => {
    server.use(
      http.get(SEARCH, () =>
        HttpResponse.json({
          ...shape.search,
          conversations: shape.search.conversations.slice(0, 1),
        }),
      ),
      http.get(ONE, () => HttpResponse.json(shape.getOne)),
    );
    const conversation = await provider.get(ID);
    const urls = sent.map((r) => new URL(r.url));
    expect(urls.map((u) => u.pathname + u.search).sort()).toEqual([
      `${BASE}/conversations/${ID}`,
      `${SEARCH}?locationId=${LOCATION}&id=${ID}&limit=1`,
    ]);
    expect(sent.every((r) => r.headers.get('Version') === '2021-04-15')).toBe(true);
    expect(conversation).toEqual(INES);
  });

  it('stars, and the answer contradicts nothing the list shows', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.put(ONE, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(shape.update);
      }),
    );
    const update = await provider.update(ID, { starred: true });
    expect(sent[0]?.method).toBe('PUT');
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(`${BASE}/conversations/${ID}`);
    expect(sent[0]?.headers.get('Version')).toBe('2021-04-15');
    expect(bodies).toEqual([{ locationId: LOCATION, starred: true }]);
    expect(update).toMatchObject({ id: ID, starred: true, lastActivityAt: INES.lastActivityAt });
    // Every field the answer carries agrees with the row (the write's time aside).
    expect({ ...INES, ...update, updatedAt: INES.updatedAt }).toEqual(INES);
  });

  it('reads a thread oldest first, with the older cursor', async () => {
    server.use(
      http.get(`${BASE}/conversations/:id/messages`, () => HttpResponse.json(shape.messages)),
    );
    const page = await provider.messages(ID, null);
    expect(searchOf(sent[0])).toBe('?limit=30');
    expect(sent[0]?.headers.get('Version')).toBe('2021-04-15');
    expect(page.olderCursor).toBe('Ms4Call000000000004');
    expect(page.messages).toEqual<Message[]>([
      {
        id: 'Ms4Call000000000004',
        direction: 'inbound',
        author: null,
        authorId: null,
        // A call has no text, and nothing to fetch.
        body: '',
        bodyRef: null,
        sentAt: '2026-10-24T09:15:00.000Z',
      },
      {
        id: 'Ms3Appt000000000003',
        direction: 'outbound',
        author: null,
        authorId: null,
        body: 'Ines Moreau',
        bodyRef: null,
        sentAt: '2026-10-24T15:30:00.000Z',
      },
      {
        id: 'Ms2EmailOut00000002',
        direction: 'outbound',
        author: null,
        // The agent who sent it; an outbound message without a userId is automated.
        authorId: 'u7AgentMe0000000001',
        ...shape.email,
        sentAt: '2026-10-24T16:00:00.000Z',
      },
      {
        id: 'Ms1SmsIn00000000001',
        direction: 'inbound',
        author: null,
        authorId: null,
        body: 'Can we move the fitting to Friday?',
        bodyRef: null,
        sentAt: '2026-10-25T03:46:40.000Z',
      },
    ]);
  });

  it('lists the agents of the location, without deleted users', async () => {
    server.use(http.get(`${BASE}/users/`, () => HttpResponse.json(shape.users)));
    const agents = await provider.agents();
    expect(new URL(sent[0]?.url ?? '').pathname + searchOf(sent[0])).toBe(
      `${BASE}/users/?locationId=${LOCATION}`,
    );
    expect(sent[0]?.headers.get('Version')).toBe('2021-07-28');
    expect(agents).toEqual(shape.agents);
  });
});

describe('list: reading the real wire tolerantly', () => {
  it('shows the rest of a page when items cannot be read, and says which', async () => {
    const body = clone(searchReal) as { conversations: unknown[] };
    body.conversations[1] = omit(body.conversations[1] as Json, ['id']);
    body.conversations[2] = omit(body.conversations[2] as Json, [
      'lastMessageDate',
      'dateAdded',
      'dateUpdated',
      'sort',
    ]);
    body.conversations.push('not a conversation', null);
    answerSearch(body);
    const page = await firstPage();
    expect(page.items.map((c) => c.id)).toEqual([EXPECTED[0]?.id, EXPECTED[3]?.id]);
    expect(page.unreadable).toEqual([
      { id: null, reason: 'it has no id' },
      { id: 'Rw3PhoneNull00000003', reason: 'it has no date to order it by' },
      { id: null, reason: 'it is not an object' },
      { id: null, reason: 'it is not an object' },
    ]);
    expect(page.total).toBe(4);
  });

  it('reads an empty id as no id: rows are keyed by it', async () => {
    answerItem({ id: '  ' });
    const page = await firstPage();
    expect(page.items).toEqual([]);
    expect(page.unreadable).toEqual([{ id: null, reason: 'it has no id' }]);
  });

  it('takes null as a missing key, everywhere', async () => {
    const nulls = Object.fromEntries(
      [
        'fullName',
        'contactName',
        'email',
        'phone',
        'lastMessageBody',
        'lastMessageType',
        'type',
        'tags',
        'assignedTo',
        'starred',
        'unreadCount',
        'dateAdded',
        'dateUpdated',
        'contactId',
        'sort',
        'followers',
      ].map((key) => [key, null]),
    );
    answerItem(nulls);
    const [item] = (await firstPage()).items;
    expect(item).toEqual<Conversation>({
      ...INES,
      contactName: 'Unknown contact',
      contactId: null,
      contactEmail: null,
      contactPhone: null,
      snippet: '',
      channel: 'other',
      rawChannel: '',
      channelLabel: 'Other',
      // No type of either kind: nothing says how to answer it.
      replyVia: null,
      assigneeId: null,
      labels: [],
      unreadCount: 0,
      isUnread: false,
      starred: false,
      createdAt: null,
      updatedAt: null,
    });
  });

  it('reads counts and flags in the spellings other clients send', async () => {
    answerItem({ unreadCount: '3', starred: 'true', tags: ['vip', 7, null, ''] });
    const [item] = (await firstPage()).items;
    expect(item).toMatchObject({
      unreadCount: 3,
      isUnread: true,
      starred: true,
      labels: ['vip', '7'],
    });
  });

  it.each<[string, Json, Pick<Conversation, 'channel' | 'rawChannel' | 'channelLabel'>]>([
    [
      'an unknown last-message type and conversation type',
      { lastMessageType: 'TYPE_HOLOGRAM', type: 'TYPE_MYSTERY' },
      { channel: 'other', rawChannel: 'TYPE_HOLOGRAM', channelLabel: 'Hologram' },
    ],
    [
      'a no-show on a type with no channel',
      { lastMessageType: 'TYPE_NO_SHOW', type: 'TYPE_INTERNAL_CHAT' },
      { channel: 'other', rawChannel: 'TYPE_NO_SHOW', channelLabel: 'No show' },
    ],
    [
      'numbers for both, as GET-one sends them',
      { lastMessageType: 2, type: 1 },
      { channel: 'sms', rawChannel: '2', channelLabel: 'SMS' },
    ],
    [
      'a numeric WhatsApp',
      { lastMessageType: 19, type: 1 },
      { channel: 'chat', rawChannel: '19', channelLabel: 'WhatsApp' },
    ],
    [
      'the no-show number on an email conversation',
      { lastMessageType: 100, type: 2 },
      { channel: 'email', rawChannel: '2', channelLabel: 'Email' },
    ],
    [
      'numbers outside every list',
      { lastMessageType: 999, type: 99 },
      { channel: 'other', rawChannel: '999', channelLabel: 'Type 999' },
    ],
    [
      'a known type with a word of its own',
      { lastMessageType: 'TYPE_GMB' },
      { channel: 'social', rawChannel: 'TYPE_GMB', channelLabel: 'Google Business' },
    ],
    [
      'a last-message type without a channel: the conversation type decides',
      { lastMessageType: 'TYPE_FORM_SUBMISSION', type: 'TYPE_FB_MESSENGER' },
      { channel: 'social', rawChannel: 'TYPE_FB_MESSENGER', channelLabel: 'Facebook messenger' },
    ],
  ])('gives %s a readable label, never a failed page', async (_label, patch, expected) => {
    answerItem(patch);
    const page = await firstPage();
    expect(page.unreadable).toEqual([]);
    expect(page.items[0]).toMatchObject(expected);
  });

  it.each<[string, unknown]>([
    ['epoch ms', 1792900000000],
    ['epoch ms as a string', '1792900000000'],
    ['ISO-8601', '2026-10-25T03:46:40.000Z'],
    ['ISO-8601 with an offset', '2026-10-25T05:46:40+02:00'],
    ['a Firestore timestamp', { seconds: 1792900000, nanoseconds: 0 }],
    ['a Firestore timestamp as the admin SDK writes it', { _seconds: 1792900000, _nanoseconds: 0 }],
  ])('reads a date given as %s', async (_label, date) => {
    answerItem({ lastMessageDate: date, dateAdded: date, dateUpdated: date }, ['sort']);
    const [item] = (await firstPage()).items;
    expect(item).toMatchObject({
      lastActivityAt: '2026-10-25T03:46:40.000Z',
      createdAt: '2026-10-25T03:46:40.000Z',
      updatedAt: '2026-10-25T03:46:40.000Z',
    });
  });

  it('falls back to the sort value, then dateUpdated, for the last activity', async () => {
    answerItem({ lastMessageDate: 'last Tuesday' });
    expect((await firstPage()).items[0]?.lastActivityAt).toBe('2026-10-25T03:46:40.000Z');
    answerItem({ lastMessageDate: null, sort: null });
    expect((await firstPage()).items[0]?.lastActivityAt).toBe('2026-10-25T03:47:40.000Z');
  });

  it('takes a missing total as the items it has', async () => {
    answerSearch({ conversations: searchReal.conversations.slice(0, 2) });
    expect((await firstPage()).total).toBe(2);
  });
});

describe('list: paging exactly once over a tie-blind cursor', () => {
  interface Row {
    id: string;
    /** lastMessageDate */
    at: number;
    /** dateAdded */
    added: number;
  }

  /**
   * The search as the real one pages: ordered by lastMessageDate (ties in a stable order
   * of their own: insertion), `startAfterDate` strictly after a scalar, or after an exact
   * pair when `exact` items carry two sort values, as the spec's shape does.
   */
  function tieBlindSearch(rows: Row[], { exact = false } = {}) {
    const asked: URLSearchParams[] = [];
    server.use(
      http.get(SEARCH, ({ request }) => {
        const params = new URL(request.url).searchParams;
        asked.push(params);
        const desc = params.get('sort') !== 'asc';
        const sign = desc ? -1 : 1;
        const num = (name: string) => (params.has(name) ? Number(params.get(name)) : null);
        const from = num('startDate');
        const to = num('endDate');
        const scalar = num('startAfterDate');
        const pair = params.getAll('startAfterDate[]').map(Number);
        const matching = rows
          .map((row, seq) => ({ ...row, seq }))
          .filter((r) => (from === null || r.added >= from) && (to === null || r.added <= to))
          .sort((a, b) => sign * (a.at - b.at) || a.seq - b.seq);
        const after = matching.filter((r) => {
          if (scalar !== null) return sign * (r.at - scalar) > 0;
          const [v, seq] = pair as [number, number];
          if (pair.length === 2) return sign * (r.at - v) > 0 || (r.at === v && r.seq > seq);
          return true;
        });
        const limit = num('limit') ?? 20;
        return HttpResponse.json({
          conversations: after.slice(0, limit).map((r) => ({
            id: r.id,
            dateAdded: r.added,
            lastMessageDate: r.at,
            lastMessageType: 'TYPE_SMS',
            unreadCount: 0,
            sort: exact ? [r.at, r.seq] : [r.at],
          })),
          total: matching.length,
        });
      }),
    );
    return asked;
  }

  async function listAll(limit: number, chosen: Partial<InboxFilters> = {}) {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await provider.list({ filters: filters(chosen), cursor, limit });
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 2000);
    expect(cursor).toBeNull();
    return pages;
  }

  const ids = (pages: Page[]) => pages.flatMap((p) => p.items.map((c) => c.id));
  const rowsOf = (prefix: string, count: number, at: number, added: (i: number) => number) =>
    Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, at, added: added(i) }));

  it('asks again from the boundary inclusive and drops what it has shown', async () => {
    const rows = [
      { id: 'a', at: 300, added: 1 },
      ...rowsOf('t', 3, 200, (i) => 10 + i),
      { id: 'z', at: 100, added: 2 },
    ];
    const asked = tieBlindSearch(rows);
    const pages = await listAll(2);
    expect(pages.map((p) => p.items.map((c) => c.id))).toEqual([['a', 't0'], ['t1', 't2'], ['z']]);
    expect(pages[0]?.nextCursor).toMatch(/^hl2\./);
    // One past the boundary, so the tie at 200 comes again; wider by what was shown there.
    expect(asked.map((p) => [p.get('startAfterDate'), p.get('limit')])).toEqual([
      [null, '2'],
      ['201', '3'],
      ['201', '5'],
    ]);
  });

  it('pages ascending from one before the boundary', async () => {
    const rows = [
      { id: 'a', at: 100, added: 1 },
      ...rowsOf('t', 3, 200, (i) => i),
      { id: 'z', at: 300, added: 1 },
    ];
    const asked = tieBlindSearch(rows);
    const pages = await listAll(2, { sort: { field: 'lastActivity', direction: 'asc' } });
    expect(ids(pages)).toEqual(['a', 't0', 't1', 't2', 'z']);
    expect(asked[1]?.get('startAfterDate')).toBe('199');
  });

  it('lists a tie wider than any page by creation-date ranges', async () => {
    const rows = [
      { id: 'a', at: 5000, added: 1 },
      ...rowsOf('t', 250, 4000, (i) => 1000 + (i % 120)),
      ...rowsOf('z', 3, 3000, (i) => i),
    ];
    const asked = tieBlindSearch(rows);
    const pages = await listAll(50);
    const shown = ids(pages);
    // Within the tie, any order: all of it between the newer row and the older ones.
    expect(shown).toHaveLength(rows.length);
    expect(new Set(shown)).toEqual(new Set(rows.map((r) => r.id)));
    expect(shown[0]).toBe('a');
    expect(shown.slice(-3)).toEqual(['z0', 'z1', 'z2']);
    expect(pages.flatMap((p) => p.gaps)).toEqual([]);
    expect(asked.some((p) => p.has('startDate') && p.has('endDate'))).toBe(true);
    expect(asked.every((p) => Number(p.get('limit')) <= ASSUMED_SEARCH_MAX_LIMIT)).toBe(true);
  });

  it('says so when a tie shares its creation date too and is wider than a page', async () => {
    const rows = [
      { id: 'a', at: 5000, added: 1 },
      ...rowsOf('t', 130, 4000, () => 777),
      ...rowsOf('z', 3, 3000, (i) => i),
    ];
    const asked = tieBlindSearch(rows);
    const pages = await listAll(20);
    const shown = ids(pages);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.slice(0, 1)).toEqual(['a']);
    expect(shown.slice(-3)).toEqual(['z0', 'z1', 'z2']);
    expect(shown.filter((id) => id.startsWith('t'))).toHaveLength(ASSUMED_SEARCH_MAX_LIMIT);
    const gaps = pages.flatMap((p) => p.gaps);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatch(
      /^Some conversations last active at 1970-01-01 00:00:04\.000 UTC could not be listed/,
    );
    expect(asked.length).toBeLessThan(40);
  });

  it('passes back a sort value that breaks ties itself, exactly', async () => {
    const rows = [...rowsOf('t', 5, 200, (i) => i), { id: 'z', at: 100, added: 1 }];
    const asked = tieBlindSearch(rows, { exact: true });
    const pages = await listAll(2);
    expect(ids(pages)).toEqual(['t0', 't1', 't2', 't3', 't4', 'z']);
    expect(asked[1]?.getAll('startAfterDate[]')).toEqual(['200', '1']);
    expect(asked[1]?.get('startAfterDate')).toBeNull();
    expect(asked.every((p) => p.get('limit') === '2')).toBe(true);
  });

  it('counts an unreadable item toward a full page', async () => {
    answerSearch({
      conversations: [searchReal.conversations[0], { name: 'no id' }],
      total: 3,
    });
    const page = await provider.list({ filters: filters(), cursor: null, limit: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.unreadable).toHaveLength(1);
    expect(page.nextCursor).toMatch(/^hl2\./);
  });
});

describe('list: failures', () => {
  it('names an envelope it cannot read', async () => {
    answerSearch({ conversations: 'none' });
    const error = await failure(firstPage());
    expect(error.kind).toBe('malformed');
    expect(error.messages).toEqual(['conversations: expected array, got string']);
  });

  it('passes on the validation messages of a 422', async () => {
    answerSearch(error422, { status: 422 });
    const error = await failure(firstPage());
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
    const error = await failure(firstPage());
    expect(error).toMatchObject({
      kind: 'http',
      status: 401,
      messages: ['Invalid token: access token is invalid'],
    });
    expect(describeError(error)).toBe(
      'Your session is no longer valid (401). Reconnect with a new token.',
    );
  });

  it('redacts the token from a message that echoes it', async () => {
    answerSearch(
      { statusCode: 403, message: `Token ${TOKEN} has no access to this location` },
      { status: 403 },
    );
    const error = await failure(firstPage());
    expect(error.messages).toEqual(['Token [redacted] has no access to this location']);
  });

  it('waits out a 429 at the rate gate and sends the request again', async () => {
    let refused = 0;
    server.use(
      http.get(SEARCH, () => {
        if (refused++ === 0) {
          return HttpResponse.json(
            { statusCode: 429, message: ASSUMED_RATE_LIMITED_MESSAGE, error: 'Too Many Requests' },
            { status: 429, headers: { 'Retry-After': '0' } },
          );
        }
        return HttpResponse.json(searchReal);
      }),
    );
    const page = await firstPage();
    expect(sent).toHaveLength(2);
    expect(page.items).toEqual(EXPECTED);
  });

  it('reports a cancelled list as aborted', async () => {
    answerSearch(searchReal);
    const error = await failure(
      provider.list({ filters: filters(), cursor: null, signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe('aborted');
  });
});

describe('get', () => {
  const ID = INES.id;

  it('lets the spec GET-one state win over a search row that lags the last write', async () => {
    server.use(
      http.get(SEARCH, () =>
        HttpResponse.json({ conversations: searchSpec.conversations.slice(0, 1), total: 1 }),
      ),
      http.get(ONE, () => HttpResponse.json({ ...getSpec, unreadCount: 0, starred: false })),
    );
    expect(await provider.get(ID)).toEqual({
      ...INES,
      unreadCount: 0,
      isUnread: false,
      starred: false,
    });
  });

  it('keeps the search row where the real GET-one says nothing', async () => {
    server.use(
      http.get(SEARCH, () =>
        HttpResponse.json({ conversations: searchReal.conversations.slice(0, 1), total: 1 }),
      ),
      // No starred, unreadCount or assignedTo: the row's stand.
      http.get(ONE, () => HttpResponse.json(getReal)),
    );
    expect(await provider.get(ID)).toMatchObject({ starred: true, unreadCount: 2, assigneeId: ME });
  });

  it('builds the conversation from the real GET-one alone when search has no row', async () => {
    server.use(
      http.get(SEARCH, () =>
        HttpResponse.json({ statusCode: 500, message: 'boom' }, { status: 500 }),
      ),
      http.get(ONE, () => HttpResponse.json(getReal)),
    );
    expect(await provider.get(ID)).toMatchObject({
      id: ID,
      contactName: 'Unknown contact',
      contactId: 'Ct1Ines0000000000001',
      channel: 'sms',
      rawChannel: '2',
      channelLabel: 'SMS',
      lastActivityAt: INES.lastActivityAt,
      starred: false,
      unreadCount: 0,
    });
  });

  it('ignores a search row for another conversation', async () => {
    server.use(
      http.get(SEARCH, () =>
        HttpResponse.json({ conversations: searchReal.conversations.slice(1, 2), total: 1 }),
      ),
      http.get(ONE, () => HttpResponse.json(getReal)),
    );
    expect(await provider.get(ID)).toMatchObject({ id: ID, contactName: 'Unknown contact' });
  });

  it('says why a conversation with no date at all cannot be shown', async () => {
    const dateless: Json = clone(getReal);
    delete dateless['lastMessageDate'];
    server.use(
      http.get(SEARCH, () => HttpResponse.json({ conversations: [], total: 0 })),
      http.get(ONE, () => HttpResponse.json(dateless)),
    );
    const error = await failure(provider.get(ID));
    expect(error.kind).toBe('malformed');
    expect(error.messages).toEqual([
      `conversation ${ID}: it has no date to order it by, so it cannot be shown`,
    ]);
  });

  it('encodes the id into the path', async () => {
    server.use(
      http.get(SEARCH, () => HttpResponse.json({ conversations: [], total: 0 })),
      http.get(ONE, ({ params }) =>
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
  const ID = INES.id;
  let bodies: unknown[] = [];

  function answerPut(body: unknown) {
    bodies = [];
    server.use(
      http.put(ONE, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(body as Json);
      }),
    );
  }

  it('marks read as unreadCount 0 and unread as unreadCount 1', async () => {
    answerPut(updateReal);
    await provider.update(ID, { read: true });
    await provider.update(ID, { read: false, starred: false });
    expect(bodies).toEqual([
      { locationId: LOCATION, unreadCount: 0 },
      { locationId: LOCATION, starred: false, unreadCount: 1 },
    ]);
  });

  it('changes nothing the answer leaves out: no starred, no unreadCount', async () => {
    const answer = clone(updateReal) as { conversation: Json };
    delete answer.conversation['starred'];
    answerPut(answer);
    const unstarred = await provider.update(ID, { starred: false });
    expect(unstarred).not.toHaveProperty('starred');
    const read = await provider.update(ID, { read: true });
    expect(read).not.toHaveProperty('unreadCount');
    expect(read).not.toHaveProperty('isUnread');
    expect(read).toEqual({
      id: ID,
      lastActivityAt: INES.lastActivityAt,
      updatedAt: '2026-10-25T09:00:00.000Z',
    });
  });

  it('reconciles unreadCount and starred when the answer carries them', async () => {
    answerPut({
      success: true,
      conversation: { ...updateSpec.conversation, unreadCount: 0, starred: false },
    });
    expect(await provider.update(ID, { read: true })).toMatchObject({
      unreadCount: 0,
      isUnread: false,
      starred: false,
    });
  });

  it('takes an answer without a conversation as a bare acknowledgement', async () => {
    answerPut({ success: true, traceId: 'x' });
    expect(await provider.update(ID, { starred: true })).toEqual({ id: ID });
  });

  it('fails when HighLevel answers that the change did not succeed', async () => {
    answerPut({ success: false });
    const error = await failure(provider.update(ID, { starred: true }));
    expect(error).toMatchObject({
      kind: 'http',
      messages: ['HighLevel answered that the change did not succeed.'],
    });
  });

  it('reads the conversation instead of writing an empty patch', async () => {
    server.use(
      http.get(SEARCH, () =>
        HttpResponse.json({ conversations: searchReal.conversations, total: 4 }),
      ),
      http.get(ONE, () => HttpResponse.json(getReal)),
    );
    expect(await provider.update(ID, {})).toEqual(INES);
    expect(sent.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('messages and email bodies', () => {
  const ID = INES.id;
  const EMAIL = `${BASE}/conversations/messages/email/:id`;

  it('passes the older cursor back', async () => {
    server.use(
      http.get(`${BASE}/conversations/:id/messages`, () =>
        HttpResponse.json({ messages: { lastMessageId: 'x', nextPage: false, messages: [] } }),
      ),
    );
    const page = await provider.messages(ID, 'Ms4Call000000000004');
    expect(searchOf(sent[0])).toBe('?limit=30&lastMessageId=Ms4Call000000000004');
    expect(page).toEqual({ messages: [], olderCursor: null });
  });

  it('drops a message it cannot place, and keeps the thread', async () => {
    const body = clone(messagesReal);
    const [first, second] = body.messages.messages as Json[];
    delete first?.['id'];
    if (second) second['dateAdded'] = 'soon';
    delete second?.['dateUpdated'];
    server.use(http.get(`${BASE}/conversations/:id/messages`, () => HttpResponse.json(body)));
    const page = await provider.messages(ID, null);
    expect(page.messages.map((m) => m.id)).toEqual(['Ms4Call000000000004', 'Ms3Appt000000000003']);
  });

  it('fetches an email body by its reference, as text', async () => {
    server.use(http.get(EMAIL, () => HttpResponse.json(emailReal)));
    const text = await provider.messageBody('Em2Ines000000000002');
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(
      `${BASE}/conversations/messages/email/Em2Ines000000000002`,
    );
    expect(sent[0]?.headers.get('Version')).toBe('2021-04-15');
    expect(text).toBe('Friday at 10 works.\nSee you then & bring the fabric.');
  });

  it("reads the spec's bare email object too, and plain text as it is", async () => {
    server.use(
      http.get(EMAIL, () =>
        HttpResponse.json({
          ...emailReal.emailMessage,
          contentType: 'text/plain',
          body: 'a &amp; <b>',
        }),
      ),
    );
    expect(await provider.messageBody('Em2Ines000000000002')).toBe('a &amp; <b>');
  });

  it('keeps hostile HTML as inert text', async () => {
    const hostile =
      '<style>p{color:red}</style><p>Hi <b>Ines</b></p><img src=x onerror="window.__parleyPwned=1">' +
      '<script>window.__parleyPwned=2</script><a href="javascript:alert(1)">&lt;click&gt;</a>';
    server.use(
      http.get(EMAIL, () =>
        HttpResponse.json({ emailMessage: { ...emailReal.emailMessage, body: hostile } }),
      ),
    );
    const text = await provider.messageBody('Em2Ines000000000002');
    expect(text).toBe('Hi Ines\n<click>');
    expect((window as { __parleyPwned?: number }).__parleyPwned).toBeUndefined();
  });

  it('encodes the reference into the path and passes on a 404', async () => {
    server.use(
      http.get(EMAIL, () =>
        HttpResponse.json({ statusCode: 404, message: 'Email not found' }, { status: 404 }),
      ),
    );
    const error = await failure(provider.messageBody('../x'));
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(
      `${BASE}/conversations/messages/email/..%2Fx`,
    );
    expect(error).toMatchObject({ kind: 'http', status: 404, messages: ['Email not found'] });
  });
});

describe('agents', () => {
  it('reads an empty user list, as a new location answers', async () => {
    server.use(http.get(`${BASE}/users/`, () => HttpResponse.json(usersEmptyReal)));
    expect(await provider.agents()).toEqual([]);
  });

  it('skips users it cannot key, and names one by email last', async () => {
    server.use(
      http.get(`${BASE}/users/`, () =>
        HttpResponse.json({
          users: [{ name: 'No id' }, 'x', { id: 'u1', email: 'only@parley.example' }],
        }),
      ),
    );
    expect(await provider.agents()).toEqual([
      { id: 'u1', name: 'only@parley.example', email: 'only@parley.example' },
    ]);
  });
});

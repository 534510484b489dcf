import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXANTE_AGENT_UID } from '../seed/demo-identities.ts';
import {
  EX_HEADERS,
  ORGANIZATION_UID,
  TOKEN,
  matchesQuery,
  request,
  type JsonResponse,
} from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

/** Key sets of the docs example (seeds/004, EX-LIST), pinned here. */
const ITEM_KEYS = [
  'uid',
  'organization_uid',
  'channel',
  'direction',
  'status',
  'subject',
  'categories',
  'sent_at',
  'is_read',
  'has_reply',
  'message_count',
  'metadata',
  'agent_uid',
  'party_uid',
  'created_by_uid',
  'parent_conversation_uid',
  'created_on',
  'updated_on',
];
const METADATA_KEYS = [
  'from_email',
  'from_name',
  'to_emails',
  'cc_emails',
  'snippet',
  'labels',
  'provider_message_id',
  'thread_id',
  'has_attachments',
  'attachment_count',
  'history_id',
];
const MESSAGE_KEYS = [
  'uid',
  'conversation_uid',
  'sender_uid',
  'sender_type',
  'direction',
  'message_direction',
  'provider_message_id',
  'from',
  'to',
  'cc',
  'subject',
  'snippet',
  'body_text',
  'body_html',
  'sent_at',
  'is_read',
  'has_attachments',
  'attachment_count',
  'party_id',
  'labels',
  'content',
  'content_type',
  'categories',
  'metadata',
  'created_on',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Item {
  uid: string;
  status: string;
  channel: string;
  subject: string;
  categories: string[];
  is_read: boolean;
  agent_uid: string | null;
  party_uid: string;
  created_on: string;
  updated_on: string;
  sent_at: string;
  metadata: Record<string, unknown>;
  [key: string]: unknown;
}

interface ListBody {
  status: string;
  data: {
    items: Item[];
    pagination: { page: number; per_page: number; total: number; total_pages: number };
  };
}

interface Model {
  seq: number;
  uid: string;
  status: string;
  channel: string;
  subject: string;
  categories: string[];
  isRead: boolean;
  agentUid: string | null;
  partyUid: string;
  createdOn: number;
  updatedOn: number;
  sentAt: number;
}

let server: TestServer;
let base: string;
let models: Model[];

function loadModels(): Model[] {
  const db = server.db;
  if (db === null) throw new Error('embedded server expected');
  return (db.prepare('SELECT * FROM ex_conversations').all() as Record<string, unknown>[]).map(
    (r) => ({
      seq: r.seq as number,
      uid: r.uid as string,
      status: r.status as string,
      channel: r.channel as string,
      subject: r.subject as string,
      categories: JSON.parse(r.categories as string) as string[],
      isRead: r.is_read === 1,
      agentUid: r.agent_uid as string | null,
      partyUid: r.party_uid as string,
      createdOn: r.created_on as number,
      updatedOn: r.updated_on as number,
      sentAt: r.sent_at as number,
    }),
  );
}

beforeAll(async () => {
  server = await startTestServer({ size: 600 });
  base = `${server.url}/providers/exante/api`;
  models = loadModels();
});

afterAll(async () => {
  await server.close();
});

function list(query: string): Promise<JsonResponse<ListBody>> {
  return request<ListBody>(`${base}/conversations${query}`, { headers: EX_HEADERS });
}

/** All pages of a query, asserting the pagination block on the way. */
async function collect(query: string, perPage = 100): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; page < 100; page++) {
    const sep = query === '' ? '?' : '&';
    const { status, body } = await list(`${query}${sep}per_page=${perPage}&page=${page}`);
    expect(status).toBe(200);
    const { pagination } = body.data;
    expect(pagination.page).toBe(page);
    expect(pagination.per_page).toBe(perPage);
    expect(pagination.total_pages).toBe(Math.ceil(pagination.total / perPage));
    items.push(...body.data.items);
    if (page >= pagination.total_pages) {
      expect(items.length).toBe(pagination.total);
      return items;
    }
  }
  throw new Error('paging did not terminate');
}

type Key = (m: Model) => number | string;

function expected(
  pred: (m: Model) => boolean,
  key: Key = (m) => m.updatedOn,
  desc = true,
): string[] {
  const sign = desc ? -1 : 1;
  const compare = (a: number | string, b: number | string) =>
    typeof a === 'string' && typeof b === 'string'
      ? a.toLowerCase() < b.toLowerCase()
        ? -1
        : a.toLowerCase() > b.toLowerCase()
          ? 1
          : 0
      : (a as number) - (b as number);
  return models
    .filter(pred)
    .sort((a, b) => sign * compare(key(a), key(b)) || sign * (a.seq - b.seq))
    .map((m) => m.uid);
}

describe('GET /api/conversations: the documented envelope', () => {
  it('answers the seed request shape with the seed envelope and every field', async () => {
    // The docs' curl: no query string, only the Authorization header.
    const { status, headers, body } = await request<ListBody>(`${base}/conversations`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/json');
    expect(Object.keys(body).sort()).toEqual(['data', 'status']);
    expect(body.status).toBe('success');
    expect(Object.keys(body.data).sort()).toEqual(['items', 'pagination']);
    expect(body.data.pagination).toEqual({ page: 1, per_page: 25, total: 600, total_pages: 24 });
    expect(body.data.items).toHaveLength(25);
    for (const item of body.data.items) {
      expect(Object.keys(item).sort()).toEqual([...ITEM_KEYS].sort());
      expect(Object.keys(item.metadata).sort()).toEqual([...METADATA_KEYS].sort());
      expect(item.uid).toMatch(UUID);
      expect(item.organization_uid).toBe(ORGANIZATION_UID);
      expect(['email', 'sms']).toContain(item.channel);
      expect(['inbound', 'outbound']).toContain(item.direction);
      expect(['draft', 'active', 'archived', 'closed']).toContain(item.status);
      for (const field of ['sent_at', 'created_on', 'updated_on'] as const)
        expect(item[field]).toMatch(ISO);
      expect(typeof item.is_read).toBe('boolean');
      expect(typeof item.has_reply).toBe('boolean');
      expect(Number.isInteger(item.message_count)).toBe(true);
      expect(item.agent_uid === null || UUID.test(item.agent_uid)).toBe(true);
      expect(item.party_uid).toMatch(UUID);
    }
    // Default order: -updated_on, ties broken deterministically.
    expect(body.data.items.map((i) => i.uid)).toEqual(expected(() => true).slice(0, 25));
  });

  it('has unassigned conversations (agent_uid null) and timestamp ties in the data', () => {
    expect(models.some((m) => m.agentUid === null)).toBe(true);
    expect(new Set(models.map((m) => m.updatedOn)).size).toBeLessThan(models.length - 20);
  });
});

describe('GET /api/conversations filters', () => {
  const agentOf = () => (models.find((m) => m.agentUid !== null) as Model).agentUid as string;
  const partyOf = () => {
    const counts = new Map<string, number>();
    for (const m of models) counts.set(m.partyUid, (counts.get(m.partyUid) ?? 0) + 1);
    return [...counts.entries()].find(([, n]) => n > 1)?.[0] as string;
  };
  const cases: { name: string; query: () => string; pred: () => (m: Model) => boolean }[] = [
    { name: 'is_read=true', query: () => '?is_read=true', pred: () => (m) => m.isRead },
    { name: 'is_read=false', query: () => '?is_read=false', pred: () => (m) => !m.isRead },
    { name: 'is_read=0', query: () => '?is_read=0', pred: () => (m) => !m.isRead },
    {
      name: 'status one',
      query: () => '?status=archived',
      pred: () => (m) => m.status === 'archived',
    },
    {
      name: 'status list',
      query: () => '?status=draft,closed',
      pred: () => (m) => m.status === 'draft' || m.status === 'closed',
    },
    { name: 'channel', query: () => '?channel=sms', pred: () => (m) => m.channel === 'sms' },
    {
      name: 'category list (any, case-insensitive)',
      query: () => '?category=Refund,dispute',
      pred: () => (m) => m.categories.includes('refund') || m.categories.includes('dispute'),
    },
    {
      name: 'agent_uid',
      query: () => `?agent_uid=${agentOf()}`,
      pred: () => (m) => m.agentUid === agentOf(),
    },
    {
      name: 'party_uid',
      query: () => `?party_uid=${partyOf()}`,
      pred: () => (m) => m.partyUid === partyOf(),
    },
    {
      name: 'q (the assumed search name)',
      query: () => '?q=invoice',
      pred: () => (m) => matchesQuery('invoice', [m.subject]),
    },
    {
      name: 'q with two words',
      query: () => '?q=payment%20plan',
      pred: () => (m) => matchesQuery('payment plan', [m.subject]),
    },
    {
      name: 'combined',
      query: () => '?is_read=true&status=active,closed&channel=email&category=billing',
      pred: () => (m) =>
        m.isRead &&
        ['active', 'closed'].includes(m.status) &&
        m.channel === 'email' &&
        m.categories.includes('billing'),
    },
    {
      name: 'organization_uid explicitly the demo org',
      query: () => `?organization_uid=${ORGANIZATION_UID}&channel=email`,
      pred: () => (m) => m.channel === 'email',
    },
  ];

  it.each(cases)('$name', async ({ query, pred }) => {
    const want = expected(pred());
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(models.length);
    const items = await collect(query(), 40);
    expect(items.map((i) => i.uid)).toEqual(want);
  });

  it('SQL-looking and hostile searches are inert', async () => {
    for (const search of [
      "' OR '1'='1' --",
      "x'); DROP TABLE ex_conversations;--",
      '"unbalanced',
      '<script>',
    ]) {
      const { status, body } = await list(`?q=${encodeURIComponent(search)}&per_page=100`);
      expect(status).toBe(200);
      expect(body.data.pagination.total).toBe(
        models.filter((m) => matchesQuery(search, [m.subject])).length,
      );
    }
    expect((await list('')).body.data.pagination.total).toBe(600);
  });
});

describe('GET /api/conversations sorting and paging', () => {
  const sorts: { sort: string; key: Key; desc: boolean }[] = [
    { sort: 'created_on', key: (m) => m.createdOn, desc: false },
    { sort: '-created_on', key: (m) => m.createdOn, desc: true },
    { sort: 'updated_on', key: (m) => m.updatedOn, desc: false },
    { sort: '-sent_at', key: (m) => m.sentAt, desc: true },
    { sort: 'subject', key: (m) => m.subject, desc: false },
    { sort: '-status', key: (m) => m.status, desc: true },
    { sort: 'channel', key: (m) => m.channel, desc: false },
  ];

  it.each(sorts)('sort=$sort visits every row once in order', async ({ sort, key, desc }) => {
    const items = await collect(`?sort=${sort}`, 100);
    const uids = items.map((i) => i.uid);
    expect(new Set(uids).size).toBe(600);
    expect(uids).toEqual(expected(() => true, key, desc));
  });

  it('computes page math and answers past the end with empty items', async () => {
    const last = await list('?per_page=7&page=86');
    expect(last.body.data.pagination).toEqual({
      page: 86,
      per_page: 7,
      total: 600,
      total_pages: 86,
    });
    expect(last.body.data.items).toHaveLength(600 - 85 * 7);
    const past = await list('?per_page=7&page=87');
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual({
      items: [],
      pagination: { page: 87, per_page: 7, total: 600, total_pages: 86 },
    });
    const none = await list('?q=zzzznothing');
    expect(none.body.data.pagination).toEqual({ page: 1, per_page: 25, total: 0, total_pages: 0 });
  });
});

describe('Exante errors', () => {
  it('401 in the error shape without a valid bearer token', async () => {
    for (const headers of [
      {},
      { Authorization: 'Bearer ex_live_wrong' },
      { Authorization: TOKEN },
    ] as Record<string, string>[]) {
      const { status, body } = await request(`${base}/conversations`, { headers });
      expect(status).toBe(401);
      expect(body).toMatchObject({ status: 'error', status_code: 401, data: null });
      expect(typeof (body as { message: unknown }).message).toBe('string');
    }
  });

  it('403 for another organization', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const { status, body } = await list(`?organization_uid=${other}`);
    expect(status).toBe(403);
    expect(body).toMatchObject({ status: 'error', status_code: 403, data: null });
    const users = await request(`${base}/organization/${other}/users`, { headers: EX_HEADERS });
    expect(users.status).toBe(403);
  });

  it('422 with per-field errors for each bad parameter', async () => {
    const cases: [string, string][] = [
      ['?per_page=101', 'per_page'],
      ['?per_page=0', 'per_page'],
      ['?page=0', 'page'],
      ['?page=1.5', 'page'],
      ['?page=two', 'page'],
      ['?status=open', 'status'],
      ['?status=active,nope', 'status'],
      ['?channel=fax', 'channel'],
      ['?is_read=maybe', 'is_read'],
      ['?agent_uid=not-a-uuid', 'agent_uid'],
      ['?party_uid=123', 'party_uid'],
      ['?sort=-priority', 'sort'],
      ['?sort=updated_on,subject', 'sort'],
      ['?unread=true', 'unread'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await list(query);
      expect(status, query).toBe(422);
      expect(body).toMatchObject({ status: 'error', status_code: 422, data: null });
      const errors = (body as unknown as { errors: Record<string, string[]> }).errors;
      expect(Object.keys(errors), query).toContain(field);
      expect(errors[field]?.[0]).toEqual(expect.any(String));
    }
  });

  it('400, not 422, for an organization that is not a UUID', async () => {
    const { status, body } = await list('?organization_uid=acme');
    expect(status).toBe(400);
    expect(body).toMatchObject({
      status: 'error',
      status_code: 400,
      message: 'organization_uid must be a valid UUID.',
    });
  });

  it('404 for an unknown conversation and an unknown route; 422 for a malformed uid', async () => {
    const unknown = await request(`${base}/conversations/11111111-2222-4333-8444-555555555555`, {
      headers: EX_HEADERS,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 'error', status_code: 404, data: null });
    const route = await request(`${base}/invoices`, { headers: EX_HEADERS });
    expect(route.status).toBe(404);
    const malformed = await request(`${base}/conversations/not-a-uuid`, { headers: EX_HEADERS });
    expect(malformed.status).toBe(422);
  });
});

describe('GET /api/conversations/{uid}', () => {
  it('answers the conversation plus its messages, oldest first, consistent with the list', async () => {
    const { body: listBody } = await list('?per_page=10');
    for (const item of listBody.data.items) {
      const { status, body } = await request<{
        status: string;
        data: Item & { messages: Record<string, unknown>[] };
      }>(`${base}/conversations/${item.uid}`, { headers: EX_HEADERS });
      expect(status).toBe(200);
      expect(body.status).toBe('success');
      const { messages, ...conversation } = body.data;
      expect(conversation).toEqual(item);
      expect(messages).toHaveLength(item.message_count as number);
      for (const message of messages) {
        expect(Object.keys(message).sort()).toEqual([...MESSAGE_KEYS].sort());
        expect(message.conversation_uid).toBe(item.uid);
        expect(message.sent_at).toMatch(ISO);
      }
      const times = messages.map((m) => Date.parse(m.sent_at as string));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(messages.at(-1)?.sent_at).toBe(item.sent_at);
      expect(messages.at(-1)?.snippet).toBe(item.metadata.snippet);
      expect(messages.at(-1)?.is_read).toBe(item.is_read);
    }
  });
});

describe('PATCH /api/conversations/{uid}', () => {
  const patch = (uid: string, body: unknown) =>
    request<{ status: string; data: Item; errors?: Record<string, string[]> }>(
      `${base}/conversations/${uid}`,
      {
        method: 'PATCH',
        headers: { ...EX_HEADERS, 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      },
    );

  it('marks read without moving the conversation in the default order', async () => {
    const { body } = await list('?is_read=false&per_page=1');
    const target = body.data.items[0] as Item;
    const result = await patch(target.uid, { is_read: true });
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('success');
    expect(result.body.data).toEqual({ ...target, is_read: true });
    const unread = await collect('?is_read=false');
    expect(unread.map((i) => i.uid)).not.toContain(target.uid);
  });

  it('assigns, unassigns, changes status and categories, and bumps updated_on', async () => {
    const target = (await list('?status=active&per_page=1&sort=updated_on')).body.data
      .items[0] as Item;
    const assigned = await patch(target.uid, {
      agent_uid: DEMO_EXANTE_AGENT_UID,
      status: 'closed',
      categories: ['Billing', 'billing', 'vip-escalation'],
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.data).toMatchObject({
      agent_uid: DEMO_EXANTE_AGENT_UID,
      status: 'closed',
      categories: ['Billing', 'vip-escalation'],
    });
    expect(Date.parse(assigned.body.data.updated_on)).toBeGreaterThan(
      Date.parse(target.updated_on),
    );
    const mine = await collect(
      `?agent_uid=${DEMO_EXANTE_AGENT_UID}&category=vip-escalation&status=closed`,
    );
    expect(mine.map((i) => i.uid)).toEqual([target.uid]);
    const unassigned = await patch(target.uid, { agent_uid: null });
    expect(unassigned.body.data.agent_uid).toBeNull();
    const one = await request<{ data: Item }>(`${base}/conversations/${target.uid}`, {
      headers: EX_HEADERS,
    });
    expect(one.body.data).toMatchObject({
      agent_uid: null,
      status: 'closed',
      categories: ['Billing', 'vip-escalation'],
    });
  });

  it('rejects bad bodies with 422 per field, bad JSON with 400, unknown uids with 404', async () => {
    const uid = (models[0] as Model).uid;
    const cases: [unknown, string][] = [
      [{ is_read: 'yes' }, 'is_read'],
      [{ status: 'deleted' }, 'status'],
      [{ agent_uid: 'bob' }, 'agent_uid'],
      [{ agent_uid: '11111111-2222-4333-8444-555555555555' }, 'agent_uid'],
      [{ categories: 'billing' }, 'categories'],
      [{ categories: [''] }, 'categories'],
      [{ starred: true }, 'starred'],
      [{}, 'body'],
    ];
    for (const [body, field] of cases) {
      const result = await patch(uid, body);
      expect(result.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(result.body.errors ?? {})).toContain(field);
    }
    expect((await patch(uid, '{')).status).toBe(400);
    expect((await patch('11111111-2222-4333-8444-555555555555', { is_read: true })).status).toBe(
      404,
    );
  });
});

describe('agents and the current user', () => {
  it('GET /api/organization/{uid}/users lists agents with the demo agent', async () => {
    const { status, body } = await request<{
      status: string;
      data: { items: Record<string, string>[] };
    }>(`${base}/organization/${ORGANIZATION_UID}/users`, { headers: EX_HEADERS });
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(body.data.items.length).toBeGreaterThanOrEqual(8);
    expect(body.data.items[0]).toEqual({
      uid: DEMO_EXANTE_AGENT_UID,
      firstname: 'Avery',
      lastname: 'Quinn',
      fullname: 'Avery Quinn',
      email: 'avery.quinn@parley.test',
    });
    for (const agent of body.data.items) expect(agent.uid).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await request(`${base}/organization/acme/users`, { headers: EX_HEADERS });
    expect(bad.status).toBe(400);
  });

  it('GET /api/user answers the documented envelope for the demo agent', async () => {
    const { status, body } = await request<{
      status: string;
      status_code: number;
      message: string;
      data: { user: Record<string, unknown> };
    }>(`${base}/user`, { headers: EX_HEADERS });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'success', status_code: 200, message: 'Success' });
    expect(body.data.user).toMatchObject({
      uid: DEMO_EXANTE_AGENT_UID,
      fullname: 'Avery Quinn',
      default_organization: ORGANIZATION_UID,
      organizations: [expect.objectContaining({ uid: ORGANIZATION_UID })],
      permissions_in_default_organization: expect.any(Array),
    });
    for (const key of ['id', 'firstname', 'lastname', 'email', 'timezone']) {
      expect(typeof body.data.user[key]).toBe('string');
    }
  });
});

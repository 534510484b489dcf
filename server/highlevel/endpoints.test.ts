import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HIGHLEVEL_COMPANY_ID, DEMO_HIGHLEVEL_USER_ID } from '../seed/demo-identities.ts';
import { HL_HEADERS, LOCATION_ID, TOKEN, request } from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let server: TestServer;
let base: string;

beforeAll(async () => {
  // The spec's shapes; server/highlevel/real-wire.test.ts checks the recorded ones.
  server = await startTestServer({ size: 300, env: { PARLEY_WIRE: 'spec' } });
  base = `${server.url}/providers/highlevel`;
});

afterAll(async () => {
  await server.close();
});

interface SearchItem {
  id: string;
  contactId: string;
  unreadCount: number;
  starred: boolean;
  assignedTo?: string;
  lastMessageDate: number;
  lastMessageBody: string;
  lastMessageType: string;
  type: string;
}

async function firstItems(params = ''): Promise<SearchItem[]> {
  const { body } = await request<{ conversations: SearchItem[] }>(
    `${base}/conversations/search?locationId=${LOCATION_ID}&limit=100${params}`,
    { headers: HL_HEADERS },
  );
  return body.conversations;
}

const searchUrl = () => `${base}/conversations/search?locationId=${LOCATION_ID}`;

describe('HighLevel headers and errors', () => {
  it('401 without a token, with a wrong one, or with another scheme', async () => {
    for (const headers of [
      { Version: '2021-04-15' },
      { Version: '2021-04-15', Authorization: 'Bearer nope' },
      { Version: '2021-04-15', Authorization: `Basic ${TOKEN}` },
      { Version: '2021-04-15', Authorization: `Bearer ${TOKEN}x` },
    ] as Record<string, string>[]) {
      const { status, body } = await request(searchUrl(), { headers });
      expect(status).toBe(401);
      expect(body).toEqual({
        statusCode: 401,
        message: 'Invalid token: access token is invalid',
        error: 'Unauthorized',
      });
    }
  });

  it('401 when Version is missing, as the real API answers', async () => {
    const { status, body } = await request(searchUrl(), {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(status).toBe(401);
    expect(body).toMatchObject({ statusCode: 401, message: 'version header was not found.' });
  });

  it('400 when Version is malformed', async () => {
    for (const headers of [
      { Authorization: `Bearer ${TOKEN}`, Version: 'latest' },
      { Authorization: `Bearer ${TOKEN}`, Version: '2021-4-15' },
    ] as Record<string, string>[]) {
      const { status, body } = await request(searchUrl(), { headers });
      expect(status).toBe(400);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(typeof (body as { message: unknown }).message).toBe('string');
    }
  });

  it('accepts the spec version, the SDK default 2023-02-21 and v3', async () => {
    for (const version of ['2021-04-15', '2023-02-21', '2021-07-28', 'v3']) {
      const { status } = await request(searchUrl(), {
        headers: { Authorization: `Bearer ${TOKEN}`, Version: version },
      });
      expect(status).toBe(200);
    }
  });

  it('403 for another location', async () => {
    const { status, body } = await request(
      `${base}/conversations/search?locationId=SomeoneElsesLocation`,
      { headers: HL_HEADERS },
    );
    expect(status).toBe(403);
    expect(body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
  });

  it('422 with a message array for each bad parameter', async () => {
    const cases: [string, string][] = [
      ['&limit=101', 'limit must not be greater than 100'],
      ['&limit=0', 'limit must not be less than 1'],
      ['&limit=ten', 'limit must be an integer number'],
      ['&limit=2.5', 'limit must be an integer number'],
      ['&sort=up', 'sort must be one of the following values: asc, desc'],
      [
        '&status=open',
        'status must be one of the following values: all, read, unread, starred, recents',
      ],
      ['&sortBy=name', 'sortBy must be one of the following values'],
      ['&lastMessageType=TYPE_FAX', 'lastMessageType must be one of the following values'],
      [
        '&lastMessageDirection=sideways',
        'lastMessageDirection must be one of the following values',
      ],
      ['&lastMessageAction=magic', 'lastMessageAction must be one of the following values'],
      ['&startAfterDate=yesterday', 'startAfterDate must be a number or an array'],
      ['&startAfterDate=1,2,3', 'startAfterDate must be a number or an array'],
      ['&startDate=abc', 'startDate must be a number'],
      ['&sortBy=score_profile', 'sortScoreProfile should not be empty'],
      ['&scoreProfileMin=3', 'scoreProfile should not be empty'],
      ['&assignee=me', 'property assignee should not exist'],
    ];
    for (const [suffix, message] of cases) {
      const { status, body } = await request<{
        statusCode: number;
        message: string[];
        error: string;
      }>(`${searchUrl()}${suffix}`, { headers: HL_HEADERS });
      expect(status, suffix).toBe(422);
      expect(body.statusCode).toBe(422);
      expect(body.error).toBe('Unprocessable Entity');
      expect(Array.isArray(body.message)).toBe(true);
      expect(
        body.message.some((m) => m.startsWith(message)),
        `${suffix}: ${body.message.join('; ')}`,
      ).toBe(true);
    }
  });

  it('422 lists every problem at once, and requires locationId', async () => {
    const { status, body } = await request<{ message: string[] }>(
      `${base}/conversations/search?limit=500&sort=sideways`,
      { headers: HL_HEADERS },
    );
    expect(status).toBe(422);
    expect(body.message).toEqual(
      expect.arrayContaining([
        'locationId should not be empty',
        'limit must not be greater than 100',
        'sort must be one of the following values: asc, desc',
      ]),
    );
  });

  it('404 in the NotFound shape for unknown conversations and routes', async () => {
    const one = await request(`${base}/conversations/NoSuchConversation00`, {
      headers: HL_HEADERS,
    });
    expect(one.status).toBe(404);
    expect(one.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const route = await request(`${base}/contacts/`, { headers: HL_HEADERS });
    expect(route.status).toBe(404);
    expect(route.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});

describe('GET /conversations/{id}', () => {
  it('answers the bare object with a numeric type', async () => {
    const [item] = await firstItems();
    if (item === undefined) throw new Error('no conversations');
    const { status, body } = await request<Record<string, unknown>>(
      `${base}/conversations/${item.id}`,
      {
        headers: HL_HEADERS,
      },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: item.id,
      contactId: item.contactId,
      locationId: LOCATION_ID,
      deleted: false,
      unreadCount: item.unreadCount,
      starred: item.starred,
    });
    expect(typeof body.inbox).toBe('boolean');
    const typeNumbers: Record<string, number> = {
      TYPE_PHONE: 1,
      TYPE_EMAIL: 2,
      TYPE_FB_MESSENGER: 3,
      TYPE_REVIEW: 4,
      TYPE_GROUP_SMS: 5,
    };
    expect(body.type).toBe(typeNumbers[item.type]);
    expect(body.assignedTo).toBe(item.assignedTo);
  });

  it('omits assignedTo (rather than null) when unassigned, in search and GET one', async () => {
    const items = await firstItems('&assignedTo=unassigned');
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect('assignedTo' in item).toBe(false);
    const { body } = await request<Record<string, unknown>>(
      `${base}/conversations/${(items[0] as SearchItem).id}`,
      { headers: HL_HEADERS },
    );
    expect('assignedTo' in body).toBe(false);
  });
});

describe('PUT /conversations/{id}', () => {
  const put = (id: string, body: unknown, headers: Record<string, string> = HL_HEADERS) =>
    request<Record<string, unknown>>(`${base}/conversations/${id}`, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stars and marks read, and the change is visible to search and GET one', async () => {
    const items = await firstItems('&status=unread');
    const target = items.find((i) => !i.starred);
    if (target === undefined) throw new Error('need an unread, unstarred conversation');
    const { status, body } = await put(target.id, {
      locationId: LOCATION_ID,
      starred: true,
      unreadCount: 0,
    });
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    const conversation = body.conversation as Record<string, unknown>;
    expect(conversation).toMatchObject({
      id: target.id,
      locationId: LOCATION_ID,
      contactId: target.contactId,
      starred: true,
      unreadCount: 0,
      lastMessageBody: target.lastMessageBody,
      lastMessageType: target.lastMessageType,
      inbox: expect.any(Boolean),
      deleted: false,
    });
    // ConversationDto carries lastMessageDate as a string of epoch ms.
    expect(conversation.lastMessageDate).toBe(String(target.lastMessageDate));

    const one = await request<Record<string, unknown>>(`${base}/conversations/${target.id}`, {
      headers: HL_HEADERS,
    });
    expect(one.body).toMatchObject({ starred: true, unreadCount: 0 });
    const starredIds = (await firstItems('&status=starred')).map((i) => i.id);
    expect(starredIds).toContain(target.id);
    const unreadIds = (await firstItems('&status=unread')).map((i) => i.id);
    expect(unreadIds).not.toContain(target.id);
  });

  it('marks unread with a positive count and unstars, leaving other fields alone', async () => {
    const [target] = await firstItems('&status=starred');
    if (target === undefined) throw new Error('need a starred conversation');
    await put(target.id, { locationId: LOCATION_ID, unreadCount: 3 });
    const after = await put(target.id, { locationId: LOCATION_ID, starred: false });
    expect(after.body.conversation).toMatchObject({ starred: false, unreadCount: 3 });
  });

  it('loses nothing under concurrent writes to different fields', async () => {
    const items = await firstItems('&status=read');
    const targets = items.filter((i) => !i.starred).slice(0, 10);
    expect(targets.length).toBe(10);
    await Promise.all(
      targets.flatMap((t, n) => [
        put(t.id, { locationId: LOCATION_ID, starred: true }),
        put(t.id, { locationId: LOCATION_ID, unreadCount: n + 1 }),
      ]),
    );
    for (const [n, t] of targets.entries()) {
      const { body } = await request<Record<string, unknown>>(`${base}/conversations/${t.id}`, {
        headers: HL_HEADERS,
      });
      expect(body).toMatchObject({ starred: true, unreadCount: n + 1 });
    }
  });

  it('validates the body with 422, needs auth, and checks the location', async () => {
    const [target] = await firstItems();
    if (target === undefined) throw new Error('no conversations');
    const bad: [unknown, string][] = [
      [{ starred: true }, 'locationId should not be empty'],
      [{ locationId: LOCATION_ID, starred: 'yes' }, 'starred must be a boolean value'],
      [{ locationId: LOCATION_ID, unreadCount: -1 }, 'unreadCount must not be less than 0'],
      [{ locationId: LOCATION_ID, unreadCount: 1.5 }, 'unreadCount must be an integer number'],
      [{ locationId: LOCATION_ID, assignedTo: 'x' }, 'property assignedTo should not exist'],
      [{ locationId: LOCATION_ID, feedback: 42 }, 'feedback must be an object'],
      [[1, 2], 'body must be a JSON object'],
    ];
    for (const [body, message] of bad) {
      const response = await put(target.id, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.message as string[]).toEqual(
        expect.arrayContaining([expect.stringContaining(message)]),
      );
    }
    expect((await put(target.id, '{not json')).status).toBe(400);
    expect((await put(target.id, { locationId: 'OtherLocation', starred: true })).status).toBe(403);
    expect(
      (await put('NoSuchConversation00', { locationId: LOCATION_ID, starred: true })).status,
    ).toBe(404);
    expect(
      (await put(target.id, { locationId: LOCATION_ID }, { Version: '2021-04-15' })).status,
    ).toBe(401);
    const ok = await put(target.id, { locationId: LOCATION_ID, feedback: 'positive' });
    expect(ok.status).toBe(200);
  });
});

describe('GET /conversations/{id}/messages', () => {
  interface Message {
    id: string;
    type: number;
    messageType: string;
    direction: string;
    dateAdded: string;
    body: string;
    conversationId: string;
  }
  interface Messages {
    messages: { lastMessageId: string | null; nextPage: boolean; messages: Message[] };
  }

  it('pages newest first with lastMessageId, ending on the conversation summary', async () => {
    const [item] = await firstItems();
    if (item === undefined) throw new Error('no conversations');
    const seen: Message[] = [];
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const { status, body } = await request<Messages>(
        `${base}/conversations/${item.id}/messages?limit=2${cursor}`,
        { headers: HL_HEADERS },
      );
      expect(status).toBe(200);
      seen.push(...body.messages.messages);
      expect(body.messages.lastMessageId).toBe(body.messages.messages.at(-1)?.id ?? null);
      if (!body.messages.nextPage) break;
      cursor = `&lastMessageId=${body.messages.lastMessageId}`;
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThanOrEqual(12);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    for (const m of seen) {
      expect(m.id).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(m.dateAdded).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(m.conversationId).toBe(item.id);
      expect(typeof m.type).toBe('number');
    }
    const times = seen.map((m) => Date.parse(m.dateAdded));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // The list row and the thread agree on the newest message.
    expect(seen[0]).toMatchObject({
      body: item.lastMessageBody,
      messageType: item.lastMessageType,
    });
    expect(Date.parse((seen[0] as Message).dateAdded)).toBe(item.lastMessageDate);
  });

  it('filters by type and rejects bad parameters', async () => {
    const [item] = await firstItems('&lastMessageType=TYPE_SMS');
    if (item === undefined) throw new Error('need an SMS conversation');
    const { body } = await request<Messages>(
      `${base}/conversations/${item.id}/messages?type=TYPE_SMS,TYPE_EMAIL`,
      { headers: HL_HEADERS },
    );
    expect(body.messages.messages.length).toBeGreaterThan(0);
    expect(
      body.messages.messages.every((m) => ['TYPE_SMS', 'TYPE_EMAIL'].includes(m.messageType)),
    ).toBe(true);
    for (const suffix of ['?limit=101', '?type=TYPE_FAX', '?lastMessageId=nope']) {
      const response = await request(`${base}/conversations/${item.id}/messages${suffix}`, {
        headers: HL_HEADERS,
      });
      expect(response.status, suffix).toBe(422);
    }
    const missing = await request(`${base}/conversations/NoSuchConversation00/messages`, {
      headers: HL_HEADERS,
    });
    expect(missing.status).toBe(404);
  });
});

describe('users', () => {
  it('GET /users/?locationId= lists the location users with the demo agent first', async () => {
    const { status, body } = await request<{ users: Record<string, unknown>[] }>(
      `${base}/users/?locationId=${LOCATION_ID}`,
      { headers: { ...HL_HEADERS, Version: '2021-07-28' } },
    );
    expect(status).toBe(200);
    expect(body.users.length).toBeGreaterThanOrEqual(8);
    expect(body.users.length).toBeLessThanOrEqual(12);
    expect(body.users[0]).toMatchObject({ id: DEMO_HIGHLEVEL_USER_ID, name: 'Avery Quinn' });
    for (const user of body.users) {
      expect(Object.keys(user).sort()).toEqual(
        [
          'id',
          'name',
          'firstName',
          'lastName',
          'email',
          'phone',
          'extension',
          'permissions',
          'scopes',
          'roles',
          'deleted',
          'lcPhone',
          'platformLanguage',
        ].sort(),
      );
      expect(user.id).toMatch(/^[A-Za-z0-9]{20}$/);
    }
    const forbidden = await request(`${base}/users/?locationId=Other`, { headers: HL_HEADERS });
    expect(forbidden.status).toBe(403);
    const missing = await request(`${base}/users/`, { headers: HL_HEADERS });
    expect(missing.status).toBe(422);
  });

  it('GET /users/search filters, pages and counts', async () => {
    const all = await request<{ users: { id: string; name: string }[]; count: number }>(
      `${base}/users/search?companyId=${DEMO_HIGHLEVEL_COMPANY_ID}&limit=100`,
      { headers: HL_HEADERS },
    );
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(all.body.users.length);
    const page = await request<{ users: { id: string }[]; count: number }>(
      `${base}/users/search?companyId=${DEMO_HIGHLEVEL_COMPANY_ID}&skip=2&limit=3`,
      { headers: HL_HEADERS },
    );
    expect(page.body.users.map((u) => u.id)).toEqual(all.body.users.slice(2, 5).map((u) => u.id));
    expect(page.body.count).toBe(all.body.count);
    const avery = await request<{ users: { id: string }[]; count: number }>(
      `${base}/users/search?companyId=${DEMO_HIGHLEVEL_COMPANY_ID}&query=avery`,
      { headers: HL_HEADERS },
    );
    expect(avery.body.users.map((u) => u.id)).toContain(DEMO_HIGHLEVEL_USER_ID);
    expect(avery.body.count).toBeLessThan(all.body.count);
    expect((await request(`${base}/users/search`, { headers: HL_HEADERS })).status).toBe(422);
    expect(
      (
        await request(`${base}/users/search?companyId=SomeOtherCompany0000`, {
          headers: HL_HEADERS,
        })
      ).status,
    ).toBe(403);
  });
});

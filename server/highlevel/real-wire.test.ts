import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSUMED_EMAIL_MESSAGE_KEY,
  ASSUMED_RATE_LIMITED_MESSAGE,
  MISSING_VERSION_MESSAGE,
  RATE_LIMIT,
  RATE_LIMIT_HEADERS,
  messageTypeNumber,
} from '../../src/api/contract/highlevel.ts';
import { HL_HEADERS, LOCATION_ID, TOKEN, request } from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

/**
 * The embedded HighLevel API's default answers, held to the habits of the real API's
 * recorded answers (the shapes Parley's fixtures model: src/api/providers/fixtures/README.md):
 * keys left out rather than null, a one-element `sort` whose `startAfterDate` skips ties,
 * numbers and Firestore dates on GET-one, ISO dates and no unreadCount on PUT, email bodies
 * fetched one by one, a traceId on every answer, `x-ratelimit-*` headers, a 429 past the
 * limit, a 401 without `Version`. server/highlevel/endpoints.test.ts checks the spec's shapes.
 */

type Item = Record<string, unknown> & { id: string; lastMessageDate: number };
type Json = Record<string, unknown>;

let server: TestServer;
let base: string;
/** Every conversation of the default view, as search items. */
let items: Item[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EMAIL_TYPES = [
  'TYPE_EMAIL',
  'TYPE_CAMPAIGN_EMAIL',
  'TYPE_CUSTOM_EMAIL',
  'TYPE_CUSTOM_PROVIDER_EMAIL',
];

const get = <T = Json>(path: string, headers: Record<string, string> = HL_HEADERS) =>
  request<T>(`${base}${path}`, { headers });

/** The whole view through the exact truth of the database, not the tie-blind cursor. */
function allIds(order: 'desc' | 'asc' = 'desc'): string[] {
  const direction = order === 'desc' ? 'DESC' : 'ASC';
  return (
    server.db
      ?.prepare(
        `SELECT id FROM hl_conversations WHERE location_id = ? ORDER BY last_message_date ${direction}, seq ${direction}`,
      )
      .all(LOCATION_ID) as { id: string }[]
  ).map((r) => r.id);
}

beforeAll(async () => {
  // Large enough for the seed's bursts: ties of 62 and 31 conversations, and one of 12
  // that share their creation time as well.
  server = await startTestServer({ size: 500 });
  base = `${server.url}/providers/highlevel`;
  // Read every item once, page by page, by creation-date windows small enough that no
  // window holds more than a page: the search itself, with no cursor at all.
  items = [];
  const ids = allIds();
  const dates = server.db
    ?.prepare('SELECT date_added AS d FROM hl_conversations ORDER BY date_added')
    .all() as { d: number }[];
  for (let i = 0; i < dates.length; i += 50) {
    const from = dates[i]?.d as number;
    const to = dates[Math.min(i + 49, dates.length - 1)]?.d as number;
    const { body } = await get<{ conversations: Item[] }>(
      `/conversations/search?locationId=${LOCATION_ID}&limit=100&startDate=${from}&endDate=${to}`,
    );
    for (const item of body.conversations) {
      if (!items.some((seen) => seen.id === item.id)) items.push(item);
    }
  }
  expect(new Set(items.map((i) => i.id))).toEqual(new Set(ids));
});

afterAll(async () => {
  await server.close();
});

describe('search items, as recorded', () => {
  it('wraps the page with total and a traceId', async () => {
    const { status, body } = await get<Json>(`/conversations/search?locationId=${LOCATION_ID}`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['conversations', 'total', 'traceId']);
    expect(body.traceId).toMatch(UUID);
    expect(body.total).toBe(items.length);
    // The default page is 20, newest first.
    expect((body.conversations as Item[]).map((i) => i.id)).toEqual(allIds().slice(0, 20));
  });

  it('leaves keys out rather than sending null or empty strings', () => {
    for (const item of items) {
      for (const key of ['lastMessageBody', 'fullName', 'contactName', 'assignedTo']) {
        if (key in item) expect(item[key], `${item.id}.${key}`).not.toBe('');
        expect(item[key], `${item.id}.${key}`).not.toBeNull();
      }
      // Contact details come both ways on the real wire: left out, or null; never ''.
      for (const key of ['phone', 'email']) expect(item[key], `${item.id}.${key}`).not.toBe('');
      expect('inbox' in item || 'deleted' in item).toBe(false);
    }
    const phones = items.map((i) =>
      'phone' in i ? (i.phone === null ? 'null' : 'set') : 'absent',
    );
    expect(new Set(phones)).toEqual(new Set(['set', 'null', 'absent']));
  });

  it('sends starred only when true', () => {
    const starred = items.filter((i) => 'starred' in i);
    expect(starred.length).toBeGreaterThan(0);
    expect(starred.length).toBeLessThan(items.length);
    for (const item of starred) expect(item.starred).toBe(true);
  });

  it('has no-show conversations: a type outside the enum, and no body key at all', () => {
    const noShows = items.filter((i) => i.lastMessageType === 'TYPE_NO_SHOW');
    expect(noShows.length).toBeGreaterThan(0);
    for (const item of noShows) {
      expect('lastMessageBody' in item).toBe(false);
      expect(item.messageTypes).toEqual([100]);
    }
  });

  it('carries the extra keys the spec does not list, and a one-element sort', () => {
    for (const item of items) {
      expect(item.sort).toEqual([item.lastMessageDate]);
      expect(typeof item.isLastMessageInternalComment).toBe('boolean');
      expect(item.scoring).toEqual([]);
      expect(Array.isArray(item.messageTypes)).toBe(true);
      expect((item.messageTypes as unknown[]).every((n) => typeof n === 'number')).toBe(true);
      expect(typeof item.lastMessageDate).toBe('number');
      expect(typeof item.dateAdded).toBe('number');
      expect(typeof item.type).toBe('string');
    }
    expect(items.some((i) => 'profilePhoto' in i && 'attributed' in i)).toBe(true);
    expect(items.some((i) => 'lastMessageDirection' in i)).toBe(true);
    expect(items.some((i) => !('lastMessageDirection' in i))).toBe(true);
  });
});

describe('the tie-blind cursor', () => {
  /** The widest tie of the seed, and what it holds. */
  function widestTie() {
    const tie = server.db
      ?.prepare(
        `SELECT last_message_date AS at, COUNT(*) AS n FROM hl_conversations
           GROUP BY last_message_date ORDER BY n DESC LIMIT 1`,
      )
      .get() as { at: number; n: number };
    expect(tie.n).toBeGreaterThan(20);
    return tie;
  }

  const page = (params: string) =>
    get<{ conversations: Item[] }>(
      `/conversations/search?locationId=${LOCATION_ID}&limit=100${params}`,
    ).then((r) => r.body.conversations);

  it('returns what comes strictly after a scalar startAfterDate, both ways: ties are skipped', async () => {
    const { at, n } = widestTie();
    // Through the tie: one millisecond beyond it includes all of it.
    const through = await page(`&startAfterDate=${at + 1}`);
    expect(through.slice(0, n).every((i) => i.lastMessageDate === at)).toBe(true);
    const after = await page(`&startAfterDate=${at}`);
    expect(after.some((i) => i.lastMessageDate >= at)).toBe(false);
    const ascending = await page(`&sort=asc&startAfterDate=${at}`);
    expect(ascending.some((i) => i.lastMessageDate <= at)).toBe(false);
    const ascThrough = await page(`&sort=asc&startAfterDate=${at - 1}`);
    expect(ascThrough.slice(0, n).every((i) => i.lastMessageDate === at)).toBe(true);
  });

  it('loses conversations for a client that pages naively with the last sort value', async () => {
    const shown: string[] = [];
    let after: number | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const batch = await get<{ conversations: Item[] }>(
        `/conversations/search?locationId=${LOCATION_ID}&limit=20${after === null ? '' : `&startAfterDate=${after}`}`,
      ).then((r) => r.body.conversations);
      shown.push(...batch.map((i) => i.id));
      if (batch.length < 20) break;
      after = (batch.at(-1)?.sort as number[])[0] as number;
    }
    // No repeats, and the order is right: only the rows sharing a boundary are missing.
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.length).toBeLessThan(items.length);
    const missing = allIds().filter((id) => !shown.includes(id));
    const tied = new Set(
      (
        server.db
          ?.prepare(
            'SELECT id FROM hl_conversations WHERE last_message_date IN (SELECT last_message_date FROM hl_conversations GROUP BY 1 HAVING COUNT(*) > 1)',
          )
          .all() as { id: string }[]
      ).map((r) => r.id),
    );
    for (const id of missing) expect(tied.has(id)).toBe(true);
  });
});

describe('GET /conversations/{id}, as recorded', () => {
  it('has numeric types, a Firestore date, and no unreadCount, inbox or names', async () => {
    const samples = [
      items.find((i) => i.starred === true),
      items.find((i) => i.lastMessageType === 'TYPE_NO_SHOW'),
      items.find((i) => !('assignedTo' in i)),
    ];
    for (const item of samples) {
      if (item === undefined) throw new Error('the seed lacks a sample');
      const { status, body } = await get<Json>(`/conversations/${item.id}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: item.id,
        locationId: LOCATION_ID,
        contactId: item.contactId,
        deleted: false,
        isLastMessageInternalComment: false,
        messageTypes: item.messageTypes,
      });
      expect(body.traceId).toMatch(UUID);
      expect(typeof body.type).toBe('number');
      expect(body.lastMessageType).toBe(messageTypeNumber(item.lastMessageType as string));
      const date = body.lastMessageDate as { seconds: number; nanoseconds: number };
      expect(Object.keys(date).sort()).toEqual(['nanoseconds', 'seconds']);
      expect(date.seconds * 1000 + date.nanoseconds / 1e6).toBe(item.lastMessageDate);
      for (const key of [
        'unreadCount',
        'inbox',
        'fullName',
        'contactName',
        'email',
        'phone',
        'lastMessageBody',
      ]) {
        expect(key in body, key).toBe(false);
      }
      if ('starred' in body) expect(body.starred).toBe(true);
      expect('starred' in body).toBe(item.starred === true);
      expect('assignedTo' in body).toBe('assignedTo' in item);
    }
  });
});

describe('PUT /conversations/{id}, as recorded', () => {
  const put = (id: string, body: Json) =>
    request<{ success: boolean; conversation: Json; traceId: string }>(
      `${base}/conversations/${id}`,
      {
        method: 'PUT',
        headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify({ locationId: LOCATION_ID, ...body }),
      },
    );

  it('answers ISO dates, a numeric type, starred only when true, and no unreadCount', async () => {
    const item = items.find((i) => !('starred' in i) && (i.unreadCount as number) > 0) as Item;
    const starred = await put(item.id, { starred: true });
    expect(starred.status).toBe(200);
    expect(starred.body.success).toBe(true);
    expect(starred.body.traceId).toMatch(UUID);
    const conversation = starred.body.conversation;
    expect(Object.keys(conversation).sort()).toEqual(
      [
        'contactId',
        'dateAdded',
        'dateUpdated',
        'deleted',
        'id',
        'lastMessageDate',
        'lastMessageType',
        'locationId',
        'starred',
      ].sort(),
    );
    expect(conversation).toMatchObject({ id: item.id, starred: true, deleted: false });
    for (const key of ['dateAdded', 'lastMessageDate', 'dateUpdated']) {
      expect(conversation[key]).toMatch(ISO);
    }
    expect(Date.parse(conversation.lastMessageDate as string)).toBe(item.lastMessageDate);
    expect(conversation.lastMessageType).toBe(messageTypeNumber(item.lastMessageType as string));

    const read = await put(item.id, { unreadCount: 0, starred: false });
    expect(read.status).toBe(200);
    expect('starred' in read.body.conversation).toBe(false);
    expect('unreadCount' in read.body.conversation).toBe(false);
    // The write happened although the answer does not say so.
    const [after] = (
      await get<{ conversations: Item[] }>(
        `/conversations/search?locationId=${LOCATION_ID}&id=${item.id}`,
      )
    ).body.conversations;
    expect(after).toMatchObject({ id: item.id, unreadCount: 0 });
    expect('starred' in (after ?? {})).toBe(false);
  });
});

describe('messages and email bodies, as recorded', () => {
  /** A conversation whose thread holds an email. */
  async function threadWithEmail() {
    for (const item of items.filter((i) => i.type === 'TYPE_EMAIL')) {
      const { body } = await get<{ messages: { messages: Json[] } }>(
        `/conversations/${item.id}/messages?limit=100`,
      );
      const email = body.messages.messages.find((m) =>
        EMAIL_TYPES.includes(m.messageType as string),
      );
      if (email) return { item, email, body };
    }
    throw new Error('no thread with an email');
  }

  it('nests the page, with numeric types, ISO dates and a traceId', async () => {
    const { body } = await threadWithEmail();
    expect(Object.keys(body).sort()).toEqual(['messages', 'traceId']);
    expect(Object.keys(body.messages).sort()).toEqual(['lastMessageId', 'messages', 'nextPage']);
    for (const message of body.messages.messages) {
      expect(typeof message.type).toBe('number');
      expect(message.type).toBe(messageTypeNumber(message.messageType as string));
      expect(message.dateAdded).toMatch(ISO);
      expect(['inbound', 'outbound']).toContain(message.direction);
    }
  });

  it('leaves email bodies out and names each for GET /conversations/messages/email/{id}', async () => {
    const { item, email, body } = await threadWithEmail();
    for (const message of body.messages.messages) {
      const isEmail = EMAIL_TYPES.includes(message.messageType as string);
      expect('body' in message, String(message.messageType)).toBe(!isEmail);
    }
    const [ref] = (email.meta as { email: { messageIds: string[] } }).email.messageIds;
    const { status, body: answer } = await get<Json>(`/conversations/messages/email/${ref}`);
    expect(status).toBe(200);
    expect(Object.keys(answer).sort()).toEqual([ASSUMED_EMAIL_MESSAGE_KEY, 'traceId']);
    const emailMessage = answer[ASSUMED_EMAIL_MESSAGE_KEY] as Json;
    expect(emailMessage).toMatchObject({
      id: ref,
      conversationId: item.id,
      contactId: item.contactId,
      locationId: LOCATION_ID,
      contentType: 'text/html',
      direction: email.direction,
      dateAdded: email.dateAdded,
    });
    expect(typeof emailMessage.body).toBe('string');
    expect(emailMessage.body).not.toBe('');

    const missing = await get<Json>('/conversations/messages/email/NoSuchEmailMessage01');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});

describe('GET /users/, as recorded', () => {
  it('answers { users, traceId }', async () => {
    const { status, body } = await get<{ users: Json[]; traceId: string }>(
      `/users/?locationId=${LOCATION_ID}`,
    );
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['traceId', 'users']);
    expect(body.traceId).toMatch(UUID);
    expect(body.users.length).toBeGreaterThan(0);
    for (const user of body.users) expect(typeof user.id).toBe('string');
  });
});

describe('Version', () => {
  it('is required: a missing header is a 401, as the real API answers', async () => {
    const { status, body } = await get('/conversations/search?locationId=x', {
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(status).toBe(401);
    expect(body).toEqual({
      statusCode: 401,
      message: MISSING_VERSION_MESSAGE,
      error: 'Unauthorized',
    });
  });
});

describe('the rate limit', () => {
  const headerNames = Object.values(RATE_LIMIT_HEADERS);

  it('puts the x-ratelimit-* headers on every answer past authentication', async () => {
    const limited = await startTestServer({ size: 20, env: { PARLEY_RATE_LIMIT: '1000' } });
    try {
      const at = `${limited.url}/providers/highlevel`;
      const { body: search } = await request<{ conversations: Item[] }>(
        `${at}/conversations/search?locationId=${LOCATION_ID}`,
        { headers: HL_HEADERS },
      );
      const id = search.conversations[0]?.id as string;
      const answers = [
        await request(`${at}/conversations/search?locationId=${LOCATION_ID}`, {
          headers: HL_HEADERS,
        }),
        await request(`${at}/conversations/${id}`, { headers: HL_HEADERS }),
        await request(`${at}/conversations/${id}/messages`, { headers: HL_HEADERS }),
        await request(`${at}/users/?locationId=${LOCATION_ID}`, { headers: HL_HEADERS }),
        await request(`${at}/conversations/${id}`, {
          method: 'PUT',
          headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
          body: JSON.stringify({ locationId: LOCATION_ID, starred: true }),
        }),
        // Refusals count too.
        await request(`${at}/conversations/NoSuchConversation00`, { headers: HL_HEADERS }),
        await request(`${at}/conversations/search?locationId=${LOCATION_ID}&limit=500`, {
          headers: HL_HEADERS,
        }),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 404, 422]);
      const remaining = answers.map((a) => Number(a.headers.get(RATE_LIMIT_HEADERS.remaining)));
      for (const answer of answers) {
        for (const name of headerNames) expect(answer.headers.get(name), name).toMatch(/^\d+$/);
        expect(answer.headers.get(RATE_LIMIT_HEADERS.max)).toBe('1000');
        expect(answer.headers.get(RATE_LIMIT_HEADERS.intervalMs)).toBe(
          String(RATE_LIMIT.intervalMs),
        );
        expect(answer.headers.get(RATE_LIMIT_HEADERS.dailyLimit)).toBe(String(RATE_LIMIT.daily));
      }
      // Each answer spends one: the first search above was one more.
      expect(remaining).toEqual([998, 997, 996, 995, 994, 993, 992]);
    } finally {
      await limited.close();
    }
  });

  it('refuses with a 429 past the limit, without Retry-After, and does not count refusals', async () => {
    const limited = await startTestServer({ size: 20, env: { PARLEY_RATE_LIMIT: '5' } });
    try {
      const url = `${limited.url}/providers/highlevel/conversations/search?locationId=${LOCATION_ID}&limit=1`;
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await request(url, { headers: HL_HEADERS }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const refused = answers[5];
      expect(refused?.body).toEqual({
        statusCode: 429,
        message: ASSUMED_RATE_LIMITED_MESSAGE,
        error: 'Too Many Requests',
      });
      expect(refused?.headers.get('Retry-After')).toBeNull();
      for (const answer of answers.slice(5)) {
        expect(answer.headers.get(RATE_LIMIT_HEADERS.remaining)).toBe('0');
        expect(answer.headers.get(RATE_LIMIT_HEADERS.max)).toBe('5');
      }
      // Authentication comes first: a request without Version is refused as such.
      const unversioned = await request(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(unversioned.status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

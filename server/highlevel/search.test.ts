import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HL_HEADERS,
  LOCATION_ID,
  matchesQuery,
  request,
  type JsonResponse,
} from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

/**
 * Search contract tests. Expectations come from the database read directly and filtered
 * and sorted in plain JS, independently of the server's SQL.
 */

interface Item {
  id: string;
  contactId: string;
  locationId: string;
  assignedTo?: string;
  followers: string[];
  mentions: string[];
  lastMessageType: string;
  lastMessageDirection: string;
  lastOutboundMessageAction?: string;
  lastMessageDate: number;
  lastManualMessageDate?: number;
  unreadCount: number;
  starred: boolean;
  dateAdded: number;
  sort: [number, number];
  [key: string]: unknown;
}

interface SearchBody {
  conversations: Item[];
  total: number;
  traceId: string;
}

interface Model {
  seq: number;
  id: string;
  contactId: string;
  assignedTo: string | null;
  followers: string[];
  mentions: string[];
  lastMessageType: string;
  lastMessageDirection: string;
  lastOutboundAction: string | null;
  unreadCount: number;
  starred: boolean;
  dateAdded: number;
  lastMessageDate: number;
  lastManualMessageDate: number | null;
  dueAt: number | null;
  overdueAt: number | null;
  text: string[];
  scores: Map<string, number>;
}

let server: TestServer;
let models: Model[];
let users: string[];
let profiles: string[];

beforeAll(async () => {
  // The spec's two-element cursor pages exactly; real-wire.test.ts pages the real one.
  server = await startTestServer({ size: 600, env: { PARLEY_WIRE: 'spec' } });
  const db = server.db;
  if (db === null) throw new Error('embedded server expected');
  const scores = db.prepare('SELECT profile_id, conversation_seq, score FROM hl_scores').all() as {
    profile_id: string;
    conversation_seq: number;
    score: number;
  }[];
  const bySeq = new Map<number, Map<string, number>>();
  for (const s of scores) {
    const map = bySeq.get(s.conversation_seq) ?? new Map<string, number>();
    map.set(s.profile_id, s.score);
    bySeq.set(s.conversation_seq, map);
  }
  const rows = db.prepare('SELECT * FROM hl_conversations').all() as Record<string, unknown>[];
  models = rows.map((r) => ({
    seq: r.seq as number,
    id: r.id as string,
    contactId: r.contact_id as string,
    assignedTo: r.assigned_to as string | null,
    followers: JSON.parse(r.followers as string) as string[],
    mentions: JSON.parse(r.mentions as string) as string[],
    lastMessageType: r.last_message_type as string,
    lastMessageDirection: r.last_message_direction as string,
    lastOutboundAction: r.last_outbound_action as string | null,
    unreadCount: r.unread_count as number,
    starred: r.starred === 1,
    dateAdded: r.date_added as number,
    lastMessageDate: r.last_message_date as number,
    lastManualMessageDate: r.last_manual_message_date as number | null,
    dueAt: r.due_at as number | null,
    overdueAt: r.overdue_at as number | null,
    text: [
      r.full_name as string,
      r.contact_name as string,
      r.email as string,
      r.phone as string,
      r.last_message_body as string,
    ],
    scores: bySeq.get(r.seq as number) ?? new Map(),
  }));
  users = (db.prepare('SELECT id FROM hl_users ORDER BY ord').all() as { id: string }[]).map(
    (u) => u.id,
  );
  profiles = (db.prepare('SELECT id FROM hl_score_profiles').all() as { id: string }[]).map(
    (p) => p.id,
  );
});

afterAll(async () => {
  await server.close();
});

type Params = Record<string, string>;

function search(params: Params | URLSearchParams): Promise<JsonResponse<SearchBody>> {
  const query = new URLSearchParams(params);
  if (!query.has('locationId')) query.set('locationId', LOCATION_ID);
  return request<SearchBody>(`${server.url}/providers/highlevel/conversations/search?${query}`, {
    headers: HL_HEADERS,
  });
}

type Serialization = 'brackets' | 'repeated' | 'comma';

/** Pages through a query with startAfterDate until a short page, collecting items. */
async function collect(
  params: Params,
  limit: number,
  serialization: Serialization = 'brackets',
): Promise<{ items: Item[]; totals: number[] }> {
  const items: Item[] = [];
  const totals: number[] = [];
  let cursor: [number, number] | null = null;
  for (let page = 0; page < 1000; page++) {
    const query = new URLSearchParams({ ...params, limit: String(limit) });
    if (cursor !== null) {
      if (serialization === 'brackets') {
        query.append('startAfterDate[]', String(cursor[0]));
        query.append('startAfterDate[]', String(cursor[1]));
      } else if (serialization === 'repeated') {
        query.append('startAfterDate', String(cursor[0]));
        query.append('startAfterDate', String(cursor[1]));
      } else {
        query.set('startAfterDate', `${cursor[0]},${cursor[1]}`);
      }
    }
    const { status, body } = await search(query);
    expect(status).toBe(200);
    items.push(...body.conversations);
    totals.push(body.total);
    const last = body.conversations[body.conversations.length - 1];
    if (body.conversations.length < limit || last === undefined) return { items, totals };
    cursor = last.sort;
  }
  throw new Error('paging did not terminate');
}

type SortKey = (m: Model) => number;

function expected(pred: (m: Model) => boolean, key: SortKey, dir: 'asc' | 'desc'): string[] {
  const sign = dir === 'asc' ? 1 : -1;
  return models
    .filter(pred)
    .sort((a, b) => sign * (key(a) - key(b)) || sign * (a.seq - b.seq))
    .map((m) => m.id);
}

const byLastMessage: SortKey = (m) => m.lastMessageDate;

describe('the seeded data makes these tests meaningful', () => {
  it('has timestamp ties, unassigned rows and more than 100 rows', () => {
    const dates = models.map((m) => m.lastMessageDate);
    expect(new Set(dates).size).toBeLessThan(dates.length - 20);
    const unassigned = models.filter((m) => m.assignedTo === null).length;
    expect(unassigned / models.length).toBeGreaterThan(0.08);
    expect(unassigned / models.length).toBeLessThan(0.25);
    expect(models.length).toBe(600);
  });
});

describe('GET /conversations/search filters', () => {
  const cases: { name: string; params: () => Params; pred: () => (m: Model) => boolean }[] = [
    {
      name: 'assignedTo one user',
      params: () => ({ assignedTo: users[1] as string }),
      pred: () => (m) => m.assignedTo === users[1],
    },
    {
      name: 'assignedTo a comma list',
      params: () => ({ assignedTo: `${users[1]},${users[2]}` }),
      pred: () => (m) => m.assignedTo === users[1] || m.assignedTo === users[2],
    },
    {
      name: 'assignedTo=unassigned',
      params: () => ({ assignedTo: 'unassigned' }),
      pred: () => (m) => m.assignedTo === null,
    },
    {
      name: 'assignedTo mixing an id and unassigned means either',
      params: () => ({ assignedTo: `${users[0]},unassigned` }),
      pred: () => (m) => m.assignedTo === null || m.assignedTo === users[0],
    },
    {
      name: 'contactId (a contact with two conversations)',
      params: () => ({ contactId: sharedContact() }),
      pred: () => (m) => m.contactId === sharedContact(),
    },
    {
      name: 'followers (any of)',
      params: () => ({ followers: `${users[3]},${users[4]}` }),
      pred: () => (m) =>
        m.followers.includes(users[3] as string) || m.followers.includes(users[4] as string),
    },
    {
      name: 'mentions',
      params: () => ({ mentions: users[5] as string }),
      pred: () => (m) => m.mentions.includes(users[5] as string),
    },
    {
      name: 'id',
      params: () => ({ id: (models[42] as Model).id }),
      pred: () => (m) => m.id === (models[42] as Model).id,
    },
    {
      name: 'lastMessageType',
      params: () => ({ lastMessageType: 'TYPE_EMAIL' }),
      pred: () => (m) => m.lastMessageType === 'TYPE_EMAIL',
    },
    {
      name: 'lastMessageDirection',
      params: () => ({ lastMessageDirection: 'inbound' }),
      pred: () => (m) => m.lastMessageDirection === 'inbound',
    },
    {
      name: 'lastMessageAction',
      params: () => ({ lastMessageAction: 'automated' }),
      pred: () => (m) => m.lastOutboundAction === 'automated',
    },
    {
      name: 'status=read',
      params: () => ({ status: 'read' }),
      pred: () => (m) => m.unreadCount === 0,
    },
    {
      name: 'status=unread',
      params: () => ({ status: 'unread' }),
      pred: () => (m) => m.unreadCount > 0,
    },
    { name: 'status=starred', params: () => ({ status: 'starred' }), pred: () => (m) => m.starred },
    {
      name: 'startDate and endDate (dateAdded, ms, inclusive)',
      params: () => ({ startDate: String(dateWindow()[0]), endDate: String(dateWindow()[1]) }),
      pred: () => (m) => m.dateAdded >= dateWindow()[0] && m.dateAdded <= dateWindow()[1],
    },
    {
      name: 'scoreProfile with min and max',
      params: () => ({
        scoreProfile: profiles[0] as string,
        scoreProfileMin: '20',
        scoreProfileMax: '45',
      }),
      pred: () => (m) => {
        const score = m.scores.get(profiles[0] as string);
        return score !== undefined && score >= 20 && score <= 45;
      },
    },
    {
      name: 'query (a word of message bodies)',
      params: () => ({ query: 'refund' }),
      pred: () => (m) => matchesQuery('refund', m.text),
    },
    {
      name: 'query (a contact email)',
      params: () => ({ query: emailOfSomeone() }),
      pred: () => (m) => matchesQuery(emailOfSomeone(), m.text),
    },
    {
      name: 'query (a phone number without the +)',
      params: () => ({ query: phoneOfSomeone().slice(1) }),
      pred: () => (m) => matchesQuery(phoneOfSomeone().slice(1), m.text),
    },
    {
      name: 'combined: assignee, unread and inbound',
      params: () => ({
        assignedTo: users[0] as string,
        status: 'unread',
        lastMessageDirection: 'inbound',
      }),
      pred: () => (m) =>
        m.assignedTo === users[0] && m.unreadCount > 0 && m.lastMessageDirection === 'inbound',
    },
  ];

  it.each(cases)('$name', async ({ params, pred }) => {
    const want = expected(pred(), byLastMessage, 'desc');
    // Each filter must select a real subset, or the comparison proves nothing.
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(models.length);
    const { items, totals } = await collect(params(), 37);
    expect(items.map((i) => i.id)).toEqual(want);
    expect(new Set(totals)).toEqual(new Set([want.length]));
  });

  it('status=recents and status=all are the unfiltered list', async () => {
    const all = expected(() => true, byLastMessage, 'desc').slice(0, 100);
    for (const status of ['all', 'recents']) {
      const { body } = await search({ status, limit: '100' });
      expect(body.conversations.map((c) => c.id)).toEqual(all);
      expect(body.total).toBe(600);
    }
  });

  it('defaults to 20 items, newest first', async () => {
    const { body } = await search({});
    expect(body.conversations.map((c) => c.id)).toEqual(
      expected(() => true, byLastMessage, 'desc').slice(0, 20),
    );
  });

  it('a query with no searchable word matches nothing', async () => {
    const { status, body } = await search({ query: '🙂 !!' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ conversations: [], total: 0 });
  });

  it('an unknown user filters to nothing, not to everything', async () => {
    const { status, body } = await search({ assignedTo: 'NoSuchUser0000000000' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ conversations: [], total: 0 });
  });

  it('hostile and SQL-looking queries are inert: 200 with exactly the matching rows', async () => {
    const queries = [
      "' OR '1'='1' --",
      "Robert'); DROP TABLE hl_conversations;--",
      '<script>alert(1)</script>',
      '" OR 1=1 NEAR(',
      'refund*) OR (x',
      '%_%',
    ];
    for (const query of queries) {
      const { status, body } = await search({ query, limit: '100' });
      expect(status).toBe(200);
      const want = models.filter((m) => matchesQuery(query, m.text));
      expect(body.total).toBe(want.length);
    }
    const { body } = await search({ query: 'script alert' });
    expect(body.total).toBeGreaterThan(0);
    expect(JSON.stringify(body.conversations)).toContain('<script>alert(1)</script>');
    // The table the injection "drops" is still there.
    expect((await search({})).body.total).toBe(600);
  });
});

describe('keyset paging with startAfterDate', () => {
  const sorts: { name: string; params: () => Params; key: () => SortKey; dir: 'asc' | 'desc' }[] = [
    { name: 'last_message_date desc', params: () => ({}), key: () => byLastMessage, dir: 'desc' },
    {
      name: 'last_message_date asc',
      params: () => ({ sort: 'asc', sortBy: 'last_message_date' }),
      key: () => byLastMessage,
      dir: 'asc',
    },
    {
      name: 'last_manual_message_date desc',
      params: () => ({ sortBy: 'last_manual_message_date' }),
      key: () => (m) => m.lastManualMessageDate ?? 0,
      dir: 'desc',
    },
    {
      name: 'due_at asc',
      params: () => ({ sortBy: 'due_at', sort: 'asc' }),
      key: () => (m) => m.dueAt ?? 0,
      dir: 'asc',
    },
    {
      name: 'overdue_at desc',
      params: () => ({ sortBy: 'overdue_at', sort: 'desc' }),
      key: () => (m) => m.overdueAt ?? 0,
      dir: 'desc',
    },
    {
      name: 'score_profile desc',
      params: () => ({ sortBy: 'score_profile', sortScoreProfile: profiles[1] as string }),
      key: () => (m) => m.scores.get(profiles[1] as string) ?? 0,
      dir: 'desc',
    },
    {
      name: 'score_profile asc',
      params: () => ({
        sortBy: 'score_profile',
        sortScoreProfile: profiles[2] as string,
        sort: 'asc',
      }),
      key: () => (m) => m.scores.get(profiles[2] as string) ?? 0,
      dir: 'asc',
    },
  ];
  const serializations: Serialization[] = ['brackets', 'repeated', 'comma'];
  const matrix = sorts.flatMap((s) =>
    serializations.map((serialization) => ({ ...s, serialization })),
  );

  it.each(matrix)(
    '$name, cursor as $serialization: every row exactly once, in order',
    async (c) => {
      const want = expected(() => true, c.key(), c.dir);
      const { items, totals } = await collect(c.params(), 50, c.serialization);
      const ids = items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(want);
      expect(new Set(totals)).toEqual(new Set([600]));
      // The emitted sort value is the value the order is by.
      const key = c.key();
      const byId = new Map(models.map((m) => [m.id, m]));
      for (const item of items) {
        const model = byId.get(item.id) as Model;
        expect(item.sort).toEqual([key(model), model.seq]);
      }
    },
  );

  it('pages a filtered, score-sorted view exactly once', async () => {
    const profile = profiles[0] as string;
    const pred = (m: Model) => m.unreadCount === 0 && m.assignedTo !== null;
    const want = expected(pred, (m) => m.scores.get(profile) ?? 0, 'asc');
    const assignees = users.join(',');
    const { items } = await collect(
      {
        status: 'read',
        assignedTo: assignees,
        sortBy: 'score_profile',
        sortScoreProfile: profile,
        sort: 'asc',
      },
      13,
      'comma',
    );
    expect(items.map((i) => i.id)).toEqual(want);
  });

  it('a scalar startAfterDate skips the rows tied with it, as upstream does', async () => {
    const counts = new Map<number, number>();
    for (const m of models) counts.set(m.lastMessageDate, (counts.get(m.lastMessageDate) ?? 0) + 1);
    const tied = [...counts.entries()].find(([, n]) => n > 1)?.[0];
    expect(tied).toBeDefined();
    const { status, body } = await search({ startAfterDate: String(tied), limit: '100' });
    expect(status).toBe(200);
    const want = expected((m) => m.lastMessageDate < (tied as number), byLastMessage, 'desc');
    expect(body.conversations.map((c) => c.id)).toEqual(want.slice(0, 100));
  });

  it('the last page is short and an exhausted cursor returns an empty page', async () => {
    const all = expected(() => true, byLastMessage, 'desc');
    const lastModel = models.find((m) => m.id === all[all.length - 1]) as Model;
    const { body } = await search({
      'startAfterDate[]': String(lastModel.lastMessageDate),
      limit: '10',
    } as Params);
    // One value under the [] key is a scalar cursor.
    expect(body.conversations.every((c) => c.lastMessageDate < lastModel.lastMessageDate)).toBe(
      true,
    );
    const query = new URLSearchParams({ limit: '10' });
    query.append('startAfterDate', String(lastModel.lastMessageDate));
    query.append('startAfterDate', String(lastModel.seq));
    const end = await search(query);
    expect(end.body).toMatchObject({ conversations: [], total: 600 });
  });
});

let cachedContact: string | null = null;
function sharedContact(): string {
  if (cachedContact !== null) return cachedContact;
  const counts = new Map<string, number>();
  for (const m of models) counts.set(m.contactId, (counts.get(m.contactId) ?? 0) + 1);
  const shared = [...counts.entries()].find(([, n]) => n > 1)?.[0];
  if (shared === undefined) throw new Error('the seed should reuse some contacts');
  cachedContact = shared;
  return shared;
}

function dateWindow(): [number, number] {
  const sorted = models.map((m) => m.dateAdded).sort((a, b) => a - b);
  return [sorted[150] as number, sorted[400] as number];
}

function emailOfSomeone(): string {
  const withEmail = models.find((m) => /^[a-z]+\.[a-z]+@/.test(m.text[2] as string));
  if (withEmail === undefined) throw new Error('expected an email');
  return withEmail.text[2] as string;
}

function phoneOfSomeone(): string {
  return (models.find((m) => (m.text[3] as string) !== '') as Model).text[3] as string;
}

import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACTS_VERSION } from '../../src/api/contract/highlevel.ts';
import { DEMO_HIGHLEVEL_USER_ID } from '../seed/demo-identities.ts';
import { expectCountsExact, expectFullTextIntact } from '../test-support/consistency.ts';
import { HL_HEADERS, LOCATION_ID, TOKEN, request } from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

/**
 * PUT /contacts/{contactId} on the embedded HighLevel API: assigning is the contact's
 * `assignedTo`, which every conversation of the contact shows (docs/decisions/0015). The
 * answer in the recorded update-contact shape on the real wire, the spec's on the other;
 * the assignee validated against the location's users; every conversation of the contact
 * and the view counts moved in one transaction.
 */

type Json = Record<string, unknown>;
interface Answer {
  succeded?: boolean;
  succeeded?: boolean;
  contact: Json;
  traceId: string;
  message?: string | string[];
}

const CONTACT_HEADERS = {
  Authorization: `Bearer ${TOKEN}`,
  Version: CONTACTS_VERSION,
  'Content-Type': 'application/json',
};

const wires = ['real', 'spec'] as const;
const servers = {} as Record<(typeof wires)[number], TestServer>;

beforeAll(async () => {
  for (const wire of wires) {
    servers[wire] = await startTestServer({ size: 600, env: { PARLEY_WIRE: wire } });
  }
});
afterAll(async () => {
  for (const wire of wires) await servers[wire]?.close();
});

const hl = (server: TestServer, path: string) => `${server.url}/providers/highlevel${path}`;
const dbOf = (server: TestServer): Database => server.db as Database;

function assign(server: TestServer, contactId: string, body: unknown, raw?: string) {
  return request<Answer>(hl(server, `/contacts/${encodeURIComponent(contactId)}`), {
    method: 'PUT',
    headers: CONTACT_HEADERS,
    body: raw ?? JSON.stringify(body),
  });
}

/** A contact with several conversations, not all assigned to `userId`. */
function sharedContact(db: Database, userId: string | null): string {
  const found = db
    .prepare(
      `SELECT contact_id FROM hl_conversations GROUP BY contact_id
         HAVING COUNT(*) >= 2 AND SUM(assigned_to IS ?) < COUNT(*)
         ORDER BY MIN(seq) LIMIT 1`,
    )
    .get(userId) as { contact_id: string } | undefined;
  if (found === undefined) throw new Error('the seed holds no contact with two conversations');
  return found.contact_id;
}

const assignees = (db: Database, contactId: string) =>
  (
    db
      .prepare('SELECT assigned_to FROM hl_conversations WHERE contact_id = ? ORDER BY seq')
      .all(contactId) as { assigned_to: string | null }[]
  ).map((r) => r.assigned_to);

async function total(server: TestServer, query: string): Promise<number> {
  const { status, body } = await request<{ total: number }>(
    hl(server, `/conversations/search?locationId=${LOCATION_ID}&limit=100${query}`),
    { headers: HL_HEADERS },
  );
  expect(status).toBe(200);
  return body.total;
}

const otherUser = (db: Database) =>
  (
    db
      .prepare('SELECT id FROM hl_users WHERE id <> ? ORDER BY ord LIMIT 1')
      .get(DEMO_HIGHLEVEL_USER_ID) as { id: string }
  ).id;

describe.each(wires)('PUT /contacts/{contactId}, %s wire', (wire) => {
  const server = () => servers[wire];

  it('assigns every conversation of the contact, and answers with the contact', async () => {
    const db = dbOf(server());
    const contactId = sharedContact(db, DEMO_HIGHLEVEL_USER_ID);
    const count = assignees(db, contactId).length;
    const alreadyMine = assignees(db, contactId).filter((a) => a === DEMO_HIGHLEVEL_USER_ID).length;
    const mineBefore = await total(server(), `&assignedTo=${DEMO_HIGHLEVEL_USER_ID}`);

    const { status, body } = await assign(server(), contactId, {
      assignedTo: DEMO_HIGHLEVEL_USER_ID,
    });
    expect(status).toBe(200);
    if (wire === 'real') {
      expect(body).toMatchObject({ succeded: true, succeeded: true });
      // Keys left out rather than null, dates ISO, as the recorded answer has them.
      expect(Object.values(body.contact)).not.toContain(null);
      expect(body.contact['dateUpdated']).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    } else {
      expect(body).toMatchObject({ succeded: true });
      expect(body).not.toHaveProperty('succeeded');
    }
    expect(body.contact).toMatchObject({
      id: contactId,
      locationId: LOCATION_ID,
      assignedTo: DEMO_HIGHLEVEL_USER_ID,
    });
    expect(typeof body.traceId).toBe('string');

    expect(assignees(db, contactId)).toEqual(Array(count).fill(DEMO_HIGHLEVEL_USER_ID));
    expect(await total(server(), `&assignedTo=${DEMO_HIGHLEVEL_USER_ID}`)).toBe(
      mineBefore + count - alreadyMine,
    );
    // The search shows it on each of them.
    const { body: page } = await request<{ conversations: Json[] }>(
      hl(server(), `/conversations/search?locationId=${LOCATION_ID}&contactId=${contactId}`),
      { headers: HL_HEADERS },
    );
    expect(page.conversations).toHaveLength(count);
    for (const item of page.conversations) {
      expect(item['assignedTo']).toBe(DEMO_HIGHLEVEL_USER_ID);
    }
    expectCountsExact(db);
    expectFullTextIntact(db);
  });

  it('unassigns with null: the Unassigned view gains the contact’s conversations', async () => {
    const db = dbOf(server());
    const contactId = sharedContact(db, null);
    const count = assignees(db, contactId).length;
    const wasUnassigned = assignees(db, contactId).filter((a) => a === null).length;
    const unassignedBefore = await total(server(), '&assignedTo=unassigned');
    const { status, body } = await assign(server(), contactId, { assignedTo: null });
    expect(status).toBe(200);
    if (wire === 'real') expect(body.contact).not.toHaveProperty('assignedTo');
    else expect(body.contact['assignedTo']).toBeNull();
    expect(assignees(db, contactId)).toEqual(Array(count).fill(null));
    expect(await total(server(), '&assignedTo=unassigned')).toBe(
      unassignedBefore + count - wasUnassigned,
    );
    const { body: page } = await request<{ conversations: Json[] }>(
      hl(server(), `/conversations/search?locationId=${LOCATION_ID}&contactId=${contactId}`),
      { headers: HL_HEADERS },
    );
    for (const item of page.conversations) {
      if (wire === 'real') expect(item).not.toHaveProperty('assignedTo');
      else expect(item['assignedTo'] ?? null).toBeNull();
    }
    expectCountsExact(db);
  });

  it('changes nothing for an empty body, and answers with the contact', async () => {
    const db = dbOf(server());
    const contactId = sharedContact(db, DEMO_HIGHLEVEL_USER_ID);
    const before = assignees(db, contactId);
    const { status, body } = await assign(server(), contactId, {});
    expect(status).toBe(200);
    expect(body.contact['id']).toBe(contactId);
    expect(assignees(db, contactId)).toEqual(before);
  });

  it('404 for a contact the location does not have', async () => {
    const { status, body } = await assign(server(), 'NoSuchContact0000000', { assignedTo: null });
    expect(status).toBe(404);
    expect(body).toMatchObject({
      statusCode: 404,
      message: 'Contact with id NoSuchContact0000000 not found',
      error: 'Not Found',
    });
  });

  it('400 for a body that is not JSON', async () => {
    const db = dbOf(server());
    const { status } = await assign(server(), sharedContact(db, DEMO_HIGHLEVEL_USER_ID), null, '{');
    expect(status).toBe(400);
  });

  it('422 naming an assignee who is not a user of the location, and every bad field', async () => {
    const db = dbOf(server());
    const contactId = sharedContact(db, DEMO_HIGHLEVEL_USER_ID);
    const before = assignees(db, contactId);
    const cases: [unknown, string][] = [
      [
        { assignedTo: 'NotAUserOfThisPlace' },
        'assignedTo NotAUserOfThisPlace is not a user of this location',
      ],
      [{ assignedTo: 7 }, 'assignedTo must be a user id (a non-empty string) or null'],
      [{ assignedTo: '  ' }, 'assignedTo must be a user id (a non-empty string) or null'],
      [
        { assignedTo: null, firstName: 'Ana' },
        "property firstName cannot be changed through Parley's embedded API (only assignedTo)",
      ],
      [{ assignee: DEMO_HIGHLEVEL_USER_ID }, 'property assignee should not exist'],
      [['assignedTo'], 'body must be a JSON object'],
    ];
    for (const [payload, message] of cases) {
      const { status, body } = await assign(server(), contactId, payload);
      expect(status, JSON.stringify(payload)).toBe(422);
      expect(body.message, JSON.stringify(payload)).toContain(message);
    }
    expect(assignees(db, contactId)).toEqual(before);
  });
});

describe('concurrent assignments and replies', () => {
  it('a contact ends on one of the assignees sent, on every conversation, with exact counts', async () => {
    const server = servers.real;
    const db = dbOf(server);
    const contactId = sharedContact(db, DEMO_HIGHLEVEL_USER_ID);
    const users = [DEMO_HIGHLEVEL_USER_ID, otherUser(db), null];
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        assign(server, contactId, { assignedTo: users[i % users.length] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const final = assignees(db, contactId);
    expect(new Set(final).size).toBe(1);
    expect(users).toContain(final[0]);
    expectCountsExact(db);
  });

  it('an assignment and a reply to the same contact both land', async () => {
    const server = servers.real;
    const db = dbOf(server);
    const contact = db
      .prepare(
        `SELECT contact_id, id FROM hl_conversations WHERE type = 'TYPE_PHONE'
           AND contact_id IN (SELECT contact_id FROM hl_conversations GROUP BY contact_id HAVING COUNT(*) >= 2)
         LIMIT 1`,
      )
      .get() as { contact_id: string; id: string };
    const user = otherUser(db);
    const [assigned, sent] = await Promise.all([
      assign(server, contact.contact_id, { assignedTo: user }),
      request<{ conversationId: string }>(hl(server, '/conversations/messages'), {
        method: 'POST',
        headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'SMS',
          contactId: contact.contact_id,
          message: 'Both at once',
        }),
      }),
    ]);
    expect(assigned.status).toBe(200);
    expect(sent.status).toBe(200);
    expect(new Set(assignees(db, contact.contact_id))).toEqual(new Set([user]));
    const row = db
      .prepare('SELECT last_message_body, assigned_to FROM hl_conversations WHERE id = ?')
      .get(sent.body.conversationId);
    expect(row).toEqual({ last_message_body: 'Both at once', assigned_to: user });
    expectCountsExact(db);
    expectFullTextIntact(db);
  });
});

import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXANTE_AGENT_UID } from '../seed/demo-identities.ts';
import { expectCountsExact, expectFullTextIntact } from '../test-support/consistency.ts';
import { EX_HEADERS, request } from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import type { ExConversationRow } from './rows.ts';

/**
 * The assumed Exante writes of docs/decisions/0015 on the embedded API: a reply
 * (POST /api/conversations/{uid}/messages → 201 `{status, data: Message}`), and assignment
 * and lifecycle through the PATCH, each validated in the assumed error envelope, each
 * moving the conversation, its thread and the view counts together.
 */

type Json = Record<string, unknown>;
interface Envelope<T = Json> {
  status: string;
  status_code?: number;
  message?: string;
  data: T;
  errors?: Record<string, string[]>;
}
type Detail = Json & { messages: Json[]; metadata: Json };

let server: TestServer;
let db: Database;
let base: string;

beforeAll(async () => {
  server = await startTestServer({ size: 400 });
  db = server.db as Database;
  base = `${server.url}/providers/exante/api`;
});
afterAll(() => server.close());

const json = { ...EX_HEADERS, 'Content-Type': 'application/json' };

function reply(uid: string, body: unknown, raw?: string) {
  return request<Envelope>(`${base}/conversations/${uid}/messages`, {
    method: 'POST',
    headers: json,
    body: raw ?? JSON.stringify(body),
  });
}

function patch(uid: string, body: unknown) {
  return request<Envelope>(`${base}/conversations/${uid}`, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify(body),
  });
}

async function detail(uid: string): Promise<Detail> {
  const { status, body } = await request<Envelope<Detail>>(`${base}/conversations/${uid}`, {
    headers: EX_HEADERS,
  });
  expect(status).toBe(200);
  return body.data;
}

async function total(query: string): Promise<number> {
  const { body } = await request<Envelope<{ pagination: { total: number } }>>(
    `${base}/conversations?per_page=1${query}`,
    { headers: EX_HEADERS },
  );
  return body.data.pagination.total;
}

function conversation(where: string): ExConversationRow {
  const row = db
    .prepare(
      `SELECT c.* FROM ex_conversations c WHERE ${where}
         AND NOT EXISTS (SELECT 1 FROM ex_sent_messages s WHERE s.conversation_seq = c.seq)
       ORDER BY c.seq LIMIT 1`,
    )
    .get() as ExConversationRow | undefined;
  if (row === undefined) throw new Error(`no conversation where ${where}`);
  return row;
}

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('POST /api/conversations/{uid}/messages', () => {
  it('answers 201 with the message, and moves the conversation with it', async () => {
    const target = conversation("c.channel = 'email' AND c.status = 'closed' AND c.is_read = 0");
    const before = await detail(target.uid);
    const unreadBefore = await total('&is_read=false');
    const closedBefore = await total('&status=closed');

    const text = 'We have issued the credit note today.';
    const { status, body } = await reply(target.uid, { body_text: text });
    expect(status).toBe(201);
    expect(body.status).toBe('success');
    expect(body.data).toMatchObject({
      conversation_uid: target.uid,
      sender_uid: DEMO_EXANTE_AGENT_UID,
      sender_type: 'user',
      direction: 'outbound',
      message_direction: 'outbound',
      subject: `Re: ${target.subject}`,
      body_text: text,
      snippet: text,
      is_read: true,
      content_type: 'text/html',
      labels: ['SENT'],
      party_id: target.party_uid,
    });
    expect(body.data['sent_at']).toMatch(ISO_SECONDS);

    // The thread: everything it had, then the reply.
    const after = await detail(target.uid);
    expect(after.messages.slice(0, -1)).toEqual(
      before.messages.map((m) => ({ ...m, is_read: true })),
    );
    expect(after.messages.at(-1)).toEqual(body.data);
    // The conversation: the newest, read, one more message, the reply's snippet, still closed.
    expect(after).toMatchObject({
      message_count: (before['message_count'] as number) + 1,
      sent_at: body.data['sent_at'],
      updated_on: body.data['sent_at'],
      is_read: true,
      has_reply: true,
      status: 'closed',
    });
    expect(after.metadata['snippet']).toBe(text);
    const { body: first } = await request<Envelope<{ items: Json[] }>>(
      `${base}/conversations?per_page=1`,
      { headers: EX_HEADERS },
    );
    expect(first.data.items[0]?.['uid']).toBe(target.uid);
    expect(await total('&is_read=false')).toBe(unreadBefore - 1);
    expect(await total('&status=closed')).toBe(closedBefore);
    expectCountsExact(db);
    expectFullTextIntact(db);
  });

  it('takes a subject on email, and sends SMS as plain text to the party’s phone', async () => {
    const email = conversation("c.channel = 'email' AND c.status = 'active'");
    const withSubject = await reply(email.uid, { body_text: 'Hi', subject: '  Credit note  ' });
    expect(withSubject.status).toBe(201);
    expect(withSubject.body.data['subject']).toBe('Credit note');

    const sms = conversation("c.channel = 'sms' AND c.status = 'active'");
    const party = db.prepare('SELECT phone FROM ex_parties WHERE uid = ?').get(sms.party_uid) as {
      phone: string;
    };
    const { status, body } = await reply(sms.uid, { body_text: 'Payment received, thanks' });
    expect(status).toBe(201);
    expect(body.data).toMatchObject({
      content_type: 'text/plain',
      to: [party.phone],
      from: { email: null },
      labels: [],
    });
  });

  it('422 per field, naming the limit a reply breaks', async () => {
    const email = conversation("c.channel = 'email' AND c.status = 'active'");
    const sms = conversation("c.channel = 'sms' AND c.status = 'active'");
    const draft = conversation("c.status = 'draft'");
    const cases: [string, unknown, string, string][] = [
      [email.uid, {}, 'body_text', 'body_text is required.'],
      [email.uid, { body_text: 5 }, 'body_text', 'body_text must be a string.'],
      [email.uid, { body_text: '   ' }, 'body_text', 'body_text should not be empty.'],
      [
        email.uid,
        { body_text: 'x'.repeat(10_001) },
        'body_text',
        'body_text must be at most 10,000 characters; it has 10,001.',
      ],
      [
        email.uid,
        { body_text: 'x', subject: 's'.repeat(256) },
        'subject',
        'subject must be at most 255 characters; it has 256.',
      ],
      [
        sms.uid,
        { body_text: 'a'.repeat(1531) },
        'body_text',
        'body_text must fit in 10 SMS segments (1,530 GSM-7 characters, or 670 when any character is outside GSM-7); it takes 11.',
      ],
      [
        sms.uid,
        { body_text: 'x', subject: 'Hi' },
        'subject',
        'subject is only for email conversations.',
      ],
      [email.uid, { body_text: 'x', cc: ['a@b.c'] }, 'cc', 'Unknown field: cc.'],
      [
        draft.uid,
        { body_text: 'x' },
        'status',
        'A draft conversation has not been sent, so it cannot be replied to.',
      ],
    ];
    for (const [uid, payload, field, message] of cases) {
      const { status, body } = await reply(uid, payload);
      const label = JSON.stringify(payload).slice(0, 60);
      expect(status, label).toBe(422);
      expect(body, label).toMatchObject({ status: 'error', status_code: 422, data: null });
      expect(body.errors?.[field], label).toContain(message);
    }
  });

  it('400 for a body that is not JSON, 422 for a malformed uid, 404 for an unknown one', async () => {
    const email = conversation("c.channel = 'email'");
    expect((await reply(email.uid, null, '{"body_text":')).status).toBe(400);
    const bad = await reply('not-a-uuid', { body_text: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual({
      conversation_uid: ['conversation_uid must be a valid UUID.'],
    });
    const missing = await reply('00000000-0000-4000-8000-000000000000', { body_text: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'error', message: 'Conversation not found.' });
  });

  it('keeps every concurrent reply, in order, with exact counts', async () => {
    const target = conversation("c.channel = 'email' AND c.status = 'active'");
    const before = await detail(target.uid);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => reply(target.uid, { body_text: `Reply ${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const after = await detail(target.uid);
    expect(after['message_count']).toBe((before['message_count'] as number) + 10);
    const sent = after.messages.slice(-10);
    expect(new Set(sent.map((m) => m['uid']))).toEqual(
      new Set(answers.map((a) => a.body.data['uid'])),
    );
    const times = sent.map((m) => Date.parse(m['sent_at'] as string));
    expect(new Set(times).size).toBe(10);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(after.metadata['snippet']).toBe(sent.at(-1)?.['body_text']);
    expectCountsExact(db);
  });
});

describe('PATCH /api/conversations/{uid}: assignment and lifecycle', () => {
  it('closes and reopens, moving the lifecycle views', async () => {
    const target = conversation("c.status = 'active'");
    const active = await total('&status=active');
    const closed = await total('&status=closed');
    const close = await patch(target.uid, { status: 'closed' });
    expect(close.status).toBe(200);
    expect(close.body.data['status']).toBe('closed');
    expect([await total('&status=active'), await total('&status=closed')]).toEqual([
      active - 1,
      closed + 1,
    ]);
    const archive = await patch(target.uid, { status: 'archived' });
    expect(archive.body.data['status']).toBe('archived');
    const reopen = await patch(target.uid, { status: 'active' });
    expect(reopen.body.data['status']).toBe('active');
    expect([await total('&status=active'), await total('&status=closed')]).toEqual([
      active,
      closed,
    ]);
    expectCountsExact(db);
  });

  it('assigns and unassigns, moving the agent view', async () => {
    const target = conversation(`c.agent_uid IS NOT '${DEMO_EXANTE_AGENT_UID}'`);
    const mine = await total(`&agent_uid=${DEMO_EXANTE_AGENT_UID}`);
    const assigned = await patch(target.uid, { agent_uid: DEMO_EXANTE_AGENT_UID });
    expect(assigned.body.data['agent_uid']).toBe(DEMO_EXANTE_AGENT_UID);
    expect(await total(`&agent_uid=${DEMO_EXANTE_AGENT_UID}`)).toBe(mine + 1);
    const unassigned = await patch(target.uid, { agent_uid: null });
    expect(unassigned.body.data['agent_uid']).toBeNull();
    expect(await total(`&agent_uid=${DEMO_EXANTE_AGENT_UID}`)).toBe(mine);
    expectCountsExact(db);
  });

  it('422 naming an agent who is not a member, and refusing to make a draft', async () => {
    const target = conversation("c.status = 'active'");
    const stranger = '11111111-2222-4333-8444-555555555555';
    const cases: [Json, string, string][] = [
      [
        { agent_uid: stranger },
        'agent_uid',
        `agent_uid ${stranger} is not an agent of this organization.`,
      ],
      [{ agent_uid: 'someone' }, 'agent_uid', 'agent_uid must be a valid UUID or null.'],
      [{ status: 'draft' }, 'status', 'A sent conversation cannot become a draft again.'],
      [{ status: 'snoozed' }, 'status', 'status must be one of: active, archived, closed.'],
    ];
    for (const [payload, field, message] of cases) {
      const { status, body } = await patch(target.uid, payload);
      expect(status, JSON.stringify(payload)).toBe(422);
      expect(body.errors?.[field]).toEqual([message]);
    }
    expect((await detail(target.uid))['status']).toBe('active');
  });
});

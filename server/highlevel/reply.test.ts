import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSUMED_EMAIL_MESSAGE_KEY } from '../../src/api/contract/highlevel.ts';
import { expectCountsExact, expectFullTextIntact } from '../test-support/consistency.ts';
import { HL_HEADERS, LOCATION_ID, request } from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import type { HlConversationRow } from './rows.ts';

/**
 * POST /conversations/messages on the embedded HighLevel API (docs/decisions/0015): a reply
 * addressed by contact, filed in the contact's conversation of its channel (or one started
 * for it), in the recorded answer's shape on the real wire and the spec's on the other;
 * every parameter validated; the thread, the row, the search index and the view counts
 * moved together.
 */

type Json = Record<string, unknown>;
interface Sent {
  conversationId: string;
  messageId: string;
  emailMessageId?: string;
  status?: string;
  traceId: string;
}
interface ThreadPage {
  messages: { lastMessageId: string | null; nextPage: boolean; messages: Json[] };
}

const wires = ['real', 'spec'] as const;
const servers = {} as Record<(typeof wires)[number], TestServer>;

beforeAll(async () => {
  for (const wire of wires) {
    servers[wire] = await startTestServer({ size: 400, env: { PARLEY_WIRE: wire } });
  }
});
afterAll(async () => {
  for (const wire of wires) await servers[wire]?.close();
});

const hl = (server: TestServer, path: string) => `${server.url}/providers/highlevel${path}`;
const dbOf = (server: TestServer): Database => server.db as Database;

function send(server: TestServer, body: unknown, raw?: string) {
  return request<Sent & { message?: string[] }>(hl(server, '/conversations/messages'), {
    method: 'POST',
    headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
}

const row = (db: Database, id: string) =>
  db.prepare('SELECT * FROM hl_conversations WHERE id = ?').get(id) as HlConversationRow;

/** A contact with exactly one conversation, of one of `types`, and the conversation. */
function soleConversation(db: Database, types: string[], where = '1'): HlConversationRow {
  const found = db
    .prepare(
      `SELECT c.* FROM hl_conversations c
         WHERE c.type IN (${types.map(() => '?').join(', ')}) AND ${where}
           AND (SELECT COUNT(*) FROM hl_conversations o WHERE o.contact_id = c.contact_id) = 1
           AND NOT EXISTS (SELECT 1 FROM hl_sent_messages s WHERE s.conversation_seq = c.seq)
         ORDER BY c.seq LIMIT 1`,
    )
    .get(...types) as HlConversationRow | undefined;
  if (found === undefined) throw new Error(`no contact with one ${types.join('/')} conversation`);
  return found;
}

/** Every message of a thread, newest first, walked with `lastMessageId` pages of `limit`. */
async function wholeThread(server: TestServer, id: string, limit = 4): Promise<Json[]> {
  const all: Json[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const query: string = cursor === null ? '' : `&lastMessageId=${cursor}`;
    const { status, body } = await request<ThreadPage>(
      hl(server, `/conversations/${id}/messages?limit=${limit}${query}`),
      { headers: HL_HEADERS },
    );
    expect(status).toBe(200);
    all.push(...body.messages.messages);
    if (!body.messages.nextPage) return all;
    cursor = body.messages.lastMessageId;
  }
  throw new Error('the thread does not end');
}

async function searchTotal(server: TestServer, query: string): Promise<number> {
  const { body } = await request<{ total: number }>(
    hl(server, `/conversations/search?locationId=${LOCATION_ID}&limit=1${query}`),
    { headers: HL_HEADERS },
  );
  return body.total;
}

describe.each(wires)('POST /conversations/messages, %s wire', (wire) => {
  const server = () => servers[wire];

  it('answers an SMS in the recorded shape, filed in the contact’s phone conversation', async () => {
    const db = dbOf(server());
    const target = soleConversation(db, ['TYPE_PHONE']);
    const { status, body } = await send(server(), {
      type: 'SMS',
      subType: 'SMS',
      status: 'pending',
      contactId: target.contact_id,
      message: 'Friday at ten works for us.',
    });
    expect(status).toBe(200);
    const keys =
      wire === 'real'
        ? ['conversationId', 'messageId', 'traceId']
        : ['conversationId', 'messageId', 'status', 'traceId'];
    expect(Object.keys(body).sort()).toEqual(keys);
    expect(body.conversationId).toBe(target.id);
    expect(body.messageId).toMatch(/^[A-Za-z0-9]{20}$/);
    if (wire === 'spec') expect(body.status).toBe('delivered');
  });

  it('takes a send without the recorded subType and status too', async () => {
    const target = soleConversation(dbOf(server()), ['TYPE_PHONE']);
    const { status } = await send(server(), {
      type: 'WhatsApp',
      contactId: target.contact_id,
      message: 'Sent without subType',
    });
    expect(status).toBe(200);
  });

  it('moves the thread, the row, the search and the counts together', async () => {
    const db = dbOf(server());
    const target = soleConversation(db, ['TYPE_PHONE'], 'c.unread_count > 0');
    const before = await wholeThread(server(), target.id);
    const unreadBefore = await searchTotal(server(), '&status=unread');
    const newestBefore = (
      db.prepare('SELECT MAX(last_message_date) AS at FROM hl_conversations').get() as {
        at: number;
      }
    ).at;

    const text = 'Zanzibarquokka confirms the appointment';
    const { body } = await send(server(), {
      type: 'SMS',
      contactId: target.contact_id,
      message: text,
    });

    // The thread: the reply first (newest first), the generated messages unchanged after it,
    // and lastMessageId pages still exact.
    const after = await wholeThread(server(), target.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(1)).toEqual(before);
    expect(after[0]).toMatchObject({
      id: body.messageId,
      direction: 'outbound',
      messageType: 'TYPE_SMS',
      body: text,
      conversationId: target.id,
      contactId: target.contact_id,
    });
    expect(new Set(after.map((m) => m['id'])).size).toBe(after.length);

    // The row: the reply is its last message, it is the newest of the location, and read.
    const now = row(db, target.id);
    expect(now).toMatchObject({
      last_message_body: text,
      last_message_type: 'TYPE_SMS',
      last_message_direction: 'outbound',
      last_outbound_action: 'manual',
      unread_count: 0,
    });
    expect(now.last_message_date).toBeGreaterThan(newestBefore);
    expect(now.last_manual_message_date).toBe(now.last_message_date);

    // The API: first in the default view, read, its snippet and date as the row's.
    const { body: page } = await request<{ conversations: Json[] }>(
      hl(server(), `/conversations/search?locationId=${LOCATION_ID}&limit=1`),
      { headers: HL_HEADERS },
    );
    expect(page.conversations[0]).toMatchObject({
      id: target.id,
      lastMessageBody: text,
      lastMessageType: 'TYPE_SMS',
      lastMessageDate: now.last_message_date,
      unreadCount: 0,
    });
    const { body: one } = await request<Json>(hl(server(), `/conversations/${target.id}`), {
      headers: HL_HEADERS,
    });
    const oneDate = one['lastMessageDate'];
    expect(
      typeof oneDate === 'number'
        ? oneDate
        : (oneDate as { seconds: number; nanoseconds: number }).seconds * 1000 +
            (oneDate as { nanoseconds: number }).nanoseconds / 1e6,
    ).toBe(now.last_message_date);

    // Search finds the new words; the view counts moved with the read state.
    expect(await searchTotal(server(), '&query=zanzibarquokka')).toBe(1);
    expect(await searchTotal(server(), '&status=unread')).toBe(unreadBefore - 1);
    expectCountsExact(db);
    expectFullTextIntact(db);
  });

  it('sends an email with its subject, threaded, and serves it by its email id', async () => {
    const db = dbOf(server());
    const target = soleConversation(db, ['TYPE_EMAIL']);
    const thread = await wholeThread(server(), target.id, 100);
    const answered = thread.find((m) => m['messageType'] === 'TYPE_EMAIL');
    expect(answered).toBeDefined();
    const emailIds = (answered?.['meta'] as { email?: { messageIds: string[] } }).email;
    const { status, body } = await send(server(), {
      type: 'Email',
      contactId: target.contact_id,
      subject: 'Re: your order',
      message: 'The parcel left today.\nTracking follows.',
      replyMessageId: emailIds?.messageIds[0],
      threadId: answered?.['id'],
      emailCc: ['accounts@example.com'],
    });
    expect(status).toBe(200);
    expect(body.conversationId).toBe(target.id);
    expect(body.emailMessageId).toMatch(/^[A-Za-z0-9]{20}$/);

    const [newest] = await wholeThread(server(), target.id);
    expect(newest?.['id']).toBe(body.messageId);
    // Email bodies are left out of the real list, and named for the email endpoint.
    if (wire === 'real') expect(newest).not.toHaveProperty('body');
    else expect(newest?.['body']).toBe('The parcel left today.\nTracking follows.');
    expect(newest?.['meta']).toEqual({ email: { messageIds: [body.emailMessageId] } });

    const { status: emailStatus, body: email } = await request<Json>(
      hl(server(), `/conversations/messages/email/${body.emailMessageId}`),
      { headers: HL_HEADERS },
    );
    expect(emailStatus).toBe(200);
    expect(email[ASSUMED_EMAIL_MESSAGE_KEY]).toMatchObject({
      id: body.emailMessageId,
      conversationId: target.id,
      subject: 'Re: your order',
      direction: 'outbound',
      cc: ['accounts@example.com'],
      body: '<div dir="auto">The parcel left today.<br>Tracking follows.</div>',
    });
  });

  it('takes an email as HTML alone, and searches its text', async () => {
    const db = dbOf(server());
    const target = soleConversation(db, ['TYPE_EMAIL']);
    const { status } = await send(server(), {
      type: 'Email',
      contactId: target.contact_id,
      html: '<p>Your <b>refund</b> of 40&nbsp;EUR is on its way: quokkaflamingo</p>',
    });
    expect(status).toBe(200);
    expect(row(db, target.id).last_message_body).toBe(
      'Your refund of 40 EUR is on its way: quokkaflamingo',
    );
    expect(await searchTotal(server(), '&query=quokkaflamingo')).toBe(1);
    expectFullTextIntact(db);
  });

  it('starts a conversation when the contact has none of the channel', async () => {
    const db = dbOf(server());
    const emailOnly = soleConversation(db, ['TYPE_EMAIL'], "c.phone <> ''");
    const conversationsBefore = (
      db.prepare('SELECT COUNT(*) AS n FROM hl_conversations').get() as { n: number }
    ).n;
    const { status, body } = await send(server(), {
      type: 'SMS',
      contactId: emailOnly.contact_id,
      message: 'Texting you instead',
    });
    expect(status).toBe(200);
    expect(body.conversationId).not.toBe(emailOnly.id);
    const started = row(db, body.conversationId);
    expect(started).toMatchObject({
      type: 'TYPE_PHONE',
      contact_id: emailOnly.contact_id,
      full_name: emailOnly.full_name,
      phone: emailOnly.phone,
      // The contact's assignee is every conversation's.
      assigned_to: emailOnly.assigned_to,
      last_message_body: 'Texting you instead',
      unread_count: 0,
    });
    const thread = await wholeThread(server(), body.conversationId);
    expect(thread.map((m) => m['id'])).toEqual([body.messageId]);
    expect(
      (db.prepare('SELECT COUNT(*) AS n FROM hl_conversations').get() as { n: number }).n,
    ).toBe(conversationsBefore + 1);
    expectCountsExact(db);
    expectFullTextIntact(db);
  });

  it('refuses to start a messenger conversation, or one the contact cannot be reached on', async () => {
    const db = dbOf(server());
    const phoneOnly = soleConversation(db, ['TYPE_PHONE']);
    const fb = await send(server(), { type: 'FB', contactId: phoneOnly.contact_id, message: 'Hi' });
    expect(fb.status).toBe(422);
    expect(fb.body.message).toEqual([
      'The contact has no Facebook conversation: one starts when the contact writes first',
    ]);
    const noEmail = db
      .prepare(
        `SELECT c.contact_id FROM hl_conversations c WHERE c.email = ''
           AND NOT EXISTS (SELECT 1 FROM hl_conversations o
                             WHERE o.contact_id = c.contact_id AND o.type = 'TYPE_EMAIL')
         LIMIT 1`,
      )
      .get() as { contact_id: string } | undefined;
    if (noEmail !== undefined) {
      const email = await send(server(), {
        type: 'Email',
        contactId: noEmail.contact_id,
        message: 'Hi',
      });
      expect(email.status).toBe(422);
      expect(email.body.message).toEqual(['The contact has no email address to send an Email to']);
    }
  });

  it('404 for a contact the location does not have', async () => {
    const { status, body } = await send(server(), {
      type: 'SMS',
      contactId: 'NoSuchContact0000000',
      message: 'Hello',
    });
    expect(status).toBe(404);
    expect(body).toMatchObject({
      statusCode: 404,
      message: 'Contact with id NoSuchContact0000000 not found',
      error: 'Not Found',
    });
  });

  it('400 for a body that is not JSON', async () => {
    const { status, body } = await send(server(), null, '{"type": "SMS",');
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('422 naming each bad parameter, and the limit a message breaks', async () => {
    const db = dbOf(server());
    const phone = soleConversation(db, ['TYPE_PHONE']).contact_id;
    const email = soleConversation(db, ['TYPE_EMAIL']).contact_id;
    const cases: [Json, string][] = [
      [{ contactId: phone, message: 'x' }, 'type should not be empty'],
      [
        { type: 'Fax', contactId: phone, message: 'x' },
        'type must be one of the following values: SMS, RCS, Email, WhatsApp, IG, FB, Custom, Live_Chat, TIKTOK',
      ],
      [{ type: 'SMS', message: 'x' }, 'contactId should not be empty'],
      [{ type: 'SMS', contactId: 7, message: 'x' }, 'contactId must be a string'],
      [{ type: 'SMS', contactId: phone }, 'message should not be empty'],
      [{ type: 'SMS', contactId: phone, message: '  \n ' }, 'message should not be empty'],
      [{ type: 'SMS', contactId: phone, message: 42 }, 'message must be a string'],
      [
        { type: 'SMS', contactId: phone, message: 'a'.repeat(1531) },
        'message must fit in 10 SMS segments (1,530 GSM-7 characters, or 670 when any character is outside GSM-7); it takes 11',
      ],
      [
        { type: 'SMS', contactId: phone, message: 'ж'.repeat(671) },
        'message must fit in 10 SMS segments (1,530 GSM-7 characters, or 670 when any character is outside GSM-7); it takes 11',
      ],
      [
        { type: 'IG', contactId: phone, message: 'i'.repeat(1001) },
        'message must be at most 1,000 characters; it has 1,001',
      ],
      [
        { type: 'Email', contactId: email, message: 'e'.repeat(10_001) },
        'message must be at most 10,000 characters; it has 10,001',
      ],
      [
        { type: 'Email', contactId: email, message: 'x', subject: 's'.repeat(256) },
        'subject must be at most 255 characters; it has 256',
      ],
      [{ type: 'Email', contactId: email }, 'message (or html) should not be empty'],
      [
        { type: 'SMS', contactId: phone, message: 'x', subject: 'Hi' },
        'subject is only allowed when type is Email',
      ],
      [
        { type: 'SMS', contactId: phone, message: 'x', html: '<p>x</p>' },
        'html is only allowed when type is Email',
      ],
      [
        { type: 'Email', contactId: email, message: 'x', toNumber: '+15550100' },
        'toNumber is only allowed when type is one of: SMS, RCS, WhatsApp, Custom',
      ],
      [
        { type: 'SMS', contactId: phone, message: 'x', toNumber: 'call me' },
        'toNumber must be a valid phone number',
      ],
      [
        { type: 'Email', contactId: email, message: 'x', emailCc: ['not an address'] },
        'each value in emailCc must be an email',
      ],
      [
        { type: 'Email', contactId: email, message: 'x', emailReplyMode: 'all' },
        'emailReplyMode must be one of the following values: reply, reply_all',
      ],
      [
        { type: 'SMS', contactId: phone, message: 'x', attachments: ['ftp://files/a.pdf'] },
        'each value in attachments must be a URL address',
      ],
      [
        { type: 'SMS', contactId: phone, message: 'x', status: 'sent' },
        'status must be one of the following values: delivered, failed, pending, read',
      ],
      [
        { type: 'SMS', contactId: phone, message: 'x', scheduledTimestamp: 1 },
        'property scheduledTimestamp should not exist',
      ],
      [
        { type: 'Email', contactId: email, message: 'x', emailTo: 'someone.else@example.com' },
        'emailTo must be an email address of the contact',
      ],
      [
        { type: 'Email', contactId: email, message: 'x', threadId: 'NotAMessage000000000' },
        "threadId NotAMessage000000000 is not a message of the contact's Email conversation",
      ],
    ];
    for (const [payload, message] of cases) {
      const { status, body } = await send(server(), payload);
      const label = JSON.stringify(payload).slice(0, 80);
      expect(status, label).toBe(422);
      expect(body, label).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(body.message, label).toContain(message);
    }
    const messages = await send(server(), { message: 5, contactId: '' });
    // Every problem at once.
    expect(messages.body.message).toEqual(
      expect.arrayContaining([
        'type should not be empty',
        'contactId should not be empty',
        'message must be a string',
      ]),
    );
  });

  it('accepts a message at its limit exactly', async () => {
    const db = dbOf(server());
    const phone = soleConversation(db, ['TYPE_PHONE']).contact_id;
    for (const message of ['a'.repeat(1530), 'ж'.repeat(670), '€'.repeat(760)]) {
      const { status } = await send(server(), { type: 'SMS', contactId: phone, message });
      expect(status, `${message.length} × ${message[0]}`).toBe(200);
    }
  });
});

describe('concurrent replies', () => {
  it('all land, each newest in turn, with counts and the index exact', async () => {
    const server = servers.real;
    const db = dbOf(server);
    const targets = db
      .prepare(
        `SELECT * FROM hl_conversations WHERE type IN ('TYPE_PHONE', 'TYPE_GROUP_SMS')
           ORDER BY seq DESC LIMIT 12`,
      )
      .all() as HlConversationRow[];
    // Several to the same contact too.
    const sends = [...targets, ...targets.slice(0, 4)].map((target, i) =>
      send(server, {
        type: 'SMS',
        contactId: target.contact_id,
        message: `Concurrent reply number ${i} walrusparade`,
      }),
    );
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const ids = answers.map((a) => a.body.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = db
      .prepare(
        `SELECT id, date_added FROM hl_sent_messages WHERE id IN (${ids.map(() => '?').join(', ')})`,
      )
      .all(...ids) as { id: string; date_added: number }[];
    expect(stored).toHaveLength(ids.length);
    // Each send is the newest when it lands: no two share a date.
    expect(new Set(stored.map((s) => s.date_added)).size).toBe(ids.length);
    for (const answer of answers) {
      const thread = await wholeThread(server, answer.body.conversationId, 100);
      expect(thread.map((m) => m['id'])).toContain(answer.body.messageId);
    }
    // Each conversation shows the last reply it received.
    for (const conversationId of new Set(answers.map((a) => a.body.conversationId))) {
      const last = db
        .prepare(
          `SELECT s.body FROM hl_sent_messages s JOIN hl_conversations c ON c.seq = s.conversation_seq
             WHERE c.id = ? ORDER BY s.seq DESC LIMIT 1`,
        )
        .get(conversationId) as { body: string };
      expect(row(db, conversationId).last_message_body).toBe(last.body);
    }
    expect(await searchTotal(server, '&query=walrusparade')).toBe(
      new Set(answers.map((a) => a.body.conversationId)).size,
    );
    expectCountsExact(db);
    expectFullTextIntact(db);
  });
});

import { randomInt } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { prepareCached } from '../db/statement-cache.ts';
import {
  ASSUMED_REPLY_LIMITS,
  ASSUMED_SEND_CONVERSATION_TYPES,
  ASSUMED_SEND_MAX_ATTACHMENTS,
  ASSUMED_SEND_MAX_COPIES,
  ASSUMED_SEND_MESSAGE_TYPE,
  EMAIL_REPLY_MODES,
  isSendType,
  SEND_MESSAGE_FIELDS,
  SEND_STATUSES,
  SEND_TYPE_FORMATS,
  SEND_TYPE_LABELS,
  SEND_TYPES,
  type SendType,
} from '../../src/api/contract/highlevel.ts';
import { describeReplyProblem, replyProblems } from '../../src/api/contract/message-limits.ts';
import type { ConversationType } from './message-types.ts';
import { emailIdOf, type HlConversationRow } from './rows.ts';
import type { Parsed } from './search.ts';
import { hlThread, type HlMessage } from './thread.ts';

/**
 * Replies sent through POST /conversations/messages (docs/decisions/0015-answer-and-route.md).
 * A seeded thread is generated from its conversation's columns (thread.ts); a sent message
 * is stored in hl_sent_messages and follows the generated ones. The generated part is made
 * from the last message date the conversation had before its first reply
 * (hl_thread_origins), so a reply never reshapes what came before it.
 */

interface HlSentRow {
  seq: number;
  id: string;
  conversation_seq: number;
  send_type: SendType;
  message_type: HlMessage['messageType'];
  body: string;
  html: string | null;
  subject: string | null;
  email_from: string | null;
  email_to: string | null;
  email_cc: string;
  email_bcc: string;
  reply_message_id: string | null;
  thread_id: string | null;
  attachments: string;
  status: string;
  date_added: number;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A HighLevel-style id: 20 letters and digits. */
export function randomId20(): string {
  let out = '';
  for (let i = 0; i < 20; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

function toHlMessage(row: HlSentRow): HlMessage {
  return {
    id: row.id,
    messageType: row.message_type,
    direction: 'outbound',
    automated: false,
    status: row.status,
    body: row.body,
    dateAdded: row.date_added,
    // The API knows the token, not which of the location's users holds it.
    userId: null,
    source: 'api',
    attachments: JSON.parse(row.attachments) as string[],
    meta: {},
    ...(row.send_type === 'Email'
      ? {
          email: {
            subject: row.subject,
            html: row.html,
            from: row.email_from,
            to: row.email_to,
            cc: JSON.parse(row.email_cc) as string[],
            bcc: JSON.parse(row.email_bcc) as string[],
          },
        }
      : {}),
  };
}

/** A conversation's whole thread, oldest first: the generated messages, then the sent ones. */
export function fullThread(db: Database, row: HlConversationRow): HlMessage[] {
  const origin = prepareCached(
    db,
    'SELECT last_message_date AS at FROM hl_thread_origins WHERE conversation_seq = ?',
  ).get(row.seq) as { at: number } | undefined;
  // A conversation started by a send has no generated part.
  const generated =
    row.msg_count === 0
      ? []
      : hlThread({
          msgSeed: row.msg_seed,
          count: row.msg_count,
          conversationType: row.type,
          dateAdded: row.date_added,
          lastMessageDate: origin?.at ?? row.last_message_date,
          agentId: row.thread_user_id,
          hostileBody: row.hostile_body,
        });
  const sent = prepareCached(
    db,
    'SELECT * FROM hl_sent_messages WHERE conversation_seq = ? ORDER BY seq',
  ).all(row.seq) as HlSentRow[];
  return [...generated, ...sent.map(toHlMessage)];
}

// ---------------------------------------------------------------------------
// The body.

export interface SendRequest {
  type: SendType;
  contactId: string;
  message: string | null;
  html: string | null;
  subject: string | null;
  attachments: string[];
  emailFrom: string | null;
  emailTo: string | null;
  emailCc: string[];
  emailBcc: string[];
  replyMessageId: string | null;
  threadId: string | null;
}

const EMAIL_ONLY = [
  'html',
  'subject',
  'emailFrom',
  'emailTo',
  'emailCc',
  'emailBcc',
  'emailReplyMode',
  'replyMessageId',
  'threadId',
] as const;
const PHONE_FIELDS = ['fromNumber', 'toNumber'] as const;
const PHONE_TYPES: ReadonlySet<SendType> = new Set(['SMS', 'RCS', 'WhatsApp', 'Custom']);

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{2,19}$/;
const URL_ADDRESS = /^https?:\/\/[^\s]+$/;

/**
 * class-validator-style checks (the messages read like the real API's 422s), then the
 * rules of the send's type: email fields only on an email, a text within its channel's
 * limit (src/api/contract/message-limits.ts).
 */
export function parseSendBody(body: unknown): Parsed<SendRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['body must be a JSON object'] };
  }
  const record = body as Record<string, unknown>;
  const errors: string[] = [];
  const known: readonly string[] = SEND_MESSAGE_FIELDS;
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) errors.push(`property ${key} should not exist`);
  }
  const present = (key: string) => record[key] !== undefined && record[key] !== null;
  const string = (key: string): string | null => {
    if (!present(key)) return null;
    const value = record[key];
    if (typeof value !== 'string') {
      errors.push(`${key} must be a string`);
      return null;
    }
    return value;
  };
  const list = (key: string, max: number, test: RegExp, what: string): string[] => {
    if (!present(key)) return [];
    const value = record[key];
    if (!Array.isArray(value)) {
      errors.push(`${key} must be an array`);
      return [];
    }
    if (value.length > max) errors.push(`${key} must contain no more than ${max} elements`);
    if (value.some((item) => typeof item !== 'string' || !test.test(item))) {
      errors.push(`each value in ${key} must be ${what}`);
      return [];
    }
    return value as string[];
  };

  const rawType = record['type'];
  let type: SendType | null = null;
  if (!present('type')) errors.push('type should not be empty');
  else if (!isSendType(rawType)) {
    errors.push(`type must be one of the following values: ${SEND_TYPES.join(', ')}`);
  } else type = rawType;
  const contactId = string('contactId');
  if (contactId === null || contactId.trim() === '') {
    if (!errors.includes('contactId must be a string'))
      errors.push('contactId should not be empty');
  }
  // The recorded call sends subType as a string; the spec types it as an object.
  if (present('subType') && typeof record['subType'] !== 'string') {
    if (typeof record['subType'] !== 'object' || Array.isArray(record['subType'])) {
      errors.push('subType must be a string');
    }
  }
  const status = string('status');
  if (status !== null && !(SEND_STATUSES as readonly string[]).includes(status)) {
    errors.push(`status must be one of the following values: ${SEND_STATUSES.join(', ')}`);
  }
  const mode = string('emailReplyMode');
  if (mode !== null && !(EMAIL_REPLY_MODES as readonly string[]).includes(mode)) {
    errors.push(
      `emailReplyMode must be one of the following values: ${EMAIL_REPLY_MODES.join(', ')}`,
    );
  }
  string('conversationProviderId');
  for (const key of PHONE_FIELDS) {
    const value = string(key);
    if (value !== null && !PHONE.test(value)) errors.push(`${key} must be a valid phone number`);
  }
  const message = string('message');
  const html = string('html');
  const subject = string('subject');
  const emailFrom = string('emailFrom');
  if (emailFrom !== null && !EMAIL.test(emailFrom)) errors.push('emailFrom must be an email');
  const emailTo = string('emailTo');
  const emailCc = list('emailCc', ASSUMED_SEND_MAX_COPIES, EMAIL, 'an email');
  const emailBcc = list('emailBcc', ASSUMED_SEND_MAX_COPIES, EMAIL, 'an email');
  const attachments = list(
    'attachments',
    ASSUMED_SEND_MAX_ATTACHMENTS,
    URL_ADDRESS,
    'a URL address',
  );
  const replyMessageId = string('replyMessageId');
  const threadId = string('threadId');

  if (type !== null) {
    if (type !== 'Email') {
      for (const key of EMAIL_ONLY) {
        if (present(key)) errors.push(`${key} is only allowed when type is Email`);
      }
    }
    if (!PHONE_TYPES.has(type)) {
      for (const key of PHONE_FIELDS) {
        if (present(key)) {
          errors.push(`${key} is only allowed when type is one of: ${[...PHONE_TYPES].join(', ')}`);
        }
      }
    }
    // An email may carry its text as HTML only; every other type needs `message`.
    const text = message ?? (type === 'Email' && html !== null ? textOfHtml(html) : '');
    const problems = replyProblems(
      SEND_TYPE_FORMATS[type],
      ASSUMED_REPLY_LIMITS[type],
      text,
      type === 'Email' ? subject : null,
    );
    for (const problem of problems) {
      errors.push(
        describeReplyProblem(
          problem,
          type === 'Email' && message === null ? 'message (or html)' : 'message',
        ),
      );
    }
  }
  if (errors.length > 0 || type === null || contactId === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      type,
      contactId: contactId.trim(),
      message,
      html,
      subject,
      attachments,
      emailFrom,
      emailTo,
      emailCc,
      emailBcc,
      replyMessageId,
      threadId,
    },
  };
}

/** An HTML body's text, for the conversation's snippet and search (never rendered). */
function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Sending.

export type SendOutcome =
  | { ok: true; conversation: HlConversationRow; messageId: string; emailMessageId: string | null }
  | { ok: false; status: 404 | 422; errors: string[] };

const FTS_COLUMNS = 'full_name, contact_name, email, phone, last_message_body';

/** Moves a conversation's terms in the external-content full-text index from `old` to `now`. */
function reindex(db: Database, old: HlConversationRow | null, now: HlConversationRow): void {
  if (old !== null) {
    prepareCached(
      db,
      `INSERT INTO hl_fts (hl_fts, rowid, ${FTS_COLUMNS}) VALUES ('delete', ?, ?, ?, ?, ?, ?)`,
    ).run(old.seq, old.full_name, old.contact_name, old.email, old.phone, old.last_message_body);
  }
  prepareCached(db, `INSERT INTO hl_fts (rowid, ${FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(
    now.seq,
    now.full_name,
    now.contact_name,
    now.email,
    now.phone,
    now.last_message_body,
  );
}

/**
 * Files a message in the contact's conversation of its type (the most recently active one
 * when there are several), or starts one (src/api/contract/highlevel.ts,
 * ASSUMED_SEND_STARTS_CONVERSATION). The conversation then shows the message as its last,
 * is the newest of the location (its date is after every other's), and is read. One
 * immediate transaction: the row, the full-text index and (through triggers) the view
 * counts change together, and concurrent sends are serialized.
 */
export function sendMessage(
  db: Database,
  locationId: string,
  send: SendRequest,
  now = Date.now(),
): SendOutcome {
  return db
    .transaction((): SendOutcome => {
      const rows = prepareCached(
        db,
        `SELECT * FROM hl_conversations WHERE contact_id = ? AND location_id = ?
         ORDER BY last_message_date DESC, seq DESC`,
      ).all(send.contactId, locationId) as HlConversationRow[];
      const latest = rows[0];
      if (latest === undefined) {
        return { ok: false, status: 404, errors: [`Contact with id ${send.contactId} not found`] };
      }
      const kinds: readonly ConversationType[] = ASSUMED_SEND_CONVERSATION_TYPES[send.type].filter(
        (t): t is ConversationType => t !== 'TYPE_INTERNAL_CHAT',
      );
      const existing = rows.find((row) => kinds.includes(row.type)) ?? null;
      const label = SEND_TYPE_LABELS[send.type];
      if (existing === null) {
        const refusal = cannotStart(send.type, latest, label);
        if (refusal !== null) return { ok: false, status: 422, errors: [refusal] };
      }
      const contactEmail = (existing ?? latest).email;
      if (send.emailTo !== null && send.emailTo.toLowerCase() !== contactEmail.toLowerCase()) {
        return {
          ok: false,
          status: 422,
          errors: ['emailTo must be an email address of the contact'],
        };
      }
      if (existing !== null && (send.replyMessageId !== null || send.threadId !== null)) {
        const thread = fullThread(db, existing);
        const isMessage = (id: string) => thread.some((m) => m.id === id);
        const isEmail = (id: string) => thread.some((m) => emailIdOf(existing, m) === id);
        const errors: string[] = [];
        if (send.threadId !== null && !isMessage(send.threadId)) {
          errors.push(
            `threadId ${send.threadId} is not a message of the contact's ${label} conversation`,
          );
        }
        if (
          send.replyMessageId !== null &&
          !isMessage(send.replyMessageId) &&
          !isEmail(send.replyMessageId)
        ) {
          errors.push(
            `replyMessageId ${send.replyMessageId} is not a message of the contact's ${label} conversation`,
          );
        }
        if (errors.length > 0) return { ok: false, status: 422, errors };
      } else if (existing === null && (send.replyMessageId !== null || send.threadId !== null)) {
        return {
          ok: false,
          status: 422,
          errors: [`The contact has no ${label} conversation to reply in`],
        };
      }

      // After every other conversation of the location, so the reply makes this one the newest.
      const newest = prepareCached(
        db,
        'SELECT MAX(last_message_date) AS at FROM hl_conversations WHERE location_id = ?',
      ).get(locationId) as { at: number | null };
      const at = Math.max(now, (newest.at ?? 0) + 1);
      const messageType = ASSUMED_SEND_MESSAGE_TYPE[send.type];
      const text = send.message ?? textOfHtml(send.html ?? '');

      let conversation: HlConversationRow;
      if (existing !== null) {
        prepareCached(
          db,
          'INSERT OR IGNORE INTO hl_thread_origins (conversation_seq, last_message_date) VALUES (?, ?)',
        ).run(existing.seq, existing.last_message_date);
        conversation = prepareCached(
          db,
          `UPDATE hl_conversations SET
           last_message_body = ?, last_message_type = ?, last_message_direction = 'outbound',
           last_outbound_action = 'manual', last_message_date = ?, last_manual_message_date = ?,
           date_updated = MAX(date_updated, ?), unread_count = 0
         WHERE seq = ? RETURNING *`,
        ).get(text, messageType, at, at, at, existing.seq) as HlConversationRow;
        reindex(db, existing, conversation);
      } else {
        conversation = startConversation(db, latest, kinds[0] ?? 'TYPE_PHONE', {
          at,
          text,
          messageType,
        });
        reindex(db, null, conversation);
      }

      const messageId = insertSent(db, conversation.seq, send, messageType, text, at);
      const emailMessageId =
        send.type === 'Email' ? emailIdOf(conversation, { id: messageId }) : null;
      return { ok: true, conversation, messageId, emailMessageId };
    })
    .immediate();
}

/** Why a conversation of this type cannot be started for the contact; null when it can. */
function cannotStart(type: SendType, contact: HlConversationRow, label: string): string | null {
  const kinds = ASSUMED_SEND_CONVERSATION_TYPES[type];
  if (kinds.includes('TYPE_EMAIL')) {
    return contact.email === '' ? 'The contact has no email address to send an Email to' : null;
  }
  if (kinds.includes('TYPE_PHONE')) {
    return contact.phone === '' ? `The contact has no phone number to send ${label} to` : null;
  }
  return `The contact has no ${label} conversation: one starts when the contact writes first`;
}

function startConversation(
  db: Database,
  contact: HlConversationRow,
  type: ConversationType,
  last: { at: number; text: string; messageType: string },
): HlConversationRow {
  const taken = prepareCached(db, 'SELECT 1 FROM hl_conversations WHERE id = ?');
  let id = randomId20();
  while (taken.get(id) !== undefined) id = randomId20();
  return prepareCached(
    db,
    `INSERT INTO hl_conversations (
       id, location_id, contact_id, full_name, contact_name, email, phone, company_name, tags,
       type, last_message_body, last_message_type, last_message_direction, last_outbound_action,
       last_message_date, last_manual_message_date, date_added, date_updated, unread_count,
       starred, assigned_to, inbox, deleted, followers, mentions, due_at, overdue_at, feedback,
       msg_seed, msg_count, thread_user_id, hostile_body
     ) VALUES (
       ?, ?, ?, ?, ?, ?, ?, ?, ?,
       ?, ?, ?, 'outbound', 'manual',
       ?, ?, ?, ?, 0,
       0, ?, 1, 0, '[]', '[]', NULL, NULL, NULL,
       0, 0, NULL, NULL
     ) RETURNING *`,
  ).get(
    id,
    contact.location_id,
    contact.contact_id,
    contact.full_name,
    contact.contact_name,
    contact.email,
    contact.phone,
    contact.company_name,
    contact.tags,
    type,
    last.text,
    last.messageType,
    last.at,
    last.at,
    last.at,
    last.at,
    // The contact's assignee is every one of its conversations' (PUT /contacts/{id}).
    contact.assigned_to,
  ) as HlConversationRow;
}

function insertSent(
  db: Database,
  conversationSeq: number,
  send: SendRequest,
  messageType: string,
  text: string,
  at: number,
): string {
  const taken = prepareCached(db, 'SELECT 1 FROM hl_sent_messages WHERE id = ?');
  let id = randomId20();
  while (taken.get(id) !== undefined) id = randomId20();
  prepareCached(
    db,
    `INSERT INTO hl_sent_messages (
       id, conversation_seq, send_type, message_type, body, html, subject, email_from, email_to,
       email_cc, email_bcc, reply_message_id, thread_id, attachments, status, date_added
     ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'delivered', ?)`,
  ).run(
    id,
    conversationSeq,
    send.type,
    messageType,
    text,
    send.html,
    send.subject,
    send.emailFrom,
    send.emailTo,
    JSON.stringify(send.emailCc),
    JSON.stringify(send.emailBcc),
    send.replyMessageId,
    send.threadId,
    JSON.stringify(send.attachments),
    at,
  );
  return id;
}

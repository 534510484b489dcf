import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { prepareCached } from '../db/statement-cache.ts';
import {
  ASSUMED_REPLY_FIELDS,
  ASSUMED_REPLY_LIMITS,
  ASSUMED_REPLY_TO_DRAFT,
} from '../../src/api/contract/exante.ts';
import { describeReplyProblem, replyProblems } from '../../src/api/contract/message-limits.ts';
import { EXANTE_MAILBOX } from '../seed/exante-seed.ts';
import type { FieldErrors } from './list-query.ts';
import type { ExConversationRow } from './rows.ts';
import { escapeHtml, exThread, type ExMessage, type ExPerson } from './thread.ts';

/**
 * Replies sent through the assumed POST /api/conversations/{uid}/messages
 * (src/api/contract/exante.ts; docs/decisions/0015-answer-and-route.md). A seeded thread is
 * generated from its conversation's columns (thread.ts); a reply is stored in
 * ex_sent_messages and follows the generated messages, which are made from the count and
 * date the conversation had before its first reply (ex_thread_origins).
 */

interface ExSentRow {
  seq: number;
  uid: string;
  conversation_seq: number;
  sender_uid: string;
  provider_message_id: string;
  from_email: string | null;
  from_name: string;
  to_addresses: string;
  subject: string;
  body_text: string;
  body_html: string;
  content_type: string;
  labels: string;
  sent_at: number;
}

const SNIPPET_LENGTH = 120;

function toExMessage(row: ExSentRow): ExMessage {
  return {
    uid: row.uid,
    senderUid: row.sender_uid,
    senderType: 'user',
    direction: 'outbound',
    providerMessageId: row.provider_message_id,
    from: { email: row.from_email, name: row.from_name },
    to: JSON.parse(row.to_addresses) as string[],
    cc: [],
    subject: row.subject,
    snippet: row.body_text.slice(0, SNIPPET_LENGTH),
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    sentAt: row.sent_at,
    hasAttachments: false,
    attachmentCount: 0,
    labels: JSON.parse(row.labels) as string[],
    contentType: row.content_type,
  };
}

/** A conversation's whole thread, oldest first: the generated messages, then the replies. */
export function fullExThread(
  db: Database,
  row: ExConversationRow,
  party: ExPerson,
  owner: ExPerson,
): ExMessage[] {
  const origin = prepareCached(
    db,
    'SELECT message_count, sent_at FROM ex_thread_origins WHERE conversation_seq = ?',
  ).get(row.seq) as { message_count: number; sent_at: number } | undefined;
  const generated = exThread({
    msgSeed: row.msg_seed,
    count: origin?.message_count ?? row.message_count,
    channel: row.channel,
    firstDirection: row.direction,
    createdOn: row.created_on,
    sentAt: origin?.sent_at ?? row.sent_at,
    subject: row.subject,
    party,
    agent: owner,
    mailbox: EXANTE_MAILBOX,
    hostileSnippet: row.hostile_snippet,
  });
  const sent = prepareCached(
    db,
    'SELECT * FROM ex_sent_messages WHERE conversation_seq = ? ORDER BY seq',
  ).all(row.seq) as ExSentRow[];
  return [...generated, ...sent.map(toExMessage)];
}

export interface ReplyRequest {
  bodyText: string;
  subject: string | null;
}

/** The body's shape; the channel's limits are checked against the conversation (replyTo). */
export function parseReplyBody(
  body: unknown,
): { ok: true; value: ReplyRequest } | { ok: false; errors: FieldErrors } {
  const errors = Object.create(null) as FieldErrors;
  const fail = (field: string, message: string) => {
    (errors[field] ??= []).push(message);
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: { body: ['The body must be a JSON object.'] } };
  }
  const record = body as Record<string, unknown>;
  const allowed: readonly string[] = ASSUMED_REPLY_FIELDS;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(key, `Unknown field: ${key}.`);
  }
  const text = record['body_text'];
  if (text === undefined || text === null) fail('body_text', 'body_text is required.');
  else if (typeof text !== 'string') fail('body_text', 'body_text must be a string.');
  const subject = record['subject'];
  if (subject !== undefined && subject !== null && typeof subject !== 'string') {
    fail('subject', 'subject must be a string.');
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      bodyText: text as string,
      subject: typeof subject === 'string' && subject.trim() !== '' ? subject.trim() : null,
    },
  };
}

export type ReplyOutcome =
  | { ok: true; conversation: ExConversationRow; message: ExMessage }
  | { ok: false; status: 404 | 422; message: string; errors?: FieldErrors };

/**
 * Adds the reply to the conversation's thread and moves the conversation with it: newest
 * of the organization, one more message, read, the reply's text as its snippet, its
 * lifecycle kept (src/api/contract/exante.ts, ASSUMED_REPLY_REOPENS). One immediate
 * transaction, so the row and (through triggers) the view counts change together. The
 * full-text index holds subjects only, which a reply does not change.
 */
export function replyTo(
  db: Database,
  organizationUid: string,
  uid: string,
  reply: ReplyRequest,
  sender: ExPerson,
  now = Date.now(),
): ReplyOutcome {
  return db
    .transaction((): ReplyOutcome => {
      const row = prepareCached(
        db,
        'SELECT * FROM ex_conversations WHERE uid = ? AND organization_uid = ?',
      ).get(uid.toLowerCase(), organizationUid) as ExConversationRow | undefined;
      if (row === undefined) return { ok: false, status: 404, message: 'Conversation not found.' };
      const errors = Object.create(null) as FieldErrors;
      const fail = (field: string, message: string) => {
        (errors[field] ??= []).push(message);
      };
      if (row.status === 'draft' && !ASSUMED_REPLY_TO_DRAFT) {
        fail('status', 'A draft conversation has not been sent, so it cannot be replied to.');
      }
      if (row.channel !== 'email' && reply.subject !== null) {
        fail('subject', 'subject is only for email conversations.');
      }
      const problems = replyProblems(
        row.channel,
        ASSUMED_REPLY_LIMITS[row.channel],
        reply.bodyText,
        reply.subject,
      );
      for (const problem of problems) {
        const field = problem.kind === 'subject' ? 'subject' : 'body_text';
        fail(field, `${describeReplyProblem(problem, 'body_text')}.`);
      }
      if (Object.keys(errors).length > 0) {
        return { ok: false, status: 422, message: 'Validation failed.', errors };
      }
      const party = prepareCached(
        db,
        'SELECT uid, name, email, phone FROM ex_parties WHERE uid = ?',
      ).get(row.party_uid) as ExPerson | undefined;
      if (party === undefined)
        throw new Error(`conversation ${row.uid} references a missing party`);

      // Exante's times are whole seconds; after every other conversation of the organization.
      const newest = prepareCached(
        db,
        'SELECT MAX(updated_on) AS at FROM ex_conversations WHERE organization_uid = ?',
      ).get(organizationUid) as { at: number | null };
      const at = Math.max(
        Math.floor(now / 1000) * 1000,
        (newest.at ?? 0) + 1000,
        row.sent_at + 1000,
      );
      const email = row.channel === 'email';
      const message: ExMessage = {
        uid: randomUUID(),
        senderUid: sender.uid,
        senderType: 'user',
        direction: 'outbound',
        providerMessageId: email
          ? `18${randomBytes(7).toString('hex')}`
          : `SM${randomBytes(16).toString('hex')}`,
        from: { email: email ? EXANTE_MAILBOX : null, name: sender.name },
        to: [email ? party.email : party.phone],
        cc: [],
        subject: reply.subject ?? `Re: ${row.subject}`,
        snippet: reply.bodyText.slice(0, SNIPPET_LENGTH),
        bodyText: reply.bodyText,
        bodyHtml: `<div dir="auto"><p>${escapeHtml(reply.bodyText).replace(/\n/g, '<br>')}</p></div>`,
        sentAt: at,
        hasAttachments: false,
        attachmentCount: 0,
        labels: email ? ['SENT'] : [],
        contentType: email ? 'text/html' : 'text/plain',
      };
      prepareCached(
        db,
        'INSERT OR IGNORE INTO ex_thread_origins (conversation_seq, message_count, sent_at) VALUES (?, ?, ?)',
      ).run(row.seq, row.message_count, row.sent_at);
      prepareCached(
        db,
        `INSERT INTO ex_sent_messages (
         uid, conversation_seq, sender_uid, provider_message_id, from_email, from_name,
         to_addresses, subject, body_text, body_html, content_type, labels, sent_at
       ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        message.uid,
        row.seq,
        message.senderUid,
        message.providerMessageId,
        message.from.email,
        message.from.name,
        JSON.stringify(message.to),
        message.subject,
        message.bodyText,
        message.bodyHtml,
        message.contentType,
        JSON.stringify(message.labels),
        at,
      );
      const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
      metadata['snippet'] = message.snippet;
      metadata['provider_message_id'] = message.providerMessageId;
      metadata['labels'] = message.labels;
      const conversation = prepareCached(
        db,
        `UPDATE ex_conversations SET
         message_count = message_count + 1,
         has_reply = CASE WHEN direction = 'outbound' THEN has_reply ELSE 1 END,
         is_read = 1, sent_at = ?, updated_on = ?, metadata = ?
       WHERE seq = ? RETURNING *`,
      ).get(at, at, JSON.stringify(metadata), row.seq) as ExConversationRow;
      return { ok: true, conversation, message };
    })
    .immediate();
}

/**
 * What an agent does with an Exante conversation: read its thread, reply, mark read,
 * assign, close. Loaded with the first such act (src/api/providers/exante.ts imports it on
 * demand): the list does not need it.
 */
import {
  ASSUMED_REPLY_METHOD,
  ASSUMED_UPDATE_METHOD,
  conversationPath,
  replyPath,
} from '../contract/exante.ts';
import { describeReplyProblem, replyProblems } from '../contract/message-limits.ts';
import { ApiError, request, unsupported, type RequestBase } from '../client.ts';
import type {
  ConversationUpdate,
  Lifecycle,
  Message,
  ReplyDraft,
  ReplyTarget,
  SentReply,
} from '../model.ts';
import { channelOf, customerOf, dataEnvelope, isExanteChannel, isLifecycle } from './exante.ts';
import { count, flag, instant, isRecord, sentMessage, text, texts } from './tolerant.ts';

/**
 * The assumed POST /api/conversations/{uid}/messages. A 2xx answer means Exante took the
 * message: an unreadable one still resolves (with a local id), so nobody sends it again.
 */
export async function sendReply(
  base: RequestBase,
  meId: string | null,
  target: ReplyTarget,
  draft: ReplyDraft,
): Promise<SentReply> {
  const channel = target.replyVia;
  if (channel === null || !isExanteChannel(channel.type)) {
    throw unsupported('Exante takes replies on email and SMS conversations only.');
  }
  const subject = draft.subject?.trim() ? draft.subject.trim() : null;
  const problems = replyProblems(channel.format, channel.limit, draft.text, subject);
  if (problems.length > 0) {
    throw new ApiError(
      'unsupported',
      problems.map((p) => `${describeReplyProblem(p, 'The reply')}.`),
    );
  }
  const body: { body_text: string; subject?: string } = { body_text: draft.text };
  if (channel.format === 'email' && subject !== null) body.subject = subject;
  let message: Message | null = null;
  try {
    const answer = await request({
      ...base,
      path: replyPath(target.id),
      method: ASSUMED_REPLY_METHOD,
      body,
      parse: (value) => (isRecord(value) && value['status'] === 'success' ? value['data'] : null),
    });
    message = readMessage(answer);
  } catch (error) {
    // Only a 2xx answer can be 'malformed' (request() reads others as 'http'): taken.
    if (!(error instanceof ApiError && error.kind === 'malformed')) throw error;
  }
  return {
    conversationId: target.id,
    message: message ?? sentMessage(meId, draft.text),
    update: { id: target.id },
  };
}

export function readMessage(wire: unknown): Message | null {
  if (!isRecord(wire)) return null;
  const id = text(wire['uid']);
  const sentAt = instant(wire['sent_at']) ?? instant(wire['created_on']);
  if (id === null || sentAt === null) return null;
  const from = isRecord(wire['from']) ? wire['from'] : {};
  const direction = text(wire['message_direction']) ?? text(wire['direction']);
  const html = text(wire['content_type']) === 'text/html';
  return {
    id,
    direction: direction === 'outbound' ? 'outbound' : 'inbound',
    author: text(from['name']) ?? text(from['email']),
    authorId: null,
    // Plain text only: the HTML body is never rendered.
    body:
      (typeof wire['body_text'] === 'string' ? wire['body_text'] : null) ??
      (html ? null : text(wire['content'])) ??
      text(wire['snippet']) ??
      '',
    bodyRef: null,
    sentAt,
  };
}

/** A conversation's messages, as its detail holds them, oldest first. */
export function threadOf(detail: unknown): Message[] {
  const list = isRecord(detail) && Array.isArray(detail['messages']) ? detail['messages'] : [];
  return list
    .map(readMessage)
    .filter((m) => m !== null)
    .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
}

/**
 * A write's answer, field by field: only what it carries (decision 0012). Where the full
 * reader would fill a default (no `is_read` reads as read, no metadata as "Unknown
 * contact"), a missing field here changes nothing.
 */
export function readExanteUpdate(id: string, wire: unknown): ConversationUpdate {
  const update: ConversationUpdate = { id };
  if (!isRecord(wire)) return update;
  // What Exante never has, whatever the answer says.
  update.unreadCount = null;
  update.starred = null;
  const has = (key: string) => key in wire && wire[key] !== null && wire[key] !== undefined;
  const read = flag(wire['is_read']);
  if (read !== null) update.isUnread = !read;
  if ('agent_uid' in wire) update.assigneeId = text(wire['agent_uid']);
  if (isLifecycle(wire['status'])) update.lifecycle = wire['status'];
  if (has('subject')) update.subject = text(wire['subject']);
  if (Array.isArray(wire['categories'])) update.labels = texts(wire['categories']);
  if (has('channel')) Object.assign(update, channelOf(wire['channel']));
  if (has('party_uid')) update.contactId = text(wire['party_uid']);
  const messages = count(wire['message_count']);
  if (messages !== null) update.messageCount = messages;
  const updatedOn = instant(wire['updated_on']);
  const createdOn = instant(wire['created_on']);
  if (updatedOn !== null) update.updatedAt = updatedOn;
  if (createdOn !== null) update.createdAt = createdOn;
  const lastActivity = updatedOn ?? instant(wire['sent_at']) ?? createdOn;
  if (lastActivity !== null) update.lastActivityAt = lastActivity;
  if (isRecord(wire['metadata'])) {
    const meta = wire['metadata'];
    if (has('direction')) Object.assign(update, customerOf(wire['direction'], meta));
    const snippet = text(meta['snippet']);
    if (snippet !== null) update.snippet = snippet;
    const attachments = count(meta['attachment_count']);
    if (attachments !== null) update.attachmentCount = attachments;
    const hasAttachments = flag(meta['has_attachments']);
    if (hasAttachments !== null || attachments !== null) {
      update.hasAttachments = (hasAttachments ?? false) || (attachments ?? 0) > 0;
    }
    if (Array.isArray(meta['to_emails']) || Array.isArray(meta['cc_emails'])) {
      update.participants = [
        ...new Set([...texts(meta['to_emails']), ...texts(meta['cc_emails'])]),
      ];
    }
  }
  return update;
}

/** The assumed PATCH of a conversation's read state, agent or status. */
export async function write(
  base: RequestBase,
  id: string,
  body: { is_read?: boolean; agent_uid?: string | null; status?: Lifecycle },
): Promise<ConversationUpdate> {
  const answer = await request({
    ...base,
    path: conversationPath(id),
    method: ASSUMED_UPDATE_METHOD,
    body,
    parse: dataEnvelope,
  });
  // The assumed answer is the whole conversation; what it leaves out changes nothing.
  return readExanteUpdate(id, answer.data);
}

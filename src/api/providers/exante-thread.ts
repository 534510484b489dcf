/**
 * An Exante thread: reading its messages and answering it. Loaded with the first
 * conversation opened (src/api/providers/exante.ts imports it on demand): the list does
 * not need it.
 */
import { ASSUMED_REPLY_METHOD, replyPath } from '../contract/exante.ts';
import { describeReplyProblem, replyProblems } from '../contract/message-limits.ts';
import { ApiError, request, unsupported, type RequestOptions } from '../client.ts';
import type { Message, ReplyDraft, ReplyTarget, SentReply } from '../model.ts';
import { isExanteChannel } from './exante.ts';
import { instant, isRecord, localMessageId, text } from './tolerant.ts';

/** The provider's request settings (base URL, token, rate gate). */
type Base = Omit<RequestOptions<unknown>, 'path' | 'parse'>;

/**
 * The assumed POST /api/conversations/{uid}/messages. A 2xx answer means Exante took the
 * message: an unreadable one still resolves (with a local id), so nobody sends it again.
 */
export async function sendReply(
  base: Base,
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
    message: message ?? {
      id: localMessageId(),
      direction: 'outbound',
      author: null,
      authorId: meId,
      body: draft.text,
      bodyRef: null,
      sentAt: new Date().toISOString(),
    },
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

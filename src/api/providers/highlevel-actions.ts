/**
 * What an agent does with a HighLevel conversation: read its thread, reply, star, mark
 * read, assign. Loaded with the first such act (src/api/providers/highlevel.ts imports it
 * on demand): the list does not need it.
 */
import {
  ASSUMED_EMAIL_MESSAGE_KEY,
  contactPath,
  CONTACTS_VERSION,
  emailMessagePath,
  isSendType,
  MESSAGES_PAGE_SIZE,
  RECORDED_SEND_STATUS,
  SEND_MESSAGE_PATH,
  type SendType,
} from '../contract/highlevel.ts';
import { describeReplyProblem, replyProblems } from '../contract/message-limits.ts';
import { ApiError, request, unsupported, type RequestBase } from '../client.ts';
import type {
  ConversationPatch,
  ConversationUpdate,
  Message,
  MessagePage,
  ReplyDraft,
  ReplyTarget,
  SentReply,
} from '../model.ts';
import { htmlToText } from './html-text.ts';
import { instant, isRecord, sentMessage, objectAnswer, text, texts } from './tolerant.ts';

/**
 * POST /conversations/messages, addressed by contact with the send type the conversation
 * replies on (`replyVia`, read from its last message and own type: highlevel-read.ts). A
 * 2xx answer means HighLevel took the message, whatever the body says: an unreadable one
 * still resolves (with a local id), so that nobody sends it again.
 */
export async function sendReply(
  base: RequestBase,
  meId: string | null,
  target: ReplyTarget,
  draft: ReplyDraft,
): Promise<SentReply> {
  const channel = target.replyVia;
  if (channel === null || !isSendType(channel.type)) {
    throw unsupported('HighLevel takes no reply on this conversation’s channel.');
  }
  if (target.contactId === null) {
    throw unsupported(
      'HighLevel addresses a reply to the conversation’s contact, and this conversation names none.',
    );
  }
  const type: SendType = channel.type;
  const subject = draft.subject?.trim() ? draft.subject.trim() : null;
  const problems = replyProblems(channel.format, channel.limit, draft.text, subject);
  if (problems.length > 0) {
    throw unsupported(problems.map((p) => `${describeReplyProblem(p, 'The reply')}.`));
  }
  const body: Record<string, unknown> = {
    type,
    // As the recorded call sent them (src/api/contract/highlevel.ts).
    subType: type,
    status: RECORDED_SEND_STATUS,
    contactId: target.contactId,
    message: draft.text,
  };
  if (channel.format === 'email') {
    if (subject !== null) body['subject'] = subject;
    const answered = draft.inReplyTo;
    if (answered) {
      // The email being answered, and the thread message that holds it.
      body['replyMessageId'] = answered.bodyRef ?? answered.id;
      body['threadId'] = answered.id;
    }
  }
  let answer: Record<string, unknown> = {};
  try {
    const data = await request({
      ...base,
      path: SEND_MESSAGE_PATH,
      method: 'POST',
      body,
      parse: (value) => value,
    });
    if (isRecord(data)) answer = data;
  } catch (error) {
    // Only a 2xx answer can be 'malformed' (request() reads others as 'http'): taken.
    if (!(error instanceof ApiError && error.kind === 'malformed')) throw error;
  }
  const conversationId = text(answer['conversationId']) ?? target.id;
  const messageId = text(answer['messageId']) ?? texts(answer['messageIds'])[0] ?? null;
  return {
    conversationId,
    message: sentMessage(meId, draft.text, messageId),
    update: { id: conversationId },
  };
}

/** The email id a thread item names for its body (`meta.email.messageIds`). */
function emailIdOf(meta: unknown): string | null {
  if (!isRecord(meta)) return null;
  const email = meta['email'];
  if (!isRecord(email)) return null;
  // The spec's example nests it once more: meta.email.email.messageIds.
  const ids = texts(email['messageIds']);
  return (
    ids[0] ?? (isRecord(email['email']) ? (texts(email['email']['messageIds'])[0] ?? null) : null)
  );
}

export function readMessage(wire: unknown): Message | null {
  if (!isRecord(wire)) return null;
  const id = text(wire['id']);
  const sentAt = instant(wire['dateAdded']) ?? instant(wire['dateUpdated']);
  if (id === null || sentAt === null) return null;
  const body = typeof wire['body'] === 'string' ? wire['body'] : null;
  const bodyRef = body === null ? emailIdOf(wire['meta']) : null;
  const direction = wire['direction'] === 'outbound' ? 'outbound' : 'inbound';
  return {
    id,
    direction,
    // HighLevel messages carry a userId, not a name; an outbound one without is automated.
    author: null,
    authorId: direction === 'outbound' ? text(wire['userId']) : null,
    // A message with neither a body nor a way to fetch one has no text (a call, a no-show).
    body: body ?? (bodyRef === null ? '' : null),
    bodyRef,
    sentAt,
  };
}

/** GET /conversations/{id}/messages: one page of the thread, oldest first. */
export async function readThread(
  base: RequestBase,
  id: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<MessagePage> {
  const page = await request({
    ...base,
    path: `/conversations/${encodeURIComponent(id)}/messages`,
    query: [
      ['limit', MESSAGES_PAGE_SIZE],
      ['lastMessageId', cursor],
    ],
    signal,
    // Real answers nest the page under `messages`; the spec shows it bare.
    parse: (data) =>
      objectAnswer(isRecord(data) && isRecord(data['messages']) ? data['messages'] : data),
  });
  const items = Array.isArray(page['messages']) ? page['messages'] : [];
  const messages = items
    .map(readMessage)
    .filter((m) => m !== null)
    .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
  const more = page['nextPage'] === true;
  return { messages, olderCursor: more ? text(page['lastMessageId']) : null };
}

/** The text of an email the thread left out (`Message.bodyRef`). */
export async function readEmailBody(
  base: RequestBase,
  ref: string,
  signal?: AbortSignal,
): Promise<string> {
  const email = await request({
    ...base,
    path: emailMessagePath(ref),
    signal,
    parse: (data) => objectAnswer(data, ASSUMED_EMAIL_MESSAGE_KEY),
  });
  const body = typeof email['body'] === 'string' ? email['body'] : '';
  if (email['contentType'] === 'text/plain') return body;
  return htmlToText(body);
}

/**
 * PUT /contacts/{contactId} with `{assignedTo}`: the contact's assignee is what each of
 * its conversations shows. The answer's contact leaves `assignedTo` out when nobody is
 * assigned (as a search item does), so only a present key reconciles the assignee.
 */
async function assignContact(
  base: RequestBase,
  id: string,
  contactId: string,
  assignee: string | null,
): Promise<ConversationUpdate> {
  const answer = await request({
    ...base,
    path: contactPath(contactId),
    method: 'PUT',
    body: { assignedTo: assignee },
    headers: { Version: CONTACTS_VERSION },
    parse: (data) => objectAnswer(data),
  });
  if (answer['succeded'] === false || answer['succeeded'] === false) {
    throw new ApiError('http', ['HighLevel answered that the assignment did not succeed.']);
  }
  const contact = answer['contact'];
  const update: ConversationUpdate = { id };
  if (isRecord(contact) && 'assignedTo' in contact) update.assigneeId = text(contact['assignedTo']);
  return update;
}

/**
 * A star, read or assignment change: what the assignment confirmed, and the conversation
 * the write answered with (for the provider's reader), if the conversation was written.
 * Two requests when a patch holds an assignment and another field, the contact's first:
 * not atomic (a failure of the second leaves the first done), which is why the UI sends an
 * assignment alone.
 */
export async function write(
  base: RequestBase,
  locationId: string,
  id: string,
  contactId: string | null,
  patch: ConversationPatch,
): Promise<{ update: ConversationUpdate; written?: unknown }> {
  const body: { locationId: string; starred?: boolean; unreadCount?: number } = { locationId };
  if (patch.starred !== undefined) body.starred = patch.starred;
  if (patch.read !== undefined) body.unreadCount = patch.read ? 0 : 1;
  let update: ConversationUpdate = { id };
  if (patch.assignee !== undefined) {
    if (contactId === null) {
      throw unsupported(
        'HighLevel assigns a conversation through its contact, and this conversation names none.',
      );
    }
    update = { ...update, ...(await assignContact(base, id, contactId, patch.assignee)) };
  }
  if (body.starred === undefined && body.unreadCount === undefined) return { update };
  const answer = await request({
    ...base,
    path: `/conversations/${encodeURIComponent(id)}`,
    method: 'PUT',
    body,
    parse: (data) => objectAnswer(data),
  });
  if (answer['success'] === false) {
    throw new ApiError('http', ['HighLevel answered that the change did not succeed.']);
  }
  return { update, written: answer['conversation'] };
}

import { conversationTypeNumber, messageTypeNumber } from '../../src/api/contract/highlevel.ts';
import type { ConversationType } from './message-types.ts';
import type { HlMessage } from './thread.ts';

/**
 * What the embedded HighLevel API answers, in two shapes (decision 0012):
 *
 * - `real` (the default) answers as the real API was recorded answering
 *   (docs/wire/highlevel.md): keys left out rather than null, `starred` only when true,
 *   numbers and Firestore-style dates on GET-one, ISO dates on PUT, a one-element `sort`,
 *   email bodies left out of thread lists, extra keys the spec does not list.
 * - `spec` answers as the published spec describes (every documented key, a
 *   tie-breaking two-element `sort`), for the adapters' contract tests.
 */
export type WireMode = 'real' | 'spec';

export interface HlConversationRow {
  seq: number;
  id: string;
  location_id: string;
  contact_id: string;
  full_name: string;
  contact_name: string;
  email: string;
  phone: string;
  company_name: string | null;
  tags: string;
  type: ConversationType;
  last_message_body: string;
  /** Open on the wire: a spec value or one the spec lacks (TYPE_NO_SHOW). */
  last_message_type: string;
  last_message_direction: 'inbound' | 'outbound';
  last_outbound_action: 'automated' | 'manual' | null;
  last_message_date: number;
  last_manual_message_date: number | null;
  date_added: number;
  date_updated: number;
  unread_count: number;
  starred: number;
  assigned_to: string | null;
  inbox: number;
  deleted: number;
  followers: string;
  mentions: string;
  due_at: number | null;
  overdue_at: number | null;
  feedback: string | null;
  msg_seed: number;
  msg_count: number;
  thread_user_id: string | null;
  hostile_body: string | null;
}

/** Leaves the key out when there is no value: what a search document does. */
function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

const nonEmpty = (value: string): string | null => (value === '' ? null : value);

/**
 * Real answers sometimes leave a missing phone or email out and sometimes send `null`
 * (both recorded); which one is a stable property of the conversation.
 */
function missingAs<K extends string>(row: HlConversationRow, key: K, value: string) {
  if (value !== '') return { [key]: value } as { [P in K]: string };
  return (row.seq % 2 === 0 ? { [key]: null } : {}) as { [P in K]?: null };
}

/** Real answers carry the types of the thread's messages as numbers. */
function messageTypes(row: HlConversationRow): number[] {
  const n = messageTypeNumber(row.last_message_type);
  return n === null ? [] : [n];
}

/**
 * A search item. Real: the recorded item's keys, in its habits. Spec: the documented
 * ConversationSchema plus the fields the spec's examples show.
 */
export function toSearchItem(row: HlConversationRow & { sort_value: number }, wire: WireMode) {
  if (wire === 'spec') {
    return {
      id: row.id,
      contactId: row.contact_id,
      locationId: row.location_id,
      lastMessageBody: row.last_message_body,
      lastMessageType: row.last_message_type,
      type: row.type,
      unreadCount: row.unread_count,
      fullName: row.full_name,
      contactName: row.contact_name,
      email: row.email,
      phone: row.phone,
      ...optional('companyName', row.company_name),
      tags: JSON.parse(row.tags) as string[],
      dateAdded: row.date_added,
      dateUpdated: row.date_updated,
      lastMessageDate: row.last_message_date,
      ...optional('lastManualMessageDate', row.last_manual_message_date),
      lastMessageDirection: row.last_message_direction,
      ...optional('lastOutboundMessageAction', row.last_outbound_action),
      ...optional('assignedTo', row.assigned_to),
      starred: row.starred === 1,
      followers: JSON.parse(row.followers) as string[],
      mentions: JSON.parse(row.mentions) as string[],
      inbox: row.inbox === 1,
      deleted: row.deleted === 1,
      sort: [row.sort_value, row.seq],
    };
  }
  return {
    id: row.id,
    locationId: row.location_id,
    dateAdded: row.date_added,
    dateUpdated: row.date_updated,
    lastMessageDate: row.last_message_date,
    lastMessageType: row.last_message_type,
    // A conversation with no text (a no-show, an activity) has no body key at all.
    ...optional('lastMessageBody', nonEmpty(row.last_message_body)),
    ...(row.starred === 1 ? { starred: true } : {}),
    unreadCount: row.unread_count,
    followers: JSON.parse(row.followers) as string[],
    mentions: JSON.parse(row.mentions) as string[],
    isLastMessageInternalComment: row.last_message_type === 'TYPE_INTERNAL_COMMENT',
    contactId: row.contact_id,
    ...optional('fullName', nonEmpty(row.full_name)),
    ...optional('contactName', nonEmpty(row.contact_name)),
    companyName: row.company_name,
    ...missingAs(row, 'email', row.email),
    ...missingAs(row, 'phone', row.phone),
    tags: JSON.parse(row.tags) as string[],
    type: row.type,
    ...optional('assignedTo', row.assigned_to),
    // Often absent on real items; present on about half here.
    ...(row.seq % 2 === 1 ? { lastMessageDirection: row.last_message_direction } : {}),
    scoring: [],
    messageTypes: messageTypes(row),
    ...(row.seq % 3 === 0 ? { profilePhoto: null, attributed: null } : {}),
    sort: [row.sort_value],
  };
}

/** Firestore's timestamp shape, as real GET-one answers carry `lastMessageDate`. */
const firestoreTime = (ms: number) => ({
  seconds: Math.floor(ms / 1000),
  nanoseconds: (ms % 1000) * 1_000_000,
});

/**
 * GET /conversations/{id}. Real: numbers for both types, a Firestore date, no unreadCount,
 * inbox or names. Spec: GetConversationByIdResponse with the contact fields a pane needs.
 */
export function toConversationDetail(row: HlConversationRow, wire: WireMode) {
  if (wire === 'spec') {
    return {
      id: row.id,
      contactId: row.contact_id,
      locationId: row.location_id,
      deleted: row.deleted === 1,
      inbox: row.inbox === 1,
      type: conversationTypeNumber(row.type),
      unreadCount: row.unread_count,
      ...optional('assignedTo', row.assigned_to),
      starred: row.starred === 1,
      fullName: row.full_name,
      contactName: row.contact_name,
      email: row.email,
      phone: row.phone,
      ...optional('companyName', row.company_name),
      tags: JSON.parse(row.tags) as string[],
      followers: JSON.parse(row.followers) as string[],
      mentions: JSON.parse(row.mentions) as string[],
      lastMessageBody: row.last_message_body,
      lastMessageType: row.last_message_type,
      lastMessageDirection: row.last_message_direction,
      lastMessageDate: row.last_message_date,
      dateAdded: row.date_added,
      dateUpdated: row.date_updated,
    };
  }
  return {
    locationId: row.location_id,
    contactId: row.contact_id,
    type: conversationTypeNumber(row.type),
    deleted: row.deleted === 1,
    id: row.id,
    isLastMessageInternalComment: row.last_message_type === 'TYPE_INTERNAL_COMMENT',
    ...optional('lastMessageType', messageTypeNumber(row.last_message_type)),
    lastMessageDate: firestoreTime(row.last_message_date),
    ...(row.starred === 1 ? { starred: true } : {}),
    ...optional('assignedTo', row.assigned_to),
    messageTypes: messageTypes(row),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * PUT's `conversation`. Real: ISO dates, a numeric type, `starred` only when true, and no
 * unreadCount: a client reconciles only what is here. Spec: ConversationDto, whose
 * `lastMessageDate` is a string of epoch ms.
 */
export function toConversationDto(row: HlConversationRow, wire: WireMode) {
  if (wire === 'spec') {
    return {
      id: row.id,
      locationId: row.location_id,
      contactId: row.contact_id,
      ...optional('assignedTo', row.assigned_to),
      ...optional('userId', row.assigned_to),
      lastMessageBody: row.last_message_body,
      lastMessageDate: String(row.last_message_date),
      lastMessageType: row.last_message_type,
      unreadCount: row.unread_count,
      inbox: row.inbox === 1,
      starred: row.starred === 1,
      deleted: row.deleted === 1,
    };
  }
  return {
    id: row.id,
    dateAdded: iso(row.date_added),
    deleted: row.deleted === 1,
    contactId: row.contact_id,
    locationId: row.location_id,
    lastMessageDate: iso(row.last_message_date),
    ...optional('lastMessageType', messageTypeNumber(row.last_message_type)),
    dateUpdated: iso(row.date_updated),
    ...(row.starred === 1 ? { starred: true } : {}),
  };
}

const EMAIL_TYPES: ReadonlySet<string> = new Set([
  'TYPE_EMAIL',
  'TYPE_CAMPAIGN_EMAIL',
  'TYPE_CUSTOM_EMAIL',
  'TYPE_CUSTOM_PROVIDER_EMAIL',
]);

export const isEmailMessage = (message: HlMessage) => EMAIL_TYPES.has(message.messageType);

/**
 * An email's id for GET /conversations/messages/email/{id}: the message's own id with the
 * conversation's seq in its last eight characters, so the email can be found again without
 * storing threads (they are regenerated from the conversation, server/highlevel/thread.ts).
 */
export function emailIdOf(row: Pick<HlConversationRow, 'seq'>, message: HlMessage): string {
  return message.id.slice(0, 12) + row.seq.toString(36).padStart(8, '0');
}

/** The conversation seq and message-id prefix an email id names, or null. */
export function parseEmailId(emailId: string): { seq: number; prefix: string } | null {
  if (!/^[A-Za-z0-9]{12}[0-9a-z]{8}$/.test(emailId)) return null;
  const seq = parseInt(emailId.slice(12), 36);
  return Number.isSafeInteger(seq) ? { seq, prefix: emailId.slice(0, 12) } : null;
}

/** One message of a thread list. Real answers leave email bodies out (issue 40 upstream). */
export function toMessageDto(row: HlConversationRow, message: HlMessage, wire: WireMode) {
  const email = isEmailMessage(message);
  const emailMeta = email ? { email: { messageIds: [emailIdOf(row, message)] } } : {};
  return {
    id: message.id,
    direction: message.direction,
    type: messageTypeNumber(message.messageType),
    locationId: row.location_id,
    ...(wire === 'real' && email ? {} : { body: message.body }),
    contactId: row.contact_id,
    conversationId: row.id,
    dateAdded: iso(message.dateAdded),
    ...(wire === 'real' ? { dateUpdated: iso(message.dateAdded) } : {}),
    ...optional('source', message.source),
    messageType: message.messageType,
    status: message.status,
    contentType: 'text/plain',
    attachments: message.attachments,
    meta: { ...message.meta, ...emailMeta },
    ...optional('userId', message.userId),
  };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** GET /conversations/messages/email/{id}: the spec's GetEmailMessageResponseDto, HTML body. */
export function toEmailMessageDto(
  row: HlConversationRow,
  message: HlMessage,
  contact: { name: string; email: string },
  agentEmail: string,
) {
  const inbound = message.direction === 'inbound';
  const customer = contact.name === '' ? contact.email : `${contact.name} <${contact.email}>`;
  return {
    id: emailIdOf(row, message),
    threadId: row.id,
    locationId: row.location_id,
    contactId: row.contact_id,
    conversationId: row.id,
    dateAdded: iso(message.dateAdded),
    subject: 'Re: your conversation with us',
    body: `<div dir="auto">${escapeHtml(message.body).replace(/\n/g, '<br>')}</div>`,
    direction: message.direction,
    status: message.status,
    contentType: 'text/html',
    attachments: message.attachments,
    provider: 'Leadconnector Gmail',
    from: inbound ? customer : agentEmail,
    to: [inbound ? agentEmail : customer],
    cc: [],
    bcc: [],
    ...optional('source', message.source),
  };
}

import {
  conversationTypeNumber,
  messageTypeNumber,
  type ConversationType,
  type MessageType,
} from './message-types.ts';
import type { HlMessage } from './thread.ts';

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
  last_message_type: MessageType;
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

/**
 * Optional fields are omitted, never null, when they have no value (assignedTo,
 * companyName, lastManualMessageDate, lastOutboundMessageAction), the way a search-engine
 * document leaves out fields it never had. Documented string fields (fullName, email…)
 * are always present, possibly as "".
 */
function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A search item: the documented ConversationSchema plus the observed fields (§1.3). */
export function toSearchItem(row: HlConversationRow & { sort_value: number }) {
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

/**
 * GET /conversations/{id}: GetConversationByIdResponse, where `type` is a number (§1.5),
 * plus the contact and last-message fields a reading pane needs.
 */
export function toConversationDetail(row: HlConversationRow) {
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

/** PUT's ConversationDto: note `lastMessageDate` is a string of epoch ms here (§1.5). */
export function toConversationDto(row: HlConversationRow) {
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

export function toMessageDto(row: HlConversationRow, message: HlMessage) {
  return {
    id: message.id,
    type: messageTypeNumber(message.messageType),
    messageType: message.messageType,
    locationId: row.location_id,
    contactId: row.contact_id,
    conversationId: row.id,
    dateAdded: new Date(message.dateAdded).toISOString(),
    body: message.body,
    direction: message.direction,
    status: message.status,
    contentType: 'text/plain',
    attachments: message.attachments,
    meta: message.meta,
    ...optional('source', message.source),
    ...optional('userId', message.userId),
  };
}

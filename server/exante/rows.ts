import { ASSUMED_AGENT_SENDER_TYPE, assumedIsoTime } from '../../src/api/contract/exante.ts';
import type { Channel, ExMessage } from './thread.ts';

export interface ExConversationRow {
  seq: number;
  uid: string;
  organization_uid: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  status: string;
  subject: string;
  categories: string;
  sent_at: number;
  is_read: number;
  has_reply: number;
  message_count: number;
  metadata: string;
  agent_uid: string | null;
  party_uid: string;
  created_by_uid: string;
  parent_conversation_uid: string | null;
  created_on: number;
  updated_on: number;
  msg_seed: number;
  hostile_snippet: string | null;
}

/** The documented Conversation object (EX-LIST), every field always present. */
export function toConversation(row: ExConversationRow) {
  return {
    uid: row.uid,
    organization_uid: row.organization_uid,
    channel: row.channel,
    direction: row.direction,
    status: row.status,
    subject: row.subject,
    categories: JSON.parse(row.categories) as string[],
    sent_at: assumedIsoTime(row.sent_at),
    is_read: row.is_read === 1,
    has_reply: row.has_reply === 1,
    message_count: row.message_count,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    agent_uid: row.agent_uid,
    party_uid: row.party_uid,
    created_by_uid: row.created_by_uid,
    parent_conversation_uid: row.parent_conversation_uid,
    created_on: assumedIsoTime(row.created_on),
    updated_on: assumedIsoTime(row.updated_on),
  };
}

/** A message as EX-GET documents it. Read state follows the conversation's. */
export function toMessage(row: ExConversationRow, message: ExMessage, isRead: boolean) {
  return {
    uid: message.uid,
    conversation_uid: row.uid,
    sender_uid: message.senderUid,
    sender_type: message.senderType === 'party' ? 'party' : ASSUMED_AGENT_SENDER_TYPE,
    direction: message.direction,
    message_direction: message.direction,
    provider_message_id: message.providerMessageId,
    from: message.from,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    snippet: message.snippet,
    body_text: message.bodyText,
    body_html: message.bodyHtml,
    sent_at: assumedIsoTime(message.sentAt),
    is_read: isRead,
    has_attachments: message.hasAttachments,
    attachment_count: message.attachmentCount,
    party_id: row.party_uid,
    labels: message.labels,
    content: message.bodyText,
    content_type: message.contentType,
    categories: JSON.parse(row.categories) as string[],
    metadata: {},
    created_on: assumedIsoTime(message.sentAt),
  };
}

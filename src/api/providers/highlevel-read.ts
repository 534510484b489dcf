import {
  ASSUMED_REPLY_LIMITS,
  ASSUMED_SEND_CONVERSATION_TYPES,
  CONVERSATION_TYPES,
  conversationTypeOfNumber,
  messageTypeOfNumber,
  SEND_TYPE_FORMATS,
  SEND_TYPE_LABELS,
  SEND_TYPE_OF_CONVERSATION_TYPE,
  SEND_TYPE_OF_MESSAGE_TYPE,
  type SendType,
} from '../contract/highlevel.ts';
import type {
  Channel,
  Conversation,
  ConversationUpdate,
  ReplyChannel,
  UnreadableItem,
} from '../model.ts';
import {
  code,
  count,
  epochMs,
  flag,
  instant,
  isRecord,
  readableType,
  text,
  texts,
} from './tolerant.ts';

/**
 * Reading HighLevel's answers as the real wire sends them (docs/wire/highlevel.md): every
 * field may be missing or null, types and channels are open and may be numbers, dates come
 * in four shapes. Only an id is required of an item; an item without one is reported, and
 * its page shows the others.
 */

export const UNKNOWN_CONTACT = 'Unknown contact';

// ---------------------------------------------------------------------------
// Channels.

const lastMessageTypeChannel: Record<string, Channel> = {};
const assign = (channel: Channel, types: string[]) => {
  for (const type of types) lastMessageTypeChannel[type] = channel;
};
assign('sms', [
  'TYPE_SMS',
  'TYPE_RCS',
  'TYPE_CAMPAIGN_SMS',
  'TYPE_CAMPAIGN_MANUAL_SMS',
  'TYPE_CUSTOM_SMS',
  'TYPE_CUSTOM_PROVIDER_SMS',
  'TYPE_SMS_REVIEW_REQUEST',
  'TYPE_SMS_NO_SHOW_REQUEST',
  'TYPE_SMS_REACTION',
]);
assign('email', [
  'TYPE_EMAIL',
  'TYPE_CAMPAIGN_EMAIL',
  'TYPE_CUSTOM_EMAIL',
  'TYPE_CUSTOM_PROVIDER_EMAIL',
]);
assign('call', [
  'TYPE_CALL',
  'TYPE_CAMPAIGN_CALL',
  'TYPE_CAMPAIGN_MANUAL_CALL',
  'TYPE_CAMPAIGN_VOICEMAIL',
  'TYPE_IVR_CALL',
  'TYPE_CUSTOM_CALL',
]);
assign('chat', ['TYPE_LIVE_CHAT', 'TYPE_LIVE_CHAT_INFO_MESSAGE', 'TYPE_WEBCHAT', 'TYPE_WHATSAPP']);
assign('social', [
  'TYPE_FACEBOOK',
  'TYPE_CAMPAIGN_FACEBOOK',
  'TYPE_FACEBOOK_COMMENT',
  'TYPE_INSTAGRAM',
  'TYPE_INSTAGRAM_COMMENT',
  'TYPE_TIKTOK',
  'TYPE_TIKTOK_COMMENT',
  'TYPE_GMB',
  'TYPE_CAMPAIGN_GMB',
]);
assign('review', ['TYPE_REVIEW']);

/** The conversation's own `type`, once read as a name. */
const conversationTypeChannel: Record<string, Channel> = {
  TYPE_PHONE: 'sms',
  TYPE_GROUP_SMS: 'sms',
  TYPE_EMAIL: 'email',
  TYPE_FB_MESSENGER: 'social',
  TYPE_REVIEW: 'review',
};

/** A type as a name: strings as sent, numbers through the contract's numbering. */
function typeName(
  value: string | number | null,
  ofNumber: (n: number) => string | null,
): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return ofNumber(value) ?? `Type ${value}`;
  return value;
}

/**
 * The last message's type is the more specific signal (SMS vs call on a phone
 * conversation); the conversation's own type fills in when it tells nothing. Unknown
 * values are kept, with a label an agent can read.
 */
export function channelOf(
  lastMessageType: unknown,
  type: unknown,
): Pick<Conversation, 'channel' | 'rawChannel' | 'channelLabel'> {
  const rawLast = code(lastMessageType);
  const rawType = code(type);
  const last = typeName(rawLast, messageTypeOfNumber);
  const own = typeName(rawType, conversationTypeOfNumber);
  const fromLast = last === null ? undefined : lastMessageTypeChannel[last];
  if (last !== null && fromLast) {
    return { channel: fromLast, rawChannel: String(rawLast), channelLabel: readableType(last) };
  }
  const fromOwn = own === null ? undefined : conversationTypeChannel[own];
  if (own !== null && fromOwn) {
    return { channel: fromOwn, rawChannel: String(rawType), channelLabel: readableType(own) };
  }
  const raw = rawLast ?? rawType;
  const named = last ?? own;
  return {
    channel: 'other',
    rawChannel: raw === null ? '' : String(raw),
    channelLabel: named === null ? 'Other' : readableType(named),
  };
}

/** The channel a send type replies on, as the composer needs it. */
export function replyChannel(type: SendType): ReplyChannel {
  return {
    type,
    format: SEND_TYPE_FORMATS[type],
    label: SEND_TYPE_LABELS[type],
    limit: ASSUMED_REPLY_LIMITS[type],
  };
}

/**
 * How a reply to a conversation goes out (docs/decisions/0015-answer-and-route.md): on its
 * last message's channel when one can send on it and it belongs in a conversation of this
 * type (a phone conversation whose last message was a WhatsApp is answered on WhatsApp);
 * else on the usual channel of the conversation's type (a call on a phone conversation is
 * answered by SMS). A review or internal chat has none. Without a known conversation type,
 * the last message alone decides.
 */
export function replyChannelOf(lastMessageType: unknown, type: unknown): ReplyChannel | null {
  const last = typeName(code(lastMessageType), messageTypeOfNumber);
  const named = typeName(code(type), conversationTypeOfNumber);
  // A conversation type Parley does not know says nothing: the last message decides.
  const own =
    named !== null && (CONVERSATION_TYPES as readonly string[]).includes(named) ? named : null;
  const fromLast = last === null ? undefined : SEND_TYPE_OF_MESSAGE_TYPE[last];
  const fits =
    fromLast !== undefined &&
    (own === null ||
      (ASSUMED_SEND_CONVERSATION_TYPES[fromLast] as readonly string[]).includes(own));
  if (fromLast !== undefined && fits) return replyChannel(fromLast);
  const fromOwn = own === null ? undefined : SEND_TYPE_OF_CONVERSATION_TYPE[own];
  return fromOwn === undefined ? null : replyChannel(fromOwn);
}

// ---------------------------------------------------------------------------
// Conversations.

/** `inbound` / `outbound`, or null for anything else (left out, or a value Parley does not know). */
const directionOf = (value: unknown): 'inbound' | 'outbound' | null =>
  value === 'inbound' || value === 'outbound' ? value : null;

/** A search item, read: the conversation, and what paging needs from the raw item. */
export interface ReadItem {
  conversation: Conversation;
  /** The value the search orders by (epoch ms), from `sort` or `lastMessageDate`. */
  sortValue: number | null;
  /** The whole `sort` array as sent, when it has more than one value (an exact cursor). */
  exactSort: Array<number | string> | null;
  /** Creation time (epoch ms), what `startDate`/`endDate` filter. */
  dateAddedMs: number | null;
}

export type ItemResult = { ok: true; item: ReadItem } | { ok: false; unreadable: UnreadableItem };

const displayName = (wire: Record<string, unknown>) =>
  text(wire['fullName']) ??
  text(wire['contactName']) ??
  text(wire['email']) ??
  text(wire['phone']) ??
  UNKNOWN_CONTACT;

function sortValues(value: unknown): Array<number | string> {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is number | string =>
      (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string',
  );
}

/**
 * One conversation-shaped object (a search item, or a search item merged with GET-one).
 * Search items leave `starred` out unless it is true, so a missing one reads as false here.
 */
export function readConversation(wire: unknown): ItemResult {
  if (!isRecord(wire)) {
    return { ok: false, unreadable: { id: null, reason: 'it is not an object' } };
  }
  const id = text(wire['id']);
  if (id === null) return { ok: false, unreadable: { id: null, reason: 'it has no id' } };
  const sort = sortValues(wire['sort']);
  const firstSort = sort[0];
  const sortMs =
    typeof firstSort === 'number' ? firstSort : firstSort === undefined ? null : epochMs(firstSort);
  const lastActivityAt =
    instant(wire['lastMessageDate']) ??
    (sortMs === null ? null : instant(sortMs)) ??
    instant(wire['dateUpdated']) ??
    instant(wire['dateAdded']);
  if (lastActivityAt === null) {
    return { ok: false, unreadable: { id, reason: 'it has no date to order it by' } };
  }
  const unreadCount = count(wire['unreadCount']) ?? 0;
  const createdAt = instant(wire['dateAdded']);
  const conversation: Conversation = {
    id,
    contactName: displayName(wire),
    contactId: text(wire['contactId']),
    contactEmail: text(wire['email']),
    contactPhone: text(wire['phone']),
    subject: null,
    snippet: text(wire['lastMessageBody']) ?? '',
    ...channelOf(wire['lastMessageType'], wire['type']),
    lifecycle: null,
    assigneeId: text(wire['assignedTo']),
    labels: texts(wire['tags']),
    unreadCount,
    isUnread: unreadCount > 0,
    starred: flag(wire['starred']) ?? false,
    lastActivityAt,
    createdAt,
    updatedAt: instant(wire['dateUpdated']),
    messageCount: null,
    hasAttachments: false,
    attachmentCount: 0,
    participants: [],
    replyVia: replyChannelOf(wire['lastMessageType'], wire['type']),
    lastMessageDirection: directionOf(wire['lastMessageDirection']),
  };
  return {
    ok: true,
    item: {
      conversation,
      sortValue: sortMs ?? Date.parse(lastActivityAt),
      exactSort: sort.length > 1 ? sort : null,
      dateAddedMs: createdAt === null ? null : Date.parse(createdAt),
    },
  };
}

/**
 * A write's answer (PUT's `conversation`, or GET-one): only the fields it carries. GET-one
 * and PUT answers name no contact and carry no unreadCount on the real wire; a missing
 * `starred` there says nothing (the PUT answer leaves it out when false), so it is only
 * read when present.
 */
export function readUpdate(id: string, wire: unknown): ConversationUpdate {
  const update: ConversationUpdate = { id };
  if (!isRecord(wire)) return update;
  const starred = flag(wire['starred']);
  if (starred !== null) update.starred = starred;
  const unread = count(wire['unreadCount']);
  if (unread !== null) {
    update.unreadCount = unread;
    update.isUnread = unread > 0;
  }
  if ('assignedTo' in wire) update.assigneeId = text(wire['assignedTo']);
  const last = instant(wire['lastMessageDate']);
  if (last !== null) update.lastActivityAt = last;
  const updated = instant(wire['dateUpdated']);
  if (updated !== null) update.updatedAt = updated;
  const body = text(wire['lastMessageBody']);
  if (body !== null) update.snippet = body;
  const direction = directionOf(wire['lastMessageDirection']);
  if (direction !== null) update.lastMessageDirection = direction;
  return update;
}

// ---------------------------------------------------------------------------

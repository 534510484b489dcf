/**
 * HighLevel's conversations contract as Parley reads it, in one place for both sides: the
 * browser's adapter (src/api/providers/highlevel.ts) and the embedded API (server/highlevel/).
 * Facts come from the published spec and from recorded real answers (docs/wire/highlevel.md
 * names each); every guess is named ASSUMED_… and is written down only here.
 *
 * Browser-free and dependency-free: the server imports it as it is.
 */

import type { ReplyFormat, ReplyLimit } from './message-limits.ts';

/** The `Version` header each family of endpoints documents. */
export const CONVERSATIONS_VERSION = '2021-04-15';
/** Users and contacts document this one; the real API also accepts it on conversations. */
export const USERS_VERSION = '2021-07-28';
export const CONTACTS_VERSION = '2021-07-28';
/** What a real answer says when the header is missing (a 401, not a 400). */
export const MISSING_VERSION_MESSAGE = 'version header was not found.';
export const FORBIDDEN_LOCATION_MESSAGE = 'The token does not have access to this location.';
export const UNAUTHORIZED_MESSAGE = 'Invalid token: access token is invalid';

// ---------------------------------------------------------------------------
// Search (GET /conversations/search).

/** What Parley asks for per list page. */
export const SEARCH_PAGE_SIZE = 50;
/** The spec's default when `limit` is absent. */
export const SEARCH_DEFAULT_LIMIT = 20;
/**
 * ASSUMED: the largest `limit` the search accepts. The spec documents none; 100 is what
 * real clients send and what the recordings show working, so Parley never asks for more
 * and the embedded API refuses more (422), as the strictest reading would.
 */
export const ASSUMED_SEARCH_MAX_LIMIT = 100;

/** Every query parameter the spec lists for the search (and the array spellings of the cursor). */
export const SEARCH_PARAMS = [
  'locationId',
  'contactId',
  'assignedTo',
  'followers',
  'mentions',
  'query',
  'sort',
  'sortBy',
  'startAfterDate',
  'id',
  'limit',
  'lastMessageType',
  'lastMessageAction',
  'lastMessageDirection',
  'status',
  'sortScoreProfile',
  'scoreProfile',
  'scoreProfileMin',
  'scoreProfileMax',
  'startDate',
  'endDate',
] as const;
/** `startAfterDate` may come as an array; these are the ways a query string spells one. */
export const CURSOR_ARRAY_SPELLINGS = [
  'startAfterDate[]',
  'startAfterDate[0]',
  'startAfterDate[1]',
] as const;

/** The search's `status`: a view, not a lifecycle. `recents` is listed but undocumented. */
export const SEARCH_STATUSES = ['all', 'read', 'unread', 'starred', 'recents'] as const;
export const SORT_BY_VALUES = [
  'last_message_date',
  'last_manual_message_date',
  'score_profile',
  'overdue_at',
  'due_at',
] as const;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const ACTIONS = ['automated', 'manual'] as const;

/**
 * The spec's `lastMessageType` enum, in the order of the messages endpoint's numeric
 * `type`. The enum is open on the wire: real answers carry values outside it (see
 * OBSERVED_MESSAGE_TYPES), so a reader must never refuse an unknown one.
 */
export const MESSAGE_TYPES = [
  'TYPE_CALL',
  'TYPE_SMS',
  'TYPE_EMAIL',
  'TYPE_SMS_REVIEW_REQUEST',
  'TYPE_WEBCHAT',
  'TYPE_SMS_NO_SHOW_REQUEST',
  'TYPE_CAMPAIGN_SMS',
  'TYPE_CAMPAIGN_CALL',
  'TYPE_CAMPAIGN_EMAIL',
  'TYPE_CAMPAIGN_VOICEMAIL',
  'TYPE_FACEBOOK',
  'TYPE_CAMPAIGN_FACEBOOK',
  'TYPE_CAMPAIGN_MANUAL_CALL',
  'TYPE_CAMPAIGN_MANUAL_SMS',
  'TYPE_GMB',
  'TYPE_CAMPAIGN_GMB',
  'TYPE_REVIEW',
  'TYPE_INSTAGRAM',
  'TYPE_WHATSAPP',
  'TYPE_CUSTOM_SMS',
  'TYPE_CUSTOM_EMAIL',
  'TYPE_CUSTOM_PROVIDER_SMS',
  'TYPE_CUSTOM_PROVIDER_EMAIL',
  'TYPE_IVR_CALL',
  'TYPE_ACTIVITY_CONTACT',
  'TYPE_ACTIVITY_INVOICE',
  'TYPE_ACTIVITY_PAYMENT',
  'TYPE_ACTIVITY_OPPORTUNITY',
  'TYPE_LIVE_CHAT',
  'TYPE_LIVE_CHAT_INFO_MESSAGE',
  'TYPE_ACTIVITY_APPOINTMENT',
  'TYPE_FACEBOOK_COMMENT',
  'TYPE_INSTAGRAM_COMMENT',
  'TYPE_CUSTOM_CALL',
  'TYPE_INTERNAL_COMMENT',
  'TYPE_ACTIVITY_EMPLOYEE_ACTION_LOG',
  'TYPE_RCS',
  'TYPE_TIKTOK',
  'TYPE_TIKTOK_COMMENT',
  'TYPE_ACTIVITY_WHATSAPP',
  'TYPE_FORM_SUBMISSION',
  'TYPE_SMS_REACTION',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Values seen in real answers that the spec's enum lacks. TYPE_NO_SHOW conversations have
 * no text at all, so their items omit `lastMessageBody`; GET-one and PUT answers give it
 * as the number 100.
 */
export const OBSERVED_MESSAGE_TYPES = ['TYPE_NO_SHOW'] as const;
export const NO_SHOW_TYPE_NUMBER = 100;

/**
 * ASSUMED: the messages endpoint's numeric `type` follows the enum's order (the spec
 * confirms it in places: 1 call, 3 email, 10 voicemail); the six newest values continue it.
 */
export function messageTypeNumber(type: string): number | null {
  if (type === 'TYPE_NO_SHOW') return NO_SHOW_TYPE_NUMBER;
  const index = (MESSAGE_TYPES as readonly string[]).indexOf(type);
  return index === -1 ? null : index + 1;
}

export function messageTypeOfNumber(value: number): string | null {
  if (value === NO_SHOW_TYPE_NUMBER) return 'TYPE_NO_SHOW';
  return MESSAGE_TYPES[value - 1] ?? null;
}

/** A conversation's own `type`: a string on search items, a number (1–6) on GET-one. */
export const CONVERSATION_TYPES = [
  'TYPE_PHONE',
  'TYPE_EMAIL',
  'TYPE_FB_MESSENGER',
  'TYPE_REVIEW',
  'TYPE_GROUP_SMS',
  'TYPE_INTERNAL_CHAT',
] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

export function conversationTypeNumber(type: ConversationType): number {
  return CONVERSATION_TYPES.indexOf(type) + 1;
}

export function conversationTypeOfNumber(value: number): ConversationType | null {
  return CONVERSATION_TYPES[value - 1] ?? null;
}

// ---------------------------------------------------------------------------
// Messages.

/** What Parley asks for per page of a thread. */
export const MESSAGES_PAGE_SIZE = 30;
export const MESSAGES_MAX_LIMIT = 100;
/** The thread list leaves email bodies out; this endpoint returns one email. */
export const emailMessagePath = (emailMessageId: string) =>
  `/conversations/messages/email/${encodeURIComponent(emailMessageId)}`;
/**
 * ASSUMED: the email endpoint wraps its answer as `{ emailMessage: {...}, traceId }`, the
 * way GET /conversations/messages/{id} wraps its own in `message` (recorded) although the
 * spec shows bare objects for both. Readers accept either shape.
 */
export const ASSUMED_EMAIL_MESSAGE_KEY = 'emailMessage';

// ---------------------------------------------------------------------------
// Rate limits (per app and location; docs/oauth/Authorization.md, and every recorded answer).

export const RATE_LIMIT = {
  /** Requests allowed in any burst interval. */
  max: 100,
  intervalMs: 10_000,
  daily: 200_000,
} as const;

/** The headers every answer carries, in lower case as they arrive. */
export const RATE_LIMIT_HEADERS = {
  max: 'x-ratelimit-max',
  intervalMs: 'x-ratelimit-interval-milliseconds',
  remaining: 'x-ratelimit-remaining',
  dailyLimit: 'x-ratelimit-limit-daily',
  dailyRemaining: 'x-ratelimit-daily-remaining',
  dailyReset: 'x-ratelimit-daily-reset',
} as const;

/**
 * ASSUMED: what a 429 looks like. Neither its body nor whether it sends `Retry-After` is
 * documented. The embedded API answers the NestJS-style body below and, as the worst case,
 * no `Retry-After`: clients must then wait out the interval the `x-ratelimit-*` headers
 * state. Every reader in Parley works either way.
 */
export const ASSUMED_RATE_LIMITED_MESSAGE = 'Too many requests. Please try again later.';
export const ASSUMED_RATE_LIMIT_SENDS_RETRY_AFTER = false;

// ---------------------------------------------------------------------------
// Replying (POST /conversations/messages). A message is addressed by contact, not by
// conversation: HighLevel files it in the contact's conversation for its channel.

export const SEND_MESSAGE_PATH = '/conversations/messages';

/** The spec's send types (`SendMessageBodyDto.type`). */
export const SEND_TYPES = [
  'SMS',
  'RCS',
  'Email',
  'WhatsApp',
  'IG',
  'FB',
  'Custom',
  'Live_Chat',
  'TIKTOK',
] as const;
export type SendType = (typeof SEND_TYPES)[number];

export const isSendType = (value: unknown): value is SendType =>
  (SEND_TYPES as readonly unknown[]).includes(value);

/** The spec's message statuses, which a send's body may carry and its answer states. */
export const SEND_STATUSES = ['delivered', 'failed', 'pending', 'read'] as const;

/**
 * What the recorded call sent beside `{type, contactId, message}`: `subType` equal to the
 * type, and `status: "pending"` (the spec marks both required). Parley's adapter sends them
 * as recorded; the embedded API accepts a send with or without them.
 */
export const RECORDED_SEND_STATUS = 'pending';

/**
 * The body fields of a send that Parley's embedded API imitates. The spec lists more
 * (appointments, templates, scheduling, forwarding, …); the embedded API refuses those as
 * unknown rather than pretend to do them.
 */
export const SEND_MESSAGE_FIELDS = [
  'type',
  'subType',
  'contactId',
  'status',
  'message',
  'html',
  'subject',
  'attachments',
  'emailFrom',
  'emailTo',
  'emailCc',
  'emailBcc',
  'emailReplyMode',
  'replyMessageId',
  'threadId',
  'fromNumber',
  'toNumber',
  'conversationProviderId',
] as const;
export const EMAIL_REPLY_MODES = ['reply', 'reply_all'] as const;

/**
 * ASSUMED: which conversations a send of each type goes to (the conversation types are
 * facts of the search; which of them takes which send type is not documented). Text
 * channels that live on a phone number go to a phone or group-SMS conversation; email to
 * an email conversation; Meta and TikTok messages to a messenger conversation.
 */
export const ASSUMED_SEND_CONVERSATION_TYPES: Readonly<
  Record<SendType, readonly ConversationType[]>
> = {
  SMS: ['TYPE_PHONE', 'TYPE_GROUP_SMS'],
  RCS: ['TYPE_PHONE', 'TYPE_GROUP_SMS'],
  WhatsApp: ['TYPE_PHONE', 'TYPE_GROUP_SMS'],
  Custom: ['TYPE_PHONE', 'TYPE_GROUP_SMS'],
  Live_Chat: ['TYPE_PHONE', 'TYPE_GROUP_SMS'],
  Email: ['TYPE_EMAIL'],
  FB: ['TYPE_FB_MESSENGER'],
  IG: ['TYPE_FB_MESSENGER'],
  TIKTOK: ['TYPE_FB_MESSENGER'],
};

/** ASSUMED: the message type (`messageType` in a thread) a sent message of each type has. */
export const ASSUMED_SEND_MESSAGE_TYPE: Readonly<Record<SendType, MessageType>> = {
  SMS: 'TYPE_SMS',
  RCS: 'TYPE_RCS',
  Email: 'TYPE_EMAIL',
  WhatsApp: 'TYPE_WHATSAPP',
  IG: 'TYPE_INSTAGRAM',
  FB: 'TYPE_FACEBOOK',
  Custom: 'TYPE_CUSTOM_SMS',
  Live_Chat: 'TYPE_LIVE_CHAT',
  TIKTOK: 'TYPE_TIKTOK',
};

/**
 * ASSUMED: when the contact has no conversation of the send's kind, HighLevel starts one
 * (as its own app does on a first message to a contact) and answers with its id, if the
 * contact can be reached on that channel: a phone number for the text channels, an email
 * address for email. A messenger conversation cannot be started from a send (the contact
 * must have written first); such a send is refused (422).
 */
export const ASSUMED_SEND_STARTS_CONVERSATION = true;

/**
 * Which send type answers a conversation (the adapter's choice, docs/decisions/0015): the
 * type of its last message when that is a channel one can send on and it fits the
 * conversation's own type; else the conversation's own type's usual channel; none for a
 * review or an internal chat.
 */
export const SEND_TYPE_OF_MESSAGE_TYPE: Readonly<Partial<Record<string, SendType>>> = {
  TYPE_SMS: 'SMS',
  TYPE_CAMPAIGN_SMS: 'SMS',
  TYPE_CAMPAIGN_MANUAL_SMS: 'SMS',
  TYPE_SMS_REVIEW_REQUEST: 'SMS',
  TYPE_SMS_NO_SHOW_REQUEST: 'SMS',
  TYPE_SMS_REACTION: 'SMS',
  TYPE_RCS: 'RCS',
  TYPE_EMAIL: 'Email',
  TYPE_CAMPAIGN_EMAIL: 'Email',
  TYPE_CUSTOM_EMAIL: 'Email',
  TYPE_CUSTOM_PROVIDER_EMAIL: 'Email',
  TYPE_WHATSAPP: 'WhatsApp',
  TYPE_FACEBOOK: 'FB',
  TYPE_CAMPAIGN_FACEBOOK: 'FB',
  TYPE_INSTAGRAM: 'IG',
  TYPE_LIVE_CHAT: 'Live_Chat',
  TYPE_WEBCHAT: 'Live_Chat',
  TYPE_CUSTOM_SMS: 'Custom',
  TYPE_CUSTOM_PROVIDER_SMS: 'Custom',
  TYPE_TIKTOK: 'TIKTOK',
};

export const SEND_TYPE_OF_CONVERSATION_TYPE: Readonly<Partial<Record<string, SendType>>> = {
  TYPE_PHONE: 'SMS',
  TYPE_GROUP_SMS: 'SMS',
  TYPE_EMAIL: 'Email',
  TYPE_FB_MESSENGER: 'FB',
};

/** How an agent reads each send type. */
export const SEND_TYPE_LABELS: Readonly<Record<SendType, string>> = {
  SMS: 'SMS',
  RCS: 'RCS',
  Email: 'Email',
  WhatsApp: 'WhatsApp',
  IG: 'Instagram',
  FB: 'Facebook',
  Custom: 'SMS (custom provider)',
  Live_Chat: 'Live chat',
  TIKTOK: 'TikTok',
};

export const SEND_TYPE_FORMATS: Readonly<Record<SendType, ReplyFormat>> = {
  SMS: 'sms',
  Custom: 'sms',
  Email: 'email',
  RCS: 'text',
  WhatsApp: 'text',
  IG: 'text',
  FB: 'text',
  Live_Chat: 'text',
  TIKTOK: 'text',
};

/**
 * ASSUMED: how long a reply may be. HighLevel documents no limit. SMS: at most 10 segments
 * (1,530 GSM-7 characters, or 670 when any character is outside GSM-7), a common carrier
 * ceiling; email: a subject of 255 characters and a body of 10,000 (Parley's own cap, which
 * keeps a send well inside the 64 KiB request body the embedded API and the proxy accept);
 * the other channels: the lengths their networks are known to take.
 */
export const ASSUMED_REPLY_LIMITS: Readonly<Record<SendType, ReplyLimit>> = {
  SMS: { maxSegments: 10 },
  Custom: { maxSegments: 10 },
  Email: { maxChars: 10_000, maxSubjectChars: 255 },
  RCS: { maxChars: 3_072 },
  WhatsApp: { maxChars: 4_096 },
  FB: { maxChars: 2_000 },
  IG: { maxChars: 1_000 },
  Live_Chat: { maxChars: 4_096 },
  TIKTOK: { maxChars: 1_000 },
};

/** ASSUMED: the most attachments (URLs) and email copies (cc, bcc) one send may carry. */
export const ASSUMED_SEND_MAX_ATTACHMENTS = 10;
export const ASSUMED_SEND_MAX_COPIES = 20;

/**
 * The answer: `{conversationId, messageId, traceId}` (recorded); the spec adds `status`
 * and, for email, `emailMessageId`. ASSUMED: a real email send carries `emailMessageId`
 * too, as the spec documents.
 */
export const SEND_ANSWER_STATUS = 'delivered';

// ---------------------------------------------------------------------------
// Assigning (PUT /contacts/{contactId}). A conversation has no assignee of its own: it
// shows its contact's `assignedTo`, so assigning one conversation assigns every
// conversation of that contact in the location.

export const contactPath = (contactId: string) => `/contacts/${encodeURIComponent(contactId)}`;

/**
 * The one field of `UpdateContactDto` that Parley writes and its embedded API imitates;
 * the others (names, phone, tags, custom fields, …) are refused there as unknown.
 */
export const CONTACT_UPDATE_FIELDS = ['assignedTo'] as const;

/**
 * The recorded answer: `{succeded: true, succeeded: true, contact, traceId}` (both
 * spellings; the spec knows only the first), the contact with ISO dates and its keys left
 * out when empty, `assignedTo` among them.
 */
export const CONTACT_UPDATE_SUCCESS_KEYS = ['succeded', 'succeeded'] as const;

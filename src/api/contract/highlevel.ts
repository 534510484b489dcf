/**
 * HighLevel's conversations contract as Parley reads it, in one place for both sides: the
 * browser's adapter (src/api/providers/highlevel.ts) and the embedded API (server/highlevel/).
 * Facts come from the published spec and from recorded real answers (docs/wire/highlevel.md
 * names each); every guess is named ASSUMED_… and is written down only here.
 *
 * Browser-free and dependency-free: the server imports it as it is.
 */

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

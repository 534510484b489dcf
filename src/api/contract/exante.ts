/**
 * Exante's conversations contract as Parley reads it, in one place for both sides: the
 * browser's adapter (src/api/providers/exante.ts) and the embedded API (server/exante/).
 * Exante documents only the list and get endpoints (docs/wire/exante.md); everything else
 * here is a guess, named ASSUMED_…, so that confirming or correcting one means editing this
 * file and nothing else.
 *
 * Browser-free and dependency-free: the server imports it as it is.
 */

/** What Parley asks for per list page. */
export const PAGE_SIZE = 50;
/** The documented default and maximum of `per_page`. */
export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

export const LIFECYCLES = ['draft', 'active', 'archived', 'closed'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];
export const CHANNELS = ['email', 'sms'] as const;
export type ExanteChannel = (typeof CHANNELS)[number];
export const SORT_FIELDS = [
  'created_on',
  'updated_on',
  'sent_at',
  'subject',
  'status',
  'channel',
] as const;
export type ExanteSortField = (typeof SORT_FIELDS)[number];
export const DEFAULT_SORT = '-updated_on';

/**
 * ASSUMED: the name of the "full-text search on conversation subject" parameter, which the
 * docs page lost. Sibling resources (context-search) take `q`, so Parley sends `q`. If a
 * real server ignores it, the adapter notices (no item of the page matches) and tells the
 * agent that search is not available, rather than showing an unfiltered list.
 */
export const ASSUMED_SEARCH_PARAM = 'q';

/** The list's documented parameters, plus the assumed search parameter. */
export const LIST_PARAMS = [
  'organization_uid',
  'is_read',
  'status',
  'channel',
  'category',
  'agent_uid',
  'party_uid',
  'sort',
  'page',
  'per_page',
  ASSUMED_SEARCH_PARAM,
] as const;

/**
 * An `organization_uid` that is not a UUID is a 400 (Exante's sibling endpoints answer so);
 * a well-formed one the key may not use is a 403.
 */
export const INVALID_ORGANIZATION_STATUS = 400;
export const INVALID_ORGANIZATION_MESSAGE = 'organization_uid must be a valid UUID.';
export const NO_ACCESS_MESSAGE = 'You do not have access to this organization.';

/**
 * ASSUMED: `is_read` is documented as a boolean; query strings from other clients often
 * carry 1/0, so both spellings are accepted.
 */
export const ASSUMED_BOOLEAN_SPELLINGS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
};

/**
 * ASSUMED: the write endpoint is `PATCH /api/conversations/{uid}` (the house style of
 * `PATCH /api/work-tasks/{uid}`) with a partial body of these fields, answering
 * `{ status: "success", data: Conversation }`. `agent_uid: null` unassigns. Unknown fields
 * are rejected with 422.
 */
export const ASSUMED_UPDATE_METHOD = 'PATCH';
export const ASSUMED_PATCHABLE_FIELDS = ['is_read', 'agent_uid', 'status', 'categories'] as const;
export const conversationPath = (uid: string) => `/conversations/${encodeURIComponent(uid)}`;

/**
 * ASSUMED: read state is per-viewer bookkeeping, so changing only `is_read` does not bump
 * `updated_on` (otherwise opening a conversation would move it to the top of the default
 * `-updated_on` list). Changing agent, status or categories does bump it.
 */
export const ASSUMED_READ_CHANGE_BUMPS_UPDATED_ON = false;

/** ASSUMED: GET /api/conversations/{uid} does not mark the conversation read. */
export const ASSUMED_GET_MARKS_READ = false;

/**
 * ASSUMED: the agent directory is `GET /api/organization/{organization_uid}/users` (the
 * `/api/organization/{uid}/…` pattern of the invoice filter-options endpoint), answering
 * `{ status: "success", data: { items: [{ uid, firstname, lastname, fullname, email }] } }`
 * with no pagination (an organization has few agents).
 */
export const ASSUMED_AGENTS_PATH = '/organization/:organization_uid/users';
export const agentsPath = (organizationUid: string) =>
  ASSUMED_AGENTS_PATH.replace(':organization_uid', encodeURIComponent(organizationUid));

/**
 * ASSUMED: error bodies mirror the success envelope, as the other endpoints' do:
 * `{ status: "error", status_code, message, data: null }`, plus `errors: { field: [msgs] }`
 * on 422. A 429 carries `Retry-After` in seconds (documented).
 */
export interface AssumedErrorBody {
  status: 'error';
  status_code: number;
  message: string;
  data: null;
  errors?: Record<string, string[]>;
}

export function assumedErrorBody(
  statusCode: number,
  message: string,
  errors?: Record<string, string[]>,
): AssumedErrorBody {
  return {
    status: 'error',
    status_code: statusCode,
    message,
    data: null,
    ...(errors === undefined ? {} : { errors }),
  };
}

/**
 * ASSUMED: query parameters the docs do not list are rejected with 422, so a client that
 * misspells a filter finds out instead of silently getting unfiltered data.
 */
export const ASSUMED_REJECT_UNKNOWN_PARAMS = true;

/**
 * ASSUMED: `total_pages` is `ceil(total / per_page)`, hence 0 for an empty result; a page
 * past the end answers 200 with no items and the true totals.
 */
export function assumedTotalPages(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}

/**
 * ASSUMED: an unassigned conversation has `agent_uid: null` (the docs show only a uuid),
 * and there is no "unassigned" filter value.
 */
export const ASSUMED_UNASSIGNED_AGENT_UID = null;

/**
 * ASSUMED: timestamps are ISO-8601 UTC with whole seconds (`2023-11-07T05:31:56Z`), as
 * every example in the docs is.
 */
export function assumedIsoTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * ASSUMED about messages (the get page shows one example only): agent-sent messages have
 * `sender_type: "user"` (parties have the documented "party"); `message_direction`
 * repeats `direction`; `party_id` carries the party's uid; SMS messages have
 * `from.email: null` and phone numbers in `to`.
 */
export const ASSUMED_AGENT_SENDER_TYPE = 'user';

/**
 * ASSUMED about SMS conversations' email-shaped metadata: `from_email`, `thread_id` and
 * `history_id` are null, and `to_emails`/`cc_emails`/`labels` are empty.
 */
export const ASSUMED_SMS_METADATA_NULLS = ['from_email', 'thread_id', 'history_id'] as const;

/**
 * ASSUMED: category filtering is case-insensitive and matches a conversation having any
 * of the listed categories.
 */
export const ASSUMED_CATEGORY_MATCH = 'any, case-insensitive' as const;

/**
 * ASSUMED: the tie-breaker that makes page order deterministic for equal sort values is the
 * conversation's creation order, in the same direction as the requested sort.
 */
export const ASSUMED_TIE_BREAKER = 'insertion order' as const;

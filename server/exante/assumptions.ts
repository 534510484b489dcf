/**
 * Everything about the Exante API that its public docs do not state (api-contracts.md
 * §2.5, decision 0001). Each export is a guess, named as one, and lives only here so that
 * confirming or correcting a guess means editing this file (and the browser's adapter,
 * src/api/providers/exante.ts) and nothing else.
 */

/**
 * ASSUMPTION: the name of the "full-text search on conversation subject" parameter; the
 * docs page lost it. The first present one wins.
 */
export const ASSUMED_SEARCH_PARAMS = ['search', 'q'] as const;

/**
 * ASSUMPTION: `is_read` is documented as a boolean; query strings from other clients often
 * carry 1/0, so both spellings are accepted.
 */
export const ASSUMED_BOOLEAN_SPELLINGS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
};

/**
 * ASSUMPTION: the write endpoint is `PATCH /api/conversations/{uid}` with a partial body of
 * these fields, answering `{ status: "success", data: Conversation }` (the style of the
 * invoice endpoints). `agent_uid: null` unassigns. Unknown fields are rejected with 422.
 */
export const ASSUMED_PATCHABLE_FIELDS = ['is_read', 'agent_uid', 'status', 'categories'] as const;

/**
 * ASSUMPTION: read state is per-viewer bookkeeping, so changing only `is_read` does not
 * bump `updated_on` (otherwise opening a conversation would move it to the top of the
 * default `-updated_on` list). Changing agent, status or categories does bump it.
 */
export const ASSUMED_READ_CHANGE_BUMPS_UPDATED_ON = false;

/** ASSUMPTION: GET /api/conversations/{uid} does not mark the conversation read. */
export const ASSUMED_GET_MARKS_READ = false;

/**
 * ASSUMPTION: the agent directory is `GET /api/organization/{organization_uid}/users`,
 * following the `/api/organization/{uid}/…` pattern of the invoice filter-options
 * endpoint, answering `{ status: "success", data: { items: [{ uid, firstname, lastname,
 * fullname, email }] } }` with no pagination (an organization has few agents).
 */
export const ASSUMED_AGENTS_PATH = '/organization/:organization_uid/users';

/**
 * ASSUMPTION: error bodies mirror the success envelope:
 * `{ status: "error", status_code, message, data: null }`, plus `errors: { field: [msgs] }`
 * on 422. (429 would carry Retry-After, which is documented; the embedded API never
 * rate-limits.)
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
 * ASSUMPTION: query parameters the docs do not list are rejected with 422, so a client
 * that misspells a filter finds out instead of silently getting unfiltered data.
 */
export const ASSUMED_REJECT_UNKNOWN_PARAMS = true;

/**
 * ASSUMPTION: `total_pages` is `ceil(total / per_page)`, hence 0 for an empty result; a
 * page past the end answers 200 with no items and the true totals.
 */
export function assumedTotalPages(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}

/**
 * ASSUMPTION: an unassigned conversation has `agent_uid: null` (the docs show only a
 * uuid), and there is no "unassigned" filter value.
 */
export const ASSUMED_UNASSIGNED_AGENT_UID = null;

/**
 * ASSUMPTION: timestamps are ISO-8601 UTC with whole seconds (`2023-11-07T05:31:56Z`), as
 * every example in the docs is.
 */
export function assumedIsoTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * ASSUMPTIONS about messages (EX-GET shows one example only): agent-sent messages have
 * `sender_type: "user"` (parties have the documented "party"); `message_direction`
 * repeats `direction` as in the example; `party_id` carries the party's uid; SMS messages
 * have `from.email: null` and phone numbers in `to`.
 */
export const ASSUMED_AGENT_SENDER_TYPE = 'user';

/**
 * ASSUMPTIONS about SMS conversations' email-shaped metadata: `from_email`, `thread_id`
 * and `history_id` are null, and `to_emails`/`cc_emails`/`labels` are empty.
 */
export const ASSUMED_SMS_METADATA_NULLS = ['from_email', 'thread_id', 'history_id'] as const;

/**
 * ASSUMPTION: category filtering is case-insensitive and matches a conversation having
 * any of the listed categories.
 */
export const ASSUMED_CATEGORY_MATCH = 'any, case-insensitive' as const;

/**
 * ASSUMPTION: the tie-breaker that makes page order deterministic for equal sort values is
 * the conversation's creation order, in the same direction as the requested sort.
 */
export const ASSUMED_TIE_BREAKER = 'insertion order' as const;

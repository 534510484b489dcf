import type { Database } from 'better-sqlite3';
import {
  ACTIONS,
  ASSUMED_SEARCH_MAX_LIMIT,
  CURSOR_ARRAY_SPELLINGS,
  DIRECTIONS,
  SEARCH_DEFAULT_LIMIT,
  SEARCH_PARAMS,
  SEARCH_STATUSES,
  SORT_BY_VALUES,
  SORT_DIRECTIONS,
} from '../../src/api/contract/highlevel.ts';
import { countFtsMatches, preferIndexOrder } from '../db/fts-plan.ts';
import { toFtsQuery } from '../db/fts-query.ts';
import { prepareCached } from '../db/statement-cache.ts';
import { tenantSize, VIEW_COUNT_TABLES } from '../db/view-counts.ts';
import { isMessageType, type MessageType } from './message-types.ts';
import { QueryReader } from './query-params.ts';
import type { HlConversationRow } from './rows.ts';

export type SortBy = (typeof SORT_BY_VALUES)[number];

const KNOWN_PARAMS: ReadonlySet<string> = new Set([...SEARCH_PARAMS, ...CURSOR_ARRAY_SPELLINGS]);

export interface SearchQuery {
  locationId: string;
  assignedTo: { ids: string[]; unassigned: boolean } | null;
  contactId: string | null;
  followers: string[] | null;
  mentions: string[] | null;
  /** The raw text; null when absent. */
  text: string | null;
  id: string | null;
  limit: number;
  lastMessageType: MessageType | null;
  lastMessageDirection: 'inbound' | 'outbound' | null;
  lastMessageAction: 'automated' | 'manual' | null;
  status: 'all' | 'read' | 'unread' | 'starred';
  sort: 'asc' | 'desc';
  sortBy: SortBy;
  sortScoreProfile: string | null;
  scoreProfile: { id: string; min: number | null; max: number | null } | null;
  startDate: number | null;
  endDate: number | null;
  /** [value] skips everything tied with it (as upstream); [value, seq] is exact. */
  cursor: [number] | [number, number] | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export function parseSearchQuery(params: URLSearchParams): Parsed<SearchQuery> {
  const read = new QueryReader(params, KNOWN_PARAMS);
  const locationId = read.required('locationId');
  const assigned = read.list('assignedTo');
  const lastMessageType = read.string('lastMessageType');
  if (lastMessageType !== undefined && !isMessageType(lastMessageType)) {
    read.errors.push('lastMessageType must be one of the following values: TYPE_CALL, TYPE_SMS, …');
  }
  const sortBy = read.oneOf('sortBy', SORT_BY_VALUES) ?? 'last_message_date';
  const sortScoreProfile = read.string('sortScoreProfile') ?? null;
  if (sortBy === 'score_profile' && sortScoreProfile === null) {
    read.errors.push('sortScoreProfile should not be empty when sortBy is score_profile');
  }
  const scoreProfileId = read.string('scoreProfile');
  const scoreMin = read.number('scoreProfileMin');
  const scoreMax = read.number('scoreProfileMax');
  if (scoreProfileId === undefined && (scoreMin !== undefined || scoreMax !== undefined)) {
    read.errors.push(
      'scoreProfile should not be empty when scoreProfileMin or scoreProfileMax is set',
    );
  }
  const cursorValues = read.allValues(['startAfterDate', ...CURSOR_ARRAY_SPELLINGS]);
  let cursor: SearchQuery['cursor'] = null;
  if (cursorValues.length > 0) {
    const numbers = cursorValues.map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN));
    if (numbers.some((n) => !Number.isFinite(n)) || numbers.length > 2) {
      read.errors.push('startAfterDate must be a number or an array of at most 2 numbers');
    } else {
      cursor =
        numbers.length === 1
          ? [numbers[0] as number]
          : [numbers[0] as number, numbers[1] as number];
    }
  }
  const status = read.oneOf('status', SEARCH_STATUSES) ?? 'all';
  const query: SearchQuery = {
    locationId: locationId ?? '',
    assignedTo:
      assigned === undefined
        ? null
        : {
            ids: assigned.filter((a) => a !== 'unassigned'),
            unassigned: assigned.includes('unassigned'),
          },
    contactId: read.string('contactId') ?? null,
    followers: read.list('followers') ?? null,
    mentions: read.list('mentions') ?? null,
    text: read.string('query') ?? null,
    id: read.string('id') ?? null,
    limit: read.integer('limit', 1, ASSUMED_SEARCH_MAX_LIMIT) ?? SEARCH_DEFAULT_LIMIT,
    lastMessageType:
      lastMessageType !== undefined && isMessageType(lastMessageType) ? lastMessageType : null,
    lastMessageDirection: read.oneOf('lastMessageDirection', DIRECTIONS) ?? null,
    lastMessageAction: read.oneOf('lastMessageAction', ACTIONS) ?? null,
    // "recents" is undocumented; the HighLevel UI's Recents tab is the unfiltered list.
    status: status === 'recents' ? 'all' : status,
    sort: read.oneOf('sort', SORT_DIRECTIONS) ?? 'desc',
    sortBy,
    sortScoreProfile,
    scoreProfile:
      scoreProfileId === undefined
        ? null
        : { id: scoreProfileId, min: scoreMin ?? null, max: scoreMax ?? null },
    startDate: read.number('startDate') ?? null,
    endDate: read.number('endDate') ?? null,
    cursor,
  };
  return read.errors.length > 0 ? { ok: false, errors: read.errors } : { ok: true, value: query };
}

/** Nullable sort columns are COALESCEd to 0 so the keyset order is total (and indexed). */
const SORT_EXPRESSIONS: Record<SortBy, string> = {
  last_message_date: 'c.last_message_date',
  last_manual_message_date: 'COALESCE(c.last_manual_message_date, 0)',
  overdue_at: 'COALESCE(c.overdue_at, 0)',
  due_at: 'COALESCE(c.due_at, 0)',
  score_profile: 'COALESCE(sp.score, 0)',
};

export interface SearchResult {
  rows: (HlConversationRow & { sort_value: number })[];
  total: number;
}

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

const FTS_MATCHES = 'SELECT rowid FROM hl_fts WHERE hl_fts MATCH ?';

/**
 * One read transaction, so `total` and the page come from the same snapshot even while
 * another process writes.
 */
export function runSearch(db: Database, q: SearchQuery): SearchResult {
  return db.transaction(() => search(db, q))();
}

function search(db: Database, q: SearchQuery): SearchResult {
  const where: string[] = ['c.location_id = ?'];
  const params: unknown[] = [q.locationId];
  // True while every predicate reads only columns hl_view_counts groups by.
  let countable = true;
  // Where the full-text predicate sits in `where`, and how many documents it matches.
  let text: { at: number; matches: number } | null = null;

  if (q.assignedTo !== null) {
    const parts: string[] = [];
    if (q.assignedTo.ids.length > 0) {
      parts.push(`c.assigned_to IN (${placeholders(q.assignedTo.ids)})`);
      params.push(...q.assignedTo.ids);
    }
    if (q.assignedTo.unassigned) parts.push('c.assigned_to IS NULL');
    where.push(`(${parts.join(' OR ')})`);
  }
  if (q.contactId !== null) {
    countable = false;
    where.push('c.contact_id = ?');
    params.push(q.contactId);
  }
  if (q.id !== null) {
    countable = false;
    where.push('c.id = ?');
    params.push(q.id);
  }
  if (q.followers !== null) {
    countable = false;
    where.push(
      `c.seq IN (SELECT conversation_seq FROM hl_followers WHERE user_id IN (${placeholders(q.followers)}))`,
    );
    params.push(...q.followers);
  }
  if (q.mentions !== null) {
    countable = false;
    where.push(
      `c.seq IN (SELECT conversation_seq FROM hl_mentions WHERE user_id IN (${placeholders(q.mentions)}))`,
    );
    params.push(...q.mentions);
  }
  if (q.text !== null) {
    countable = false;
    const match = toFtsQuery(q.text);
    if (match === null) {
      where.push('0');
    } else {
      text = { at: where.length, matches: countFtsMatches(db, 'hl_fts', match) };
      where.push(`c.seq IN (${FTS_MATCHES})`);
      params.push(match);
    }
  }
  if (q.lastMessageType !== null) {
    where.push('c.last_message_type = ?');
    params.push(q.lastMessageType);
  }
  if (q.lastMessageDirection !== null) {
    countable = false;
    where.push('c.last_message_direction = ?');
    params.push(q.lastMessageDirection);
  }
  if (q.lastMessageAction !== null) {
    countable = false;
    where.push('c.last_outbound_action = ?');
    params.push(q.lastMessageAction);
  }
  if (q.status === 'read') where.push('c.unread_count = 0');
  if (q.status === 'unread') where.push('c.unread_count > 0');
  if (q.status === 'starred') where.push('c.starred = 1');
  if (q.scoreProfile !== null) {
    countable = false;
    let sub = 'SELECT conversation_seq FROM hl_scores WHERE profile_id = ?';
    params.push(q.scoreProfile.id);
    if (q.scoreProfile.min !== null) {
      sub += ' AND score >= ?';
      params.push(q.scoreProfile.min);
    }
    if (q.scoreProfile.max !== null) {
      sub += ' AND score <= ?';
      params.push(q.scoreProfile.max);
    }
    where.push(`c.seq IN (${sub})`);
  }
  if (q.startDate !== null) {
    countable = false;
    where.push('c.date_added >= ?');
    params.push(q.startDate);
  }
  if (q.endDate !== null) {
    countable = false;
    where.push('c.date_added <= ?');
    params.push(q.endDate);
  }

  const pageWhere = [...where];
  let total: number | null = null;
  if (text !== null) {
    const tenant = tenantSize(db, 'highlevel', q.locationId);
    // When this location holds every conversation, its test is true of every match, so a
    // search with no other filter has exactly as many results as the doclist has entries
    // (the FTS index mirrors the rows: the search results already depend on that).
    if (where.length === 2 && tenant.rows === tenant.all) total = text.matches;
    // Unary + keeps SQLite from driving the page from the match set (fetch all, sort);
    // it walks the sort index instead and tests each row against the set.
    if (q.sortBy !== 'score_profile' && preferIndexOrder(text.matches, tenant.rows, q.limit)) {
      pageWhere[text.at] = `+c.seq IN (${FTS_MATCHES})`;
    }
  }
  // The same predicates over the trigger-kept counts when they suffice: exact, and a few
  // rows instead of one index entry per matching conversation.
  total ??= (
    prepareCached(
      db,
      countable
        ? `SELECT COALESCE(SUM(c.n), 0) AS n FROM ${VIEW_COUNT_TABLES.highlevel} c WHERE ${where.join(' AND ')}`
        : `SELECT COUNT(*) AS n FROM hl_conversations c WHERE ${where.join(' AND ')}`,
    ).get(...params) as { n: number }
  ).n;

  const sortExpr = SORT_EXPRESSIONS[q.sortBy];
  const join =
    q.sortBy === 'score_profile'
      ? 'LEFT JOIN hl_scores sp ON sp.profile_id = ? AND sp.conversation_seq = c.seq'
      : '';
  const joinParams = q.sortBy === 'score_profile' ? [q.sortScoreProfile] : [];
  const pageParams = [...params];
  const op = q.sort === 'desc' ? '<' : '>';
  if (q.cursor !== null) {
    if (q.cursor.length === 1) {
      pageWhere.push(`${sortExpr} ${op} ?`);
      pageParams.push(q.cursor[0]);
    } else {
      pageWhere.push(`(${sortExpr}, c.seq) ${op} (?, ?)`);
      pageParams.push(q.cursor[0], q.cursor[1]);
    }
  }
  const direction = q.sort === 'desc' ? 'DESC' : 'ASC';
  const rows = prepareCached(
    db,
    `SELECT c.*, ${sortExpr} AS sort_value FROM hl_conversations c ${join}
       WHERE ${pageWhere.join(' AND ')}
       ORDER BY ${sortExpr} ${direction}, c.seq ${direction}
       LIMIT ?`,
  ).all(...joinParams, ...pageParams, q.limit) as SearchResult['rows'];
  return { rows, total };
}

import type { Database } from 'better-sqlite3';
import { countFtsMatches, preferIndexOrder } from '../db/fts-plan.ts';
import { toFtsQuery } from '../db/fts-query.ts';
import { prepareCached } from '../db/statement-cache.ts';
import { tenantSize, VIEW_COUNT_TABLES } from '../db/view-counts.ts';
import {
  ASSUMED_BOOLEAN_SPELLINGS,
  ASSUMED_REJECT_UNKNOWN_PARAMS,
  ASSUMED_SEARCH_PARAM,
  CHANNELS,
  DEFAULT_PER_PAGE,
  DEFAULT_SORT,
  LIFECYCLES,
  LIST_PARAMS,
  MAX_PER_PAGE,
  SORT_FIELDS,
  type ExanteSortField as SortField,
  type Lifecycle,
} from '../../src/api/contract/exante.ts';
import type { ExConversationRow } from './rows.ts';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KNOWN: ReadonlySet<string> = new Set(LIST_PARAMS);

export interface ListQuery {
  organizationUid: string | null;
  isRead: boolean | null;
  statuses: Lifecycle[] | null;
  channel: 'email' | 'sms' | null;
  categories: string[] | null;
  agentUid: string | null;
  partyUid: string | null;
  search: string | null;
  sortField: SortField;
  descending: boolean;
  page: number;
  perPage: number;
}

export type FieldErrors = Record<string, string[]>;

export function parseListQuery(
  params: URLSearchParams,
): { ok: true; value: ListQuery } | { ok: false; errors: FieldErrors } {
  // No prototype: a parameter named "constructor" or "__proto__" must get its own entry,
  // not find Object.prototype's and fail on it.
  const errors: FieldErrors = Object.create(null) as FieldErrors;
  const fail = (field: string, message: string) => {
    (errors[field] ??= []).push(message);
  };
  if (ASSUMED_REJECT_UNKNOWN_PARAMS) {
    for (const key of new Set(params.keys())) {
      if (!KNOWN.has(key)) fail(key, `Unknown query parameter: ${key}.`);
    }
  }
  const get = (name: string): string | undefined => {
    const values = params.getAll(name);
    if (values.length > 1) {
      fail(name, `${name} must be given once.`);
      return undefined;
    }
    const value = values[0]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const uuid = (name: string): string | null => {
    const value = get(name);
    if (value === undefined) return null;
    if (!UUID.test(value)) {
      fail(name, `${name} must be a valid UUID.`);
      return null;
    }
    return value.toLowerCase();
  };
  const positiveInteger = (name: string, fallback: number, max: number): number => {
    const value = get(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      fail(name, `${name} must be a positive integer.`);
      return fallback;
    }
    if (Number(value) > max) {
      fail(name, `${name} must be at most ${max}.`);
      return fallback;
    }
    return Number(value);
  };
  const list = (name: string): string[] | null => {
    const value = get(name);
    if (value === undefined) return null;
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return items.length > 0 ? items : null;
  };

  const organizationUid = uuid('organization_uid');
  const readRaw = get('is_read');
  let isRead: boolean | null = null;
  if (readRaw !== undefined) {
    const parsed = ASSUMED_BOOLEAN_SPELLINGS[readRaw.toLowerCase()];
    if (parsed === undefined) fail('is_read', 'is_read must be true or false.');
    else isRead = parsed;
  }
  const statuses = list('status');
  if (statuses?.some((s) => !(LIFECYCLES as readonly string[]).includes(s))) {
    fail('status', `status must be a comma-separated list of: ${LIFECYCLES.join(', ')}.`);
  }
  const channel = get('channel');
  if (channel !== undefined && !(CHANNELS as readonly string[]).includes(channel)) {
    fail('channel', `channel must be one of: ${CHANNELS.join(', ')}.`);
  }
  const categories = list('category');
  const agentUid = uuid('agent_uid');
  const partyUid = uuid('party_uid');
  const search = get(ASSUMED_SEARCH_PARAM) ?? null;
  if (search !== null && search.length > 500) {
    fail(ASSUMED_SEARCH_PARAM, `${ASSUMED_SEARCH_PARAM} must be at most 500 characters.`);
  }
  const sortRaw = get('sort') ?? DEFAULT_SORT;
  const descending = sortRaw.startsWith('-');
  const sortField = descending ? sortRaw.slice(1) : sortRaw;
  if (!(SORT_FIELDS as readonly string[]).includes(sortField)) {
    fail('sort', `sort must be one of ${SORT_FIELDS.join(', ')}, optionally prefixed with -.`);
  }
  // Bounded so (page - 1) * per_page stays an exact integer.
  const page = positiveInteger('page', 1, 1_000_000_000);
  const perPage = positiveInteger('per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      organizationUid,
      isRead,
      statuses: statuses as Lifecycle[] | null,
      channel: (channel as ListQuery['channel'] | undefined) ?? null,
      categories,
      agentUid,
      partyUid,
      search,
      sortField: sortField as SortField,
      descending,
      page,
      perPage,
    },
  };
}

const SORT_EXPRESSIONS: Record<SortField, string> = {
  created_on: 'c.created_on',
  updated_on: 'c.updated_on',
  sent_at: 'c.sent_at',
  subject: 'c.subject COLLATE NOCASE',
  status: 'c.status',
  channel: 'c.channel',
};

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

const FTS_MATCHES = 'SELECT rowid FROM ex_fts WHERE ex_fts MATCH ?';

/**
 * One read transaction: the page's position is computed from `total`, so both must come
 * from the same snapshot even if another process writes in between.
 */
export function runList(
  db: Database,
  organizationUid: string,
  q: ListQuery,
): { rows: ExConversationRow[]; total: number } {
  return db.transaction(() => list(db, organizationUid, q))();
}

function list(
  db: Database,
  organizationUid: string,
  q: ListQuery,
): { rows: ExConversationRow[]; total: number } {
  // `view` holds the predicates ex_view_counts can answer (its columns carry the same
  // names); `other` the rest. Categories are kept apart: one category can be counted from
  // ex_category_counts, several cannot (a conversation in two would count twice).
  const view = ['c.organization_uid = ?'];
  const viewParams: unknown[] = [organizationUid];
  const other: string[] = [];
  const otherParams: unknown[] = [];
  if (q.isRead !== null) view.push(q.isRead ? 'c.is_read = 1' : 'c.is_read = 0');
  if (q.statuses !== null) {
    view.push(`c.status IN (${placeholders(q.statuses)})`);
    viewParams.push(...q.statuses);
  }
  if (q.channel !== null) {
    view.push('c.channel = ?');
    viewParams.push(q.channel);
  }
  if (q.agentUid !== null) {
    view.push('c.agent_uid = ?');
    viewParams.push(q.agentUid);
  }
  if (q.partyUid !== null) {
    other.push('c.party_uid = ?');
    otherParams.push(q.partyUid);
  }
  // Where the full-text predicate sits in `other`, and how many documents it matches.
  let text: { at: number; matches: number } | null = null;
  if (q.search !== null) {
    const match = toFtsQuery(q.search);
    if (match === null) {
      other.push('0');
    } else {
      text = { at: other.length, matches: countFtsMatches(db, 'ex_fts', match) };
      other.push(`c.seq IN (${FTS_MATCHES})`);
      otherParams.push(match);
    }
  }
  const categories = q.categories ?? [];
  const inCategories = `category IN (${placeholders(categories)})`;
  const params = [...viewParams, ...otherParams, ...categories];
  const tenant = text === null ? null : tenantSize(db, 'exante', organizationUid);

  let total: number;
  if (
    text !== null &&
    tenant?.rows === tenant?.all &&
    view.length === 1 &&
    other.length === 1 &&
    categories.length === 0
  ) {
    // When this organization holds every conversation, its test is true of every match,
    // so a search with no other filter has exactly as many results as the doclist has
    // entries (the FTS index mirrors the rows: the search results already depend on that).
    total = text.matches;
  } else {
    let countSql: string;
    if (other.length === 0 && categories.length === 0) {
      countSql = `SELECT COALESCE(SUM(c.n), 0) AS n FROM ${VIEW_COUNT_TABLES.exante} c
        WHERE ${view.join(' AND ')}`;
    } else if (other.length === 0 && categories.length === 1) {
      countSql = `SELECT COALESCE(SUM(c.n), 0) AS n FROM ${VIEW_COUNT_TABLES.exanteCategory} c
        WHERE ${[...view, `c.${inCategories}`].join(' AND ')}`;
    } else {
      // Counting visits every match anyway, so the category test starts from its rows.
      const where = [...view, ...other];
      if (categories.length > 0) {
        where.push(`c.seq IN (SELECT conversation_seq FROM ex_conversation_categories
          WHERE ${inCategories})`);
      }
      countSql = `SELECT COUNT(*) AS n FROM ex_conversations c WHERE ${where.join(' AND ')}`;
    }
    total = (prepareCached(db, countSql).get(...params) as { n: number }).n;
  }

  const offset = (q.page - 1) * q.perPage;
  if (offset >= total) return { rows: [], total };
  const end = Math.min(offset + q.perPage, total);
  // OFFSET costs one index step per skipped row. Past the middle, counting from the other
  // end skips fewer: the same rows, read in reverse order and turned around.
  const fromEnd = offset > total - end;
  const skip = fromEnd ? total - end : offset;

  const pageWhere = [...view, ...other];
  if (
    text !== null &&
    tenant !== null &&
    preferIndexOrder(text.matches, tenant.rows, skip + end - offset)
  ) {
    // Unary + keeps SQLite from driving the page from the match set (fetch all, sort); it
    // walks the sort index instead and tests each row against the set.
    pageWhere[view.length + text.at] = `+c.seq IN (${FTS_MATCHES})`;
  }
  if (categories.length > 0) {
    // In sort order, a primary-key probe per row asks whether it has the category, where
    // the IN form would fetch and sort every conversation of the category.
    pageWhere.push(`EXISTS (SELECT 1 FROM ex_conversation_categories cc
      WHERE cc.${inCategories} AND cc.conversation_seq = c.seq)`);
  }
  const descending = q.descending !== fromEnd;
  const direction = descending ? 'DESC' : 'ASC';
  const rows = prepareCached(
    db,
    `SELECT c.* FROM ex_conversations c WHERE ${pageWhere.join(' AND ')}
     ORDER BY ${SORT_EXPRESSIONS[q.sortField]} ${direction}, c.seq ${direction}
     LIMIT ? OFFSET ?`,
  ).all(...params, end - offset, skip) as ExConversationRow[];
  return { rows: fromEnd ? rows.reverse() : rows, total };
}

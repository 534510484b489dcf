import type { Database } from 'better-sqlite3';
import { toFtsQuery } from '../db/fts-query.ts';
import { prepareCached } from '../db/statement-cache.ts';
import {
  ASSUMED_BOOLEAN_SPELLINGS,
  ASSUMED_REJECT_UNKNOWN_PARAMS,
  ASSUMED_SEARCH_PARAMS,
} from './assumptions.ts';
import type { ExConversationRow } from './rows.ts';

export const LIFECYCLES = ['draft', 'active', 'archived', 'closed'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];
export const CHANNELS = ['email', 'sms'] as const;
export const SORT_FIELDS = [
  'created_on',
  'updated_on',
  'sent_at',
  'subject',
  'status',
  'channel',
] as const;
type SortField = (typeof SORT_FIELDS)[number];

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KNOWN: ReadonlySet<string> = new Set([
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
  ...ASSUMED_SEARCH_PARAMS,
]);

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
  const errors: FieldErrors = {};
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
  let search: string | null = null;
  for (const name of ASSUMED_SEARCH_PARAMS) {
    const value = get(name);
    if (value !== undefined && search === null) search = value;
  }
  if (search !== null && search.length > 500)
    fail('search', 'search must be at most 500 characters.');
  const sortRaw = get('sort') ?? '-updated_on';
  const descending = sortRaw.startsWith('-');
  const sortField = descending ? sortRaw.slice(1) : sortRaw;
  if (!(SORT_FIELDS as readonly string[]).includes(sortField)) {
    fail('sort', `sort must be one of ${SORT_FIELDS.join(', ')}, optionally prefixed with -.`);
  }
  // Bounded so (page - 1) * per_page stays an exact integer.
  const page = positiveInteger('page', 1, 1_000_000_000);
  const perPage = positiveInteger('per_page', 25, 100);

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

export function runList(
  db: Database,
  organizationUid: string,
  q: ListQuery,
): { rows: ExConversationRow[]; total: number } {
  const where = ['c.organization_uid = ?'];
  const params: unknown[] = [organizationUid];
  if (q.isRead !== null) where.push(q.isRead ? 'c.is_read = 1' : 'c.is_read = 0');
  if (q.statuses !== null) {
    where.push(`c.status IN (${placeholders(q.statuses)})`);
    params.push(...q.statuses);
  }
  if (q.channel !== null) {
    where.push('c.channel = ?');
    params.push(q.channel);
  }
  if (q.categories !== null) {
    where.push(
      `c.seq IN (SELECT conversation_seq FROM ex_conversation_categories WHERE category IN (${placeholders(q.categories)}))`,
    );
    params.push(...q.categories);
  }
  if (q.agentUid !== null) {
    where.push('c.agent_uid = ?');
    params.push(q.agentUid);
  }
  if (q.partyUid !== null) {
    where.push('c.party_uid = ?');
    params.push(q.partyUid);
  }
  if (q.search !== null) {
    const match = toFtsQuery(q.search);
    if (match === null) {
      where.push('0');
    } else {
      where.push('c.seq IN (SELECT rowid FROM ex_fts WHERE ex_fts MATCH ?)');
      params.push(match);
    }
  }
  const whereSql = where.join(' AND ');
  const total = (
    prepareCached(db, `SELECT COUNT(*) AS n FROM ex_conversations c WHERE ${whereSql}`).get(
      ...params,
    ) as { n: number }
  ).n;
  const offset = (q.page - 1) * q.perPage;
  if (offset >= total) return { rows: [], total };
  const direction = q.descending ? 'DESC' : 'ASC';
  const rows = prepareCached(
    db,
    `SELECT c.* FROM ex_conversations c WHERE ${whereSql}
     ORDER BY ${SORT_EXPRESSIONS[q.sortField]} ${direction}, c.seq ${direction}
     LIMIT ? OFFSET ?`,
  ).all(...params, q.perPage, offset) as ExConversationRow[];
  return { rows, total };
}

import type { Database } from 'better-sqlite3';
import type { Config } from '../../server/config.ts';
import {
  DEMO_EXANTE_AGENT_UID,
  DEMO_HIGHLEVEL_USER_ID,
} from '../../server/seed/demo-identities.ts';

export type Contract = 'highlevel' | 'exante';
export type Group = 'floor' | 'depth' | 'filter' | 'search';

export interface Scenario {
  id: string;
  contract: Contract | null;
  group: Group;
  label: string;
  /** Depth in the list, 0 to 1, for the depth scenarios. */
  depth?: number;
  path: string;
}

/** The app's page size for both providers (src/api/providers/*.ts). */
export const PAGE_SIZE = 50;

export const DEPTHS: readonly { key: string; label: string; at: number }[] = [
  { key: 'first', label: 'first page', at: 0 },
  { key: 'quarter', label: 'page at 25 %', at: 0.25 },
  { key: 'middle', label: 'page at 50 %', at: 0.5 },
  { key: 'last', label: 'last page', at: 1 },
];

type Query = [string, string | number][];
const qs = (entries: Query): string =>
  entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');

/**
 * Requests shaped as the app sends them (parameters in the app's order, its page size),
 * with filter values and search terms taken from the data so every size asks the same
 * questions of its own rows.
 */
export function buildScenarios(db: Database, config: Config, size: number): Scenario[] {
  return [
    {
      id: 'floor',
      contract: null,
      group: 'floor',
      label: 'HTTP floor: GET /parley/config',
      path: '/parley/config',
    },
    ...highLevelScenarios(db, config, size),
    ...exanteScenarios(db, config, size),
  ];
}

function highLevelScenarios(db: Database, config: Config, size: number): Scenario[] {
  const location = config.demoLocationId;
  const path = (extra: Query, cursor: Query = []) =>
    `/providers/highlevel/conversations/search?${qs([
      ['locationId', location],
      ['limit', PAGE_SIZE],
      ...extra,
      ['sort', 'desc'],
      ['sortBy', 'last_message_date'],
      ...cursor,
    ])}`;
  // A keyset cursor is the [sortValue, seq] of the row before the page: read it straight
  // from the default order rather than by paging there, which at 1M would take minutes.
  const rowBefore = db.prepare(
    `SELECT last_message_date AS value, seq FROM hl_conversations WHERE location_id = ?
     ORDER BY last_message_date DESC, seq DESC LIMIT 1 OFFSET ?`,
  );
  const depth = DEPTHS.map(({ key, label, at }): Scenario => {
    const start = pageStart(at, size);
    let cursor: Query = [];
    if (start > 0) {
      const row = rowBefore.get(location, start - 1) as { value: number; seq: number };
      cursor = [
        ['startAfterDate[]', row.value],
        ['startAfterDate[]', row.seq],
      ];
    }
    return {
      id: `hl.${key}`,
      contract: 'highlevel',
      group: 'depth',
      label: start === 0 ? 'default view, first page' : `keyset ${label}`,
      depth: at,
      path: path([], cursor),
    };
  });
  const name = sampleText(
    db,
    `SELECT full_name AS text FROM hl_conversations WHERE location_id = ? AND seq >= ?
     ORDER BY seq LIMIT 50`,
    [location, Math.floor(size / 2)],
    /^[A-Za-z]+ [A-Za-z]+$/,
  );
  return [
    ...depth,
    filter(
      'hl.assignee',
      'highlevel',
      'assigned to me',
      path([['assignedTo', DEMO_HIGHLEVEL_USER_ID]]),
    ),
    filter('hl.unassigned', 'highlevel', 'unassigned', path([['assignedTo', 'unassigned']])),
    filter('hl.unread', 'highlevel', 'unread', path([['status', 'unread']])),
    filter('hl.starred', 'highlevel', 'starred', path([['status', 'starred']])),
    search(
      'hl.search-word',
      'highlevel',
      'search a common word ("refund")',
      path([['query', 'refund']]),
    ),
    search('hl.search-name', 'highlevel', `search a contact's name`, path([['query', name]])),
  ];
}

function exanteScenarios(db: Database, config: Config, size: number): Scenario[] {
  const organization = config.demoOrganizationUid;
  const path = (extra: Query, page = 1) =>
    `/providers/exante/api/conversations?${qs([
      ['organization_uid', organization],
      ...extra,
      ['sort', '-updated_on'],
      ['page', page],
      ['per_page', PAGE_SIZE],
    ])}`;
  const pages = Math.max(1, Math.ceil(size / PAGE_SIZE));
  const depth = DEPTHS.map(({ key, label, at }): Scenario => {
    const page = Math.min(pages, Math.floor(pageStart(at, size) / PAGE_SIZE) + 1);
    return {
      id: `ex.${key}`,
      contract: 'exante',
      group: 'depth',
      label: page === 1 ? 'default view, first page' : `page=${page} (${label})`,
      depth: at,
      path: path([], page),
    };
  });
  const subject = sampleText(
    db,
    `SELECT subject AS text FROM ex_conversations WHERE organization_uid = ? AND seq >= ?
     ORDER BY seq LIMIT 200`,
    [organization, Math.floor(size / 2)],
    /^[A-Za-z ]+[A-Z]+-\d+[A-Za-z ]*$/,
  );
  return [
    ...depth,
    filter('ex.unread', 'exante', 'is_read=false', path([['is_read', 'false']])),
    filter('ex.active', 'exante', 'status=active', path([['status', 'active']])),
    filter('ex.agent', 'exante', 'agent_uid=me', path([['agent_uid', DEMO_EXANTE_AGENT_UID]])),
    filter('ex.category', 'exante', 'category=refund', path([['category', 'refund']])),
    search(
      'ex.search-word',
      'exante',
      'search a common word ("invoice")',
      path([['search', 'invoice']]),
    ),
    search(
      'ex.search-number',
      'exante',
      'search a subject with its number',
      path([['search', subject]]),
    ),
  ];
}

/** First row of the page at `at` (0 to 1) of a list of `size` rows, page-aligned. */
function pageStart(at: number, size: number): number {
  const lastPageStart = Math.max(0, Math.ceil(size / PAGE_SIZE) - 1) * PAGE_SIZE;
  return Math.min(lastPageStart, Math.floor((at * size) / PAGE_SIZE) * PAGE_SIZE);
}

/** The first value that looks like something an agent would type (skips hostile rows). */
function sampleText(db: Database, sql: string, params: unknown[], shape: RegExp): string {
  const rows = db.prepare(sql).all(...params) as { text: string }[];
  const found = rows.find((row) => shape.test(row.text));
  if (found === undefined) throw new Error(`no sample text matching ${shape} for: ${sql}`);
  return found.text;
}

const filter = (id: string, contract: Contract, label: string, path: string): Scenario => ({
  id,
  contract,
  group: 'filter',
  label,
  path,
});

const search = (id: string, contract: Contract, label: string, path: string): Scenario => ({
  id,
  contract,
  group: 'search',
  label,
  path,
});

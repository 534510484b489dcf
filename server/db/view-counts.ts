import type { Database } from 'better-sqlite3';
import { prepareCached } from './statement-cache.ts';

/**
 * Every list response carries an exact `total`. At a million conversations a COUNT(*) over
 * the default view walks a million index entries (tens of milliseconds) on every request,
 * and that, not the page of rows, is what a list request costs. These tables hold the
 * number of conversations per combination of the inbox-view filters (a few hundred groups
 * at most), so the total of a view made only of those filters is a SUM over a handful of
 * rows.
 *
 * Triggers keep them exact, in the same transaction as the write that changes a
 * conversation, whoever makes it (route handlers, test hooks, a sqlite3 shell): no write
 * path has to remember them. They are built in one GROUP BY after the seed's bulk insert
 * (firing per row would slow the seed), and on open for a file seeded before they existed.
 *
 * Columns are named after the conversation columns they group, so the list code can apply
 * the same predicate text to either table. `hl_view_counts.unread_count` holds 0 or 1
 * (whether the conversation's unread_count is positive): all that the read/unread
 * predicates (`= 0`, `> 0`) look at.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS hl_view_counts (
  location_id TEXT NOT NULL,
  assigned_to TEXT,
  unread_count INTEGER NOT NULL,
  starred INTEGER NOT NULL,
  last_message_type TEXT NOT NULL,
  n INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS hl_view_counts_key ON hl_view_counts (
  location_id, assigned_to, unread_count, starred, last_message_type
);

CREATE TABLE IF NOT EXISTS ex_view_counts (
  organization_uid TEXT NOT NULL,
  is_read INTEGER NOT NULL,
  status TEXT NOT NULL,
  channel TEXT NOT NULL,
  agent_uid TEXT,
  n INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ex_view_counts_key ON ex_view_counts (
  organization_uid, is_read, status, channel, agent_uid
);

CREATE TABLE IF NOT EXISTS ex_category_counts (
  organization_uid TEXT NOT NULL,
  category TEXT NOT NULL COLLATE NOCASE,
  is_read INTEGER NOT NULL,
  status TEXT NOT NULL,
  channel TEXT NOT NULL,
  agent_uid TEXT,
  n INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ex_category_counts_key ON ex_category_counts (
  organization_uid, category, is_read, status, channel, agent_uid
);
`;

interface CountTable {
  name: string;
  key: readonly string[];
}

const HL: CountTable = {
  name: 'hl_view_counts',
  key: ['location_id', 'assigned_to', 'unread_count', 'starred', 'last_message_type'],
};
const EX: CountTable = {
  name: 'ex_view_counts',
  key: ['organization_uid', 'is_read', 'status', 'channel', 'agent_uid'],
};
const EX_CATEGORY: CountTable = {
  name: 'ex_category_counts',
  key: ['organization_uid', 'category', 'is_read', 'status', 'channel', 'agent_uid'],
};

/**
 * Adds `delta` to the group of every row of `source`, a FROM item aliased `s` whose
 * columns are the table's key. Groups are matched with IS, not =, because the assignee
 * is NULL for unassigned conversations; a missing group is created before an increment.
 * Each source row is a distinct group (one conversation, or one conversation's distinct
 * categories), so updating by rowid adds `delta` once per row.
 */
function bump(table: CountTable, source: string, delta: 1 | -1): string {
  const same = table.key.map((column) => `k.${column} IS s.${column}`).join(' AND ');
  const create =
    delta > 0
      ? `INSERT INTO ${table.name} (${table.key.join(', ')}, n)
           SELECT ${table.key.map((column) => `s.${column}`).join(', ')}, 0 FROM ${source}
           WHERE NOT EXISTS (SELECT 1 FROM ${table.name} k WHERE ${same});`
      : '';
  return `${create}
  UPDATE ${table.name} SET n = n ${delta > 0 ? '+' : '-'} 1
    WHERE rowid IN (SELECT k.rowid FROM ${table.name} k, ${source} WHERE ${same});`;
}

/** A HighLevel conversation row (`NEW` or `OLD`) as its group key. */
const hlGroup = (row: string) =>
  `(SELECT ${row}.location_id AS location_id, ${row}.assigned_to AS assigned_to,
     (${row}.unread_count > 0) AS unread_count, ${row}.starred AS starred,
     ${row}.last_message_type AS last_message_type) AS s`;

const exColumns = (row: string) =>
  `${row}.is_read AS is_read, ${row}.status AS status, ${row}.channel AS channel, ${row}.agent_uid AS agent_uid`;

const exGroup = (row: string) =>
  `(SELECT ${row}.organization_uid AS organization_uid, ${exColumns(row)}) AS s`;

/** The categories of conversation row `row`, each with the conversation's key. */
const categoriesOf = (row: string) =>
  `(SELECT ${row}.organization_uid AS organization_uid, cc.category AS category, ${exColumns(row)}
     FROM ex_conversation_categories cc WHERE cc.conversation_seq = ${row}.seq) AS s`;

/** A category row (`NEW` or `OLD`) with its conversation's key; none if it has no conversation. */
const conversationOf = (row: string) =>
  `(SELECT conv.organization_uid AS organization_uid, ${row}.category AS category, ${exColumns('conv')}
     FROM ex_conversations conv WHERE conv.seq = ${row}.conversation_seq) AS s`;

const changed = (columns: readonly string[]) =>
  columns.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ');

/**
 * The category counts keep this invariant: they equal the join of category rows with
 * their conversations, grouped. So every change to either side of the join is covered,
 * including a category row whose conversation does not exist (it counts nowhere, as it
 * would not in the COUNT these tables stand in for).
 */
const TRIGGERS: Record<string, string> = {
  hl_view_counts_insert_v1: `AFTER INSERT ON hl_conversations BEGIN
    ${bump(HL, hlGroup('NEW'), 1)}
  END`,
  hl_view_counts_delete_v1: `AFTER DELETE ON hl_conversations BEGIN
    ${bump(HL, hlGroup('OLD'), -1)}
  END`,
  hl_view_counts_update_v1: `AFTER UPDATE OF location_id, assigned_to, unread_count, starred,
      last_message_type ON hl_conversations
    WHEN ${changed(['location_id', 'assigned_to', 'starred', 'last_message_type'])}
      OR (OLD.unread_count > 0) IS NOT (NEW.unread_count > 0)
    BEGIN
    ${bump(HL, hlGroup('OLD'), -1)}
    ${bump(HL, hlGroup('NEW'), 1)}
  END`,
  ex_view_counts_insert_v1: `AFTER INSERT ON ex_conversations BEGIN
    ${bump(EX, exGroup('NEW'), 1)}
    ${bump(EX_CATEGORY, categoriesOf('NEW'), 1)}
  END`,
  ex_view_counts_delete_v1: `AFTER DELETE ON ex_conversations BEGIN
    ${bump(EX, exGroup('OLD'), -1)}
    ${bump(EX_CATEGORY, categoriesOf('OLD'), -1)}
  END`,
  ex_view_counts_update_v1: `AFTER UPDATE OF seq, organization_uid, is_read, status, channel,
      agent_uid ON ex_conversations
    WHEN ${changed(['seq', 'organization_uid', 'is_read', 'status', 'channel', 'agent_uid'])}
    BEGIN
    ${bump(EX, exGroup('OLD'), -1)}
    ${bump(EX, exGroup('NEW'), 1)}
    ${bump(EX_CATEGORY, categoriesOf('OLD'), -1)}
    ${bump(EX_CATEGORY, categoriesOf('NEW'), 1)}
  END`,
  ex_category_counts_insert_v1: `AFTER INSERT ON ex_conversation_categories BEGIN
    ${bump(EX_CATEGORY, conversationOf('NEW'), 1)}
  END`,
  ex_category_counts_delete_v1: `AFTER DELETE ON ex_conversation_categories BEGIN
    ${bump(EX_CATEGORY, conversationOf('OLD'), -1)}
  END`,
  ex_category_counts_update_v1: `AFTER UPDATE ON ex_conversation_categories BEGIN
    ${bump(EX_CATEGORY, conversationOf('OLD'), -1)}
    ${bump(EX_CATEGORY, conversationOf('NEW'), 1)}
  END`,
};

const REBUILD = `
DELETE FROM hl_view_counts;
INSERT INTO hl_view_counts (location_id, assigned_to, unread_count, starred, last_message_type, n)
  SELECT location_id, assigned_to, unread_count > 0, starred, last_message_type, COUNT(*)
  FROM hl_conversations GROUP BY 1, 2, 3, 4, 5;
DELETE FROM ex_view_counts;
INSERT INTO ex_view_counts (organization_uid, is_read, status, channel, agent_uid, n)
  SELECT organization_uid, is_read, status, channel, agent_uid, COUNT(*)
  FROM ex_conversations GROUP BY 1, 2, 3, 4, 5;
DELETE FROM ex_category_counts;
INSERT INTO ex_category_counts (organization_uid, category, is_read, status, channel, agent_uid, n)
  SELECT c.organization_uid, cc.category, c.is_read, c.status, c.channel, c.agent_uid, COUNT(*)
  FROM ex_conversation_categories cc JOIN ex_conversations c ON c.seq = cc.conversation_seq
  GROUP BY 1, 2, 3, 4, 5, 6;
`;

/**
 * Creates the count tables and their triggers, filling the tables from the data, unless
 * every trigger of this version is already there. Trigger names carry a version: changing
 * their logic means a new suffix, and the old set is dropped and the counts rebuilt. One
 * transaction, so no write can land between the rebuild and the first trigger.
 */
export function ensureViewCounts(db: Database): void {
  const present = new Set(
    (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'trigger'
             AND (name LIKE '%\\_view\\_counts\\_%' ESCAPE '\\' OR name LIKE 'ex\\_category\\_counts\\_%' ESCAPE '\\')`,
        )
        .all() as { name: string }[]
    ).map((row) => row.name),
  );
  const wanted = Object.keys(TRIGGERS);
  if (wanted.length === present.size && wanted.every((name) => present.has(name))) return;
  db.transaction(() => {
    for (const name of present) db.exec(`DROP TRIGGER IF EXISTS "${name}"`);
    db.exec(TABLES);
    db.exec(REBUILD);
    for (const [name, body] of Object.entries(TRIGGERS)) db.exec(`CREATE TRIGGER ${name} ${body}`);
  })();
}

/** The names of the count tables, for code that reads them. */
export const VIEW_COUNT_TABLES = {
  highlevel: HL.name,
  exante: EX.name,
  exanteCategory: EX_CATEGORY.name,
} as const;

export interface TenantSize {
  /** Conversations of the tenant. */
  rows: number;
  /** Conversations of every tenant in the file. */
  all: number;
}

/** Both from the count tables: a few rows read, however many conversations there are. */
export function tenantSize(
  db: Database,
  provider: 'highlevel' | 'exante',
  tenantId: string,
): TenantSize {
  const [table, column] =
    provider === 'highlevel' ? [HL.name, 'location_id'] : [EX.name, 'organization_uid'];
  const row = prepareCached(
    db,
    `SELECT COALESCE(SUM(CASE WHEN ${column} = ? THEN n END), 0) AS rows,
            COALESCE(SUM(n), 0) AS "all"
       FROM ${table}`,
  ).get(tenantId) as TenantSize;
  return row;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListQuery, runList } from '../exante/list-query.ts';
import { parseSearchQuery, runSearch } from '../highlevel/search.ts';
import {
  DEMO_EXANTE_AGENT_UID,
  DEMO_HIGHLEVEL_USER_ID,
  PINNED_CLOCK_ISO,
} from '../seed/demo-identities.ts';
import { LOCATION_ID, ORGANIZATION_UID } from '../test-support/fixtures.ts';
import { openDatabase } from './open-database.ts';

/**
 * The list endpoints stay fast at a million conversations only if every query they run is
 * an index search, pages come out of an index already in order, and the `total` of the
 * inbox views is read from the count tables. Those are properties of the query plans,
 * checked here with EXPLAIN QUERY PLAN on the statements the list code actually runs —
 * structure, never wall-clock time (bench/api measures the time).
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-plans-'));
let db: Database;

beforeAll(() => {
  // Large enough that ANALYZE's statistics look like a real inbox's to the planner.
  db = openDatabase({
    path: path.join(dir, 'plans.db'),
    seed: 1,
    seedSize: 3000,
    locationId: LOCATION_ID,
    organizationUid: ORGANIZATION_UID,
    clockMs: Date.parse(PINNED_CLOCK_ISO),
  }).db;
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Ran {
  sql: string;
  params: unknown[];
}

/** Runs `list` against a view of the database that records every statement it executes. */
function recordStatements(list: (db: Database) => unknown): Ran[] {
  const ran: Ran[] = [];
  const record = (sql: string, statement: Statement) =>
    ({
      get: (...params: unknown[]) => {
        ran.push({ sql, params });
        return statement.get(...params);
      },
      all: (...params: unknown[]) => {
        ran.push({ sql, params });
        return statement.all(...params);
      },
    }) as unknown as Statement;
  // A fresh proxy per call: the statement cache is keyed by the database object, so every
  // statement is prepared (and so recorded) again.
  const recording = new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => record(sql, target.prepare(sql));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  list(recording);
  return ran;
}

const plan = ({ sql, params }: Ran): string[] =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
    (row) => row.detail,
  );

const readsConversations = (sql: string) => /\bFROM (hl|ex)_conversations c\b/.test(sql);
const isPage = (sql: string) => /\bORDER BY\b/.test(sql);
const fromCounts = (sql: string) =>
  /\bFROM (hl_view_counts|ex_view_counts|ex_category_counts)\b/.test(sql);

interface Expectation {
  /** The total comes from the count tables: no COUNT(*) over conversations at all. */
  countFromTables: boolean;
  /** The page comes out of an index in order (no sort of the matches). */
  pageInIndexOrder: boolean;
}

function expectPlans(ran: Ran[], expected: Expectation): void {
  expect(ran.length).toBeGreaterThan(0);
  for (const statement of ran) {
    const lines = plan(statement);
    const where = `${statement.sql.replace(/\s+/g, ' ')}\n  ${lines.join('\n  ')}`;
    if (readsConversations(statement.sql)) {
      // "SCAN c" (with or without a covering index) visits every conversation.
      expect(
        lines.filter((line) => /^SCAN c\b/.test(line)),
        where,
      ).toEqual([]);
      expect(
        lines.some((line) => /^SEARCH c USING /.test(line)),
        where,
      ).toBe(true);
    }
    if (expected.pageInIndexOrder && isPage(statement.sql)) {
      expect(
        lines.filter((line) => line.includes('TEMP B-TREE FOR ORDER BY')),
        where,
      ).toEqual([]);
    }
  }
  const counts = ran.filter((statement) => /COUNT\(\*\)|SUM\(c\.n\)/.test(statement.sql));
  if (expected.countFromTables) {
    expect(counts.map((s) => s.sql).filter((sql) => !fromCounts(sql))).toEqual([]);
    expect(counts.length).toBe(1);
  }
}

function highLevel(query: string): Ran[] {
  const parsed = parseSearchQuery(
    new URLSearchParams(`locationId=${LOCATION_ID}&limit=50${query}`),
  );
  if (!parsed.ok) throw new Error(parsed.errors.join(', '));
  return recordStatements((recording) => runSearch(recording, parsed.value));
}

function exante(query: string): Ran[] {
  const parsed = parseListQuery(
    new URLSearchParams(`organization_uid=${ORGANIZATION_UID}&per_page=50${query}`),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return recordStatements((recording) => runList(recording, ORGANIZATION_UID, parsed.value));
}

const views = { countFromTables: true, pageInIndexOrder: true };

describe('HighLevel search query plans', () => {
  it.each([
    ['the default view', ''],
    ['the default view, explicitly sorted', '&sort=desc&sortBy=last_message_date'],
    ['oldest first', '&sort=asc'],
    ['assigned to one agent', `&assignedTo=${DEMO_HIGHLEVEL_USER_ID}`],
    ['unassigned', '&assignedTo=unassigned'],
    ['unread', '&status=unread'],
    ['read', '&status=read'],
    ['starred', '&status=starred'],
    ['mine and unread', `&assignedTo=${DEMO_HIGHLEVEL_USER_ID}&status=unread`],
    ['one channel', '&lastMessageType=TYPE_SMS'],
  ])('%s: index search, page in index order, total from the counts', (_, query) => {
    expectPlans(highLevel(query), views);
  });

  it('keeps a keyset page an index seek, wherever the cursor is', () => {
    const row = db
      .prepare(
        `SELECT last_message_date AS value, seq FROM hl_conversations
         ORDER BY last_message_date DESC, seq DESC LIMIT 1 OFFSET 1500`,
      )
      .get() as { value: number; seq: number };
    const ran = highLevel(`&startAfterDate[]=${row.value}&startAfterDate[]=${row.seq}`);
    expectPlans(ran, views);
    const page = ran.find((statement) => isPage(statement.sql));
    expect(page && plan(page).join('\n')).toMatch(
      /SEARCH c USING INDEX \S+ \(location_id=\? AND last_message_date<\?\)/,
    );
  });

  it.each([
    ['a common word', '&query=refund'],
    ['a rare word', '&query=zzzznotthere'],
    ['a word and a filter', '&query=refund&status=unread'],
  ])('searching %s goes through the full-text index, never a scan', (_, query) => {
    const ran = highLevel(query);
    expectPlans(ran, { countFromTables: false, pageInIndexOrder: false });
    expect(
      ran.some((statement) =>
        plan(statement).some((line) => line.includes('hl_fts VIRTUAL TABLE')),
      ),
    ).toBe(true);
  });
});

describe('Exante list query plans', () => {
  it.each([
    ['the default view', ''],
    ['the default view, explicitly sorted', '&sort=-updated_on'],
    ['unread', '&is_read=false'],
    ['active', '&status=active'],
    ['one agent', `&agent_uid=${DEMO_EXANTE_AGENT_UID}`],
    ['one channel', '&channel=sms'],
    ['unread and active', '&is_read=false&status=active'],
    ['one category', '&category=refund'],
    ['one category, unread', '&category=refund&is_read=false'],
    ['a deep page', '&page=20'],
    ['the last page (read from the other end)', '&page=60'],
    ['sorted by creation', '&sort=created_on'],
    ['sorted by subject', '&sort=subject'],
  ])('%s: index search, page in index order, total from the counts', (_, query) => {
    expectPlans(exante(query), views);
  });

  it('reads the last page backwards from the nearer end', () => {
    const ran = exante('&page=60');
    const page = ran.find((statement) => isPage(statement.sql));
    expect(page?.sql).toMatch(/ORDER BY c\.updated_on ASC, c\.seq ASC/);
    expect(page?.params.slice(-2)).toEqual([50, 0]);
  });

  it.each([
    ['a common word', '&q=invoice'],
    ['a subject with its number', '&q=Question%20about%20invoice%20INV-57825'],
    ['a word and a filter', '&q=invoice&is_read=false'],
    ['two categories', '&category=refund,billing'],
  ])('searching %s goes through an index, never a scan', (_, query) => {
    expectPlans(exante(query), { countFromTables: false, pageInIndexOrder: false });
  });
});

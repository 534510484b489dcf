import type { Database } from 'better-sqlite3';
import { prepareCached } from './statement-cache.ts';

/**
 * How many documents an FTS5 expression matches, from its doclists alone: no conversation
 * row is read, so it costs a small fraction of a COUNT joined to the rows.
 */
export function countFtsMatches(db: Database, table: 'hl_fts' | 'ex_fts', match: string): number {
  return (
    prepareCached(db, `SELECT COUNT(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(match) as {
      n: number;
    }
  ).n;
}

/**
 * A page of search results can be found two ways, and SQLite cannot tell which is cheaper
 * because it has no idea how many rows a MATCH returns:
 *
 * - match-first: fetch every matching conversation, sort them, keep a page. Cost grows
 *   with the matches (about 2 µs each, a random row read plus the sort).
 * - index-first: walk the sort-order index from the page's start and keep the rows whose
 *   id is in the match set (built once from the doclist, about 0.25 µs a match). Cost
 *   grows with how far the walk goes before `needed` matches turn up: on average
 *   needed × tenantRows / matches index entries (about 0.3 µs each).
 *
 * Equating the two gives matches² ≈ needed × tenantRows / 8. A name or an invoice number
 * matches few rows and goes match-first; a common word matches thousands and goes
 * index-first, so neither kind reads a row it does not return.
 */
export function preferIndexOrder(matches: number, tenantRows: number, needed: number): boolean {
  return matches * matches * 8 > needed * tenantRows;
}

import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';

/**
 * What every write must leave true of the database, whichever write it was: the
 * trigger-kept view counts (server/db/view-counts.ts) equal the GROUP BY they stand for,
 * and each external-content full-text index (server/db/schema.ts) matches its rows.
 */

/** Each view-count table next to the GROUP BY it stands for; empty groups left out. */
export function expectCountsExact(db: Database): void {
  const rows = (sql: string) => db.prepare(sql).all();
  expect(
    rows(`SELECT location_id, assigned_to, unread_count, starred, last_message_type, n
          FROM hl_view_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`),
  ).toEqual(
    rows(`SELECT location_id, assigned_to, unread_count > 0 AS unread_count, starred,
            last_message_type, COUNT(*) AS n
          FROM hl_conversations GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  );
  expect(
    rows(`SELECT organization_uid, is_read, status, channel, agent_uid, n
          FROM ex_view_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`),
  ).toEqual(
    rows(`SELECT organization_uid, is_read, status, channel, agent_uid, COUNT(*) AS n
          FROM ex_conversations GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  );
  expect(
    rows(`SELECT organization_uid, LOWER(category) AS category, is_read, status, channel,
            agent_uid, n
          FROM ex_category_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6`),
  ).toEqual(
    rows(`SELECT c.organization_uid, LOWER(cc.category) AS category, c.is_read, c.status,
            c.channel, c.agent_uid, COUNT(*) AS n
          FROM ex_conversation_categories cc JOIN ex_conversations c ON c.seq = cc.conversation_seq
          GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`),
  );
}

/**
 * FTS5's own check of an external-content index against its table (rank 1 compares the
 * content too): it throws when a row's terms were not moved along with the row.
 */
export function expectFullTextIntact(db: Database): void {
  for (const table of ['hl_fts', 'ex_fts']) {
    expect(() =>
      db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run(),
    ).not.toThrow();
  }
}

import Database from 'better-sqlite3';
import type { Database as DatabaseType } from 'better-sqlite3';
import { createIndexes, createTables } from '../db/schema.ts';
import type { HlConversationRow } from '../highlevel/rows.ts';

/**
 * HighLevel conversations of a test's own making, for properties about what the seed does
 * not hold by chance (server/seed/highlevel-seed.ts draws its own): here, which of them
 * share a lastMessageDate or a dateAdded, and which are unread. Rows go in through plain
 * INSERTs, so the view-count triggers (server/db/view-counts.ts) keep the totals exact,
 * and into the full-text index as the seed's live inserts do.
 */

export interface HlTestConversation {
  id: string;
  lastMessageDate: number;
  dateAdded: number;
  unreadCount?: number;
  starred?: boolean;
  assignedTo?: string | null;
  lastMessageType?: string;
}

/** An empty database with Parley's schema, in memory: cheap enough for one per property run. */
export function emptyDatabase(): DatabaseType {
  const db = new Database(':memory:');
  // As server/db/open-database.ts: replaced rows fire delete triggers, keeping counts exact.
  db.pragma('recursive_triggers = ON');
  createTables(db);
  createIndexes(db);
  return db;
}

type Inserted = Omit<HlConversationRow, 'seq' | 'feedback'>;

/** Inserts the conversations in one transaction, in the order given (their seq order). */
export function insertHlConversations(
  db: DatabaseType,
  locationId: string,
  conversations: readonly HlTestConversation[],
): void {
  const insert = db.prepare(`INSERT INTO hl_conversations (
      id, location_id, contact_id, full_name, contact_name, email, phone, company_name, tags, type,
      last_message_body, last_message_type, last_message_direction, last_outbound_action,
      last_message_date, last_manual_message_date, date_added, date_updated, unread_count, starred,
      assigned_to, inbox, deleted, followers, mentions, due_at, overdue_at, msg_seed, msg_count,
      thread_user_id, hostile_body
    ) VALUES (
      @id, @location_id, @contact_id, @full_name, @contact_name, @email, @phone, @company_name, @tags, @type,
      @last_message_body, @last_message_type, @last_message_direction, @last_outbound_action,
      @last_message_date, @last_manual_message_date, @date_added, @date_updated, @unread_count, @starred,
      @assigned_to, @inbox, @deleted, @followers, @mentions, @due_at, @overdue_at, @msg_seed, @msg_count,
      @thread_user_id, @hostile_body
    )`);
  const index = db.prepare(
    'INSERT INTO hl_fts (rowid, full_name, contact_name, email, phone, last_message_body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const [i, c] of conversations.entries()) {
      const row: Inserted = {
        id: c.id,
        location_id: locationId,
        contact_id: `Contact${String(i).padStart(13, '0')}`,
        full_name: `Contact ${i}`,
        contact_name: `contact ${i}`,
        email: `contact${i}@example.com`,
        phone: '',
        company_name: null,
        tags: '[]',
        type: 'TYPE_PHONE',
        last_message_body: `Message ${i}`,
        last_message_type: c.lastMessageType ?? 'TYPE_SMS',
        last_message_direction: 'inbound',
        last_outbound_action: null,
        last_message_date: c.lastMessageDate,
        last_manual_message_date: null,
        date_added: c.dateAdded,
        date_updated: c.lastMessageDate,
        unread_count: c.unreadCount ?? 0,
        starred: c.starred ? 1 : 0,
        assigned_to: c.assignedTo ?? null,
        inbox: 1,
        deleted: 0,
        followers: '[]',
        mentions: '[]',
        due_at: null,
        overdue_at: null,
        msg_seed: i + 1,
        msg_count: 3,
        thread_user_id: null,
        hostile_body: null,
      };
      const seq = Number(insert.run(row).lastInsertRowid);
      index.run(seq, row.full_name, row.contact_name, row.email, row.phone, row.last_message_body);
    }
  })();
}

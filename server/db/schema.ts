import type { Database } from 'better-sqlite3';
import { ensureViewCounts } from './view-counts.ts';

/** Bumped whenever the seed's data changes shape: an older file is seeded again. */
export const SCHEMA_VERSION = '4';

/**
 * Subjects come from a small vocabulary of templates, so short prefixes ("inv", "po",
 * "for") each expand to doclists covering a large share of all conversations, and FTS5
 * merges those in full before it can intersect them. Prefix indexes for 2 and 3
 * characters make such a term one doclist it can seek in: a multi-word subject search at
 * 1M conversations drops from ~35 ms to ~8 ms per evaluation, for ~25 MB of index.
 * (HighLevel's fields are names, emails and message bodies: a long-tail vocabulary where
 * measured prefix expansions stay cheap, and the same indexes would cost ~125 MB.)
 */
const EX_FTS_COLUMNS = `subject,
  content='ex_conversations', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'`;

/**
 * Two providers, two sets of tables, each in its provider's natural shape (decision 0001).
 * `seq` (the rowid) is every conversation's stable tie-breaker: HighLevel's keyset cursor
 * and Exante's page order both end on it, so equal timestamps still give a total order.
 * Multi-valued filters (followers, mentions, categories) live in join tables so they stay
 * indexable; the same values are kept as JSON on the row for cheap output.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS parley_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS hl_users (
  id TEXT PRIMARY KEY,
  location_id TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  role TEXT NOT NULL,
  ord INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS hl_score_profiles (
  id TEXT PRIMARY KEY,
  location_id TEXT NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS hl_conversations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  location_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  full_name TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  company_name TEXT,
  tags TEXT NOT NULL,
  type TEXT NOT NULL,
  last_message_body TEXT NOT NULL,
  last_message_type TEXT NOT NULL,
  last_message_direction TEXT NOT NULL,
  last_outbound_action TEXT,
  last_message_date INTEGER NOT NULL,
  last_manual_message_date INTEGER,
  date_added INTEGER NOT NULL,
  date_updated INTEGER NOT NULL,
  unread_count INTEGER NOT NULL,
  starred INTEGER NOT NULL,
  assigned_to TEXT,
  inbox INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  followers TEXT NOT NULL,
  mentions TEXT NOT NULL,
  due_at INTEGER,
  overdue_at INTEGER,
  feedback TEXT,
  msg_seed INTEGER NOT NULL,
  msg_count INTEGER NOT NULL,
  thread_user_id TEXT,
  hostile_body TEXT
);

CREATE TABLE IF NOT EXISTS hl_followers (
  user_id TEXT NOT NULL,
  conversation_seq INTEGER NOT NULL,
  PRIMARY KEY (user_id, conversation_seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS hl_mentions (
  user_id TEXT NOT NULL,
  conversation_seq INTEGER NOT NULL,
  PRIMARY KEY (user_id, conversation_seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS hl_scores (
  profile_id TEXT NOT NULL,
  conversation_seq INTEGER NOT NULL,
  score INTEGER NOT NULL,
  PRIMARY KEY (profile_id, conversation_seq)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS hl_fts USING fts5(
  full_name, contact_name, email, phone, last_message_body,
  content='hl_conversations', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS ex_agents (
  uid TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  organization_uid TEXT NOT NULL,
  firstname TEXT NOT NULL,
  lastname TEXT NOT NULL,
  email TEXT NOT NULL,
  timezone TEXT NOT NULL,
  ord INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ex_parties (
  uid TEXT PRIMARY KEY,
  organization_uid TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS ex_conversations (
  seq INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  organization_uid TEXT NOT NULL,
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  status TEXT NOT NULL,
  subject TEXT NOT NULL,
  categories TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  is_read INTEGER NOT NULL,
  has_reply INTEGER NOT NULL,
  message_count INTEGER NOT NULL,
  metadata TEXT NOT NULL,
  agent_uid TEXT,
  party_uid TEXT NOT NULL,
  created_by_uid TEXT NOT NULL,
  parent_conversation_uid TEXT,
  created_on INTEGER NOT NULL,
  updated_on INTEGER NOT NULL,
  msg_seed INTEGER NOT NULL,
  hostile_snippet TEXT
);

CREATE TABLE IF NOT EXISTS ex_conversation_categories (
  category TEXT NOT NULL COLLATE NOCASE,
  conversation_seq INTEGER NOT NULL,
  PRIMARY KEY (category, conversation_seq)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS ex_fts USING fts5(
  ${EX_FTS_COLUMNS}
);

-- Messages agents sent through the APIs (docs/decisions/0015-answer-and-route.md). Seeded
-- threads are generated from their conversation's columns (server/highlevel/thread.ts,
-- server/exante/thread.ts); a sent message is stored here and merged into its thread.
-- The *_thread_origins tables keep the columns a seeded thread was generated from, as they
-- were before the first reply moved the conversation's own (its last message date, its
-- message count), so that the generated part of a thread never changes.
CREATE TABLE IF NOT EXISTS hl_sent_messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  conversation_seq INTEGER NOT NULL,
  send_type TEXT NOT NULL,
  message_type TEXT NOT NULL,
  body TEXT NOT NULL,
  html TEXT,
  subject TEXT,
  email_from TEXT,
  email_to TEXT,
  email_cc TEXT NOT NULL,
  email_bcc TEXT NOT NULL,
  reply_message_id TEXT,
  thread_id TEXT,
  attachments TEXT NOT NULL,
  status TEXT NOT NULL,
  date_added INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS hl_sent_messages_conversation ON hl_sent_messages (conversation_seq, seq);

CREATE TABLE IF NOT EXISTS hl_thread_origins (
  conversation_seq INTEGER PRIMARY KEY,
  last_message_date INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ex_sent_messages (
  seq INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  conversation_seq INTEGER NOT NULL,
  sender_uid TEXT NOT NULL,
  provider_message_id TEXT NOT NULL,
  from_email TEXT,
  from_name TEXT NOT NULL,
  to_addresses TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  content_type TEXT NOT NULL,
  labels TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ex_sent_messages_conversation ON ex_sent_messages (conversation_seq, seq);

CREATE TABLE IF NOT EXISTS ex_thread_origins (
  conversation_seq INTEGER PRIMARY KEY,
  message_count INTEGER NOT NULL,
  sent_at INTEGER NOT NULL
);
`;

/**
 * Created after a bulk seed rather than before: building an index once over sorted data is
 * several times faster than maintaining it through 100,000 inserts. Expression indexes
 * match the COALESCE()d sort keys the queries use, so nullable sort columns stay indexed.
 * The default-order indexes also carry the inbox-view flags (unread, starred, assignee;
 * read, status, channel), so a filtered page walks the index in order and tests them there,
 * reading only the rows it returns. The views' totals come from the trigger-kept count
 * tables (view-counts.ts), not from these.
 */
const INDEXES = `
CREATE INDEX IF NOT EXISTS hl_conv_last_message ON hl_conversations (
  location_id, last_message_date, seq,
  unread_count, starred, assigned_to, last_message_direction, last_outbound_action
);
CREATE INDEX IF NOT EXISTS hl_conv_last_type ON hl_conversations (location_id, last_message_type, last_message_date, seq);
CREATE INDEX IF NOT EXISTS hl_conv_last_manual ON hl_conversations (location_id, COALESCE(last_manual_message_date, 0), seq);
CREATE INDEX IF NOT EXISTS hl_conv_due ON hl_conversations (location_id, COALESCE(due_at, 0), seq);
CREATE INDEX IF NOT EXISTS hl_conv_overdue ON hl_conversations (location_id, COALESCE(overdue_at, 0), seq);
CREATE INDEX IF NOT EXISTS hl_conv_assignee ON hl_conversations (location_id, assigned_to, last_message_date, seq, unread_count, starred);
CREATE INDEX IF NOT EXISTS hl_conv_contact ON hl_conversations (contact_id);
CREATE INDEX IF NOT EXISTS hl_conv_date_added ON hl_conversations (location_id, date_added);
CREATE INDEX IF NOT EXISTS hl_scores_value ON hl_scores (profile_id, score, conversation_seq);

CREATE INDEX IF NOT EXISTS ex_conv_updated ON ex_conversations (organization_uid, updated_on, seq, is_read, status, channel);
CREATE INDEX IF NOT EXISTS ex_conv_created ON ex_conversations (organization_uid, created_on, seq);
CREATE INDEX IF NOT EXISTS ex_conv_sent ON ex_conversations (organization_uid, sent_at, seq);
CREATE INDEX IF NOT EXISTS ex_conv_subject ON ex_conversations (organization_uid, subject COLLATE NOCASE, seq);
CREATE INDEX IF NOT EXISTS ex_conv_status ON ex_conversations (organization_uid, status, seq);
CREATE INDEX IF NOT EXISTS ex_conv_channel ON ex_conversations (organization_uid, channel, seq);
CREATE INDEX IF NOT EXISTS ex_conv_agent ON ex_conversations (organization_uid, agent_uid, updated_on, seq, is_read, status, channel);
CREATE INDEX IF NOT EXISTS ex_conv_party ON ex_conversations (party_uid, updated_on, seq);
CREATE INDEX IF NOT EXISTS ex_conv_categories_conv ON ex_conversation_categories (conversation_seq);
`;

export function createTables(db: Database): void {
  db.exec(TABLES);
}

/** Indexes and the trigger-kept view counts: all derived from the rows, all idempotent. */
export function createIndexes(db: Database): void {
  db.exec(INDEXES);
  upgradeExanteFullText(db);
  ensureViewCounts(db);
}

/**
 * A file seeded before ex_fts had prefix indexes gets them here: the index is rebuilt
 * from the rows (seconds at 1M), in one transaction so a crash leaves the old one.
 */
function upgradeExanteFullText(db: Database): void {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'ex_fts'").get() as
    { sql: string } | undefined;
  if (row === undefined || row.sql.includes("prefix='2 3'")) return;
  db.transaction(() => {
    db.exec('DROP TABLE ex_fts');
    db.exec(`CREATE VIRTUAL TABLE ex_fts USING fts5(${EX_FTS_COLUMNS})`);
    db.exec("INSERT INTO ex_fts (ex_fts) VALUES ('rebuild')");
  })();
}

export function readMeta(db: Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM parley_meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function writeMeta(db: Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO parley_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

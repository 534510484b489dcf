import type { Database, Statement } from 'better-sqlite3';
import type { ConversationType } from '../highlevel/message-types.ts';
import type { HlConversationRow } from '../highlevel/rows.ts';
import { hlThread, summarizeHlThread, type HlThreadSummary } from '../highlevel/thread.ts';
import { DEMO_AGENT, DEMO_HIGHLEVEL_USER_ID } from './demo-identities.ts';
import { emailFor, phoneFor, randomName } from './people.ts';
import { createRng, deriveSeed, type Rng, unusedId } from './prng.ts';
import { COMPANY_NAMES, HOSTILE_NAMES, HOSTILE_STRINGS, LONG_TEXT, TAGS } from './vocabulary.ts';

const DAY = 86_400_000;
const SEED_SPAN_MS = 180 * DAY;
const USER_COUNT = 10;
const SCORE_PROFILES = ['Lead score', 'Engagement', 'Urgency'];

interface HlContext {
  locationId: string;
  userIds: string[];
  profileIds: string[];
}

interface Contact {
  contactId: string;
  fullName: string;
  contactName: string;
  email: string;
  phone: string;
  companyName: string | null;
  tags: string[];
}

interface Hostile {
  name?: string;
  body?: string;
  company?: string;
  email?: string;
}

/** Each hostile value lands in the field where it does the most damage to a naive UI. */
const HOSTILE_PLAN: Hostile[] = [
  ...HOSTILE_NAMES.map((name) => ({ name })),
  ...HOSTILE_STRINGS.map((body) => ({ body })),
  { body: LONG_TEXT },
  { company: '<img src=x onerror=alert(1)>' },
  { email: "o'brien+<test>@example.com" },
];

/** A conversation as inserted: every column but the database's `seq` and the write-only `feedback`. */
type Row = Omit<HlConversationRow, 'seq' | 'feedback'>;

interface Generated {
  row: Row;
  followers: string[];
  mentions: string[];
  scores: [string, number][];
}

function makeContact(rng: Rng, type: ConversationType, hostile: Hostile | null): Contact {
  const name = randomName(rng);
  const naming = rng.weighted([
    ['full', 88],
    ['first', 5],
    ['none', 7],
  ] as const);
  let fullName = naming === 'full' ? `${name.first} ${name.last}` : '';
  let contactName =
    naming === 'full' ? fullName.toLowerCase() : naming === 'first' ? name.first.toLowerCase() : '';
  let email = rng.chance(0.8) ? emailFor(rng, name) : '';
  let phone = rng.chance(0.85) ? phoneFor(rng) : '';
  if (type === 'TYPE_EMAIL' && email === '') email = emailFor(rng, name);
  if ((type === 'TYPE_PHONE' || type === 'TYPE_GROUP_SMS') && phone === '') phone = phoneFor(rng);
  if (email === '' && phone === '') phone = phoneFor(rng);
  let companyName = rng.chance(0.4) ? rng.pick(COMPANY_NAMES) : null;
  if (hostile?.name !== undefined) {
    fullName = hostile.name;
    contactName = hostile.name.toLowerCase();
  }
  if (hostile?.company !== undefined) companyName = hostile.company;
  if (hostile?.email !== undefined) email = hostile.email;
  return {
    contactId: rng.id20(),
    fullName,
    contactName,
    email,
    phone,
    companyName,
    tags: rng.sample(
      TAGS,
      rng.weighted([
        [0, 30],
        [1, 40],
        [2, 20],
        [3, 10],
      ] as const),
    ),
  };
}

interface GenerateOptions {
  lastMessageDate: number;
  /** "Now" for deciding whether a due date is already overdue. */
  now: number;
  hostile: Hostile | null;
  /** Reuse a contact (one contact can hold conversations of several types). */
  contact: Contact | null;
  /**
   * What the newest message must be: live conversations and imports arrive as new
   * inbound, unread messages; a campaign's as automated outbound ones.
   */
  last: 'inbound' | 'automated' | null;
  /** When the conversation was created; by default a while before its last message. */
  dateAdded?: number;
  /** The contact's agent, where conversations share a contact (HighLevel assigns contacts). */
  assignedTo?: string | null;
}

const lastMatches = (summary: HlThreadSummary, last: GenerateOptions['last']) =>
  last === null ||
  (last === 'inbound'
    ? summary.lastMessageDirection === 'inbound'
    : summary.lastOutboundMessageAction === 'automated' &&
      summary.lastMessageDirection === 'outbound');

function generate(rng: Rng, ctx: HlContext, options: GenerateOptions): Generated {
  const type = rng.weighted<ConversationType>([
    ['TYPE_PHONE', 60],
    ['TYPE_EMAIL', 25],
    ['TYPE_FB_MESSENGER', 8],
    ['TYPE_REVIEW', 4],
    ['TYPE_GROUP_SMS', 3],
  ]);
  const contact = options.contact ?? makeContact(rng, type, options.hostile);
  const assignedTo =
    options.assignedTo !== undefined
      ? options.assignedTo
      : rng.chance(0.15)
        ? null
        : rng.pick(ctx.userIds);
  const followers = rng.sample(
    ctx.userIds,
    rng.weighted([
      [0, 35],
      [1, 35],
      [2, 20],
      [3, 10],
    ] as const),
  );
  if (assignedTo !== null && !followers.includes(assignedTo) && rng.chance(0.6)) {
    followers.unshift(assignedTo);
  }
  const mentions = rng.chance(0.2) ? rng.sample(ctx.userIds, rng.int(1, 2)) : [];
  const count = rng.weighted([
    [3, 20],
    [4, 18],
    [5, 15],
    [6, 12],
    [7, 10],
    [8, 8],
    [9, 6],
    [10, 5],
    [11, 3],
    [12, 3],
  ] as const);
  const lastMessageDate = options.lastMessageDate;
  const dateAdded = options.dateAdded ?? lastMessageDate - rng.int(10 * 60_000, 30 * DAY);
  const threadUserId = assignedTo ?? rng.pick(ctx.userIds);
  const hostileBody = options.hostile?.body ?? null;

  let msgSeed = rng.uint32();
  let summary = summarizeHlThread(
    hlThread({
      msgSeed,
      count,
      conversationType: type,
      dateAdded,
      lastMessageDate,
      agentId: threadUserId,
      hostileBody,
    }),
  );
  for (let tries = 0; !lastMatches(summary, options.last) && tries < 50; tries++) {
    msgSeed = rng.uint32();
    summary = summarizeHlThread(
      hlThread({
        msgSeed,
        count,
        conversationType: type,
        dateAdded,
        lastMessageDate,
        agentId: threadUserId,
        hostileBody,
      }),
    );
  }

  const unread =
    summary.lastMessageDirection === 'inbound' && (options.last === 'inbound' || rng.chance(0.55));
  const dueAt = rng.chance(0.3) ? lastMessageDate + rng.int(3_600_000, 3 * DAY) : null;
  const row: Row = {
    id: rng.id20(),
    location_id: ctx.locationId,
    contact_id: contact.contactId,
    full_name: contact.fullName,
    contact_name: contact.contactName,
    email: contact.email,
    phone: contact.phone,
    company_name: contact.companyName,
    tags: JSON.stringify(contact.tags),
    type,
    last_message_body: summary.lastMessageBody,
    last_message_type: summary.lastMessageType,
    last_message_direction: summary.lastMessageDirection,
    last_outbound_action: summary.lastOutboundMessageAction,
    last_message_date: lastMessageDate,
    last_manual_message_date: summary.lastManualMessageDate,
    date_added: dateAdded,
    date_updated: lastMessageDate + (rng.chance(0.3) ? rng.int(1000, 3_600_000) : 0),
    unread_count: unread ? Math.max(1, summary.trailingInbound) : 0,
    starred: rng.chance(0.08) ? 1 : 0,
    assigned_to: assignedTo,
    inbox: rng.chance(0.97) ? 1 : 0,
    deleted: 0,
    followers: JSON.stringify(followers),
    mentions: JSON.stringify(mentions),
    due_at: dueAt,
    overdue_at: dueAt !== null && dueAt < options.now ? dueAt : null,
    msg_seed: msgSeed,
    msg_count: count,
    thread_user_id: threadUserId,
    hostile_body: hostileBody,
  };
  const scores: [string, number][] = ctx.profileIds.map((profileId) => [
    profileId,
    rng.int(0, 100),
  ]);
  return { row, followers, mentions, scores };
}

interface Inserters {
  conversation: Statement;
  follower: Statement;
  mention: Statement;
  score: Statement;
}

function prepareInserters(db: Database): Inserters {
  return {
    conversation: db.prepare(`INSERT INTO hl_conversations (
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
    )`),
    follower: db.prepare('INSERT INTO hl_followers (user_id, conversation_seq) VALUES (?, ?)'),
    mention: db.prepare('INSERT INTO hl_mentions (user_id, conversation_seq) VALUES (?, ?)'),
    score: db.prepare(
      'INSERT INTO hl_scores (profile_id, conversation_seq, score) VALUES (?, ?, ?)',
    ),
  };
}

function insert(inserters: Inserters, generated: Generated): number {
  const seq = Number(inserters.conversation.run(generated.row).lastInsertRowid);
  for (const userId of generated.followers) inserters.follower.run(userId, seq);
  for (const userId of generated.mentions) inserters.mention.run(userId, seq);
  for (const [profileId, score] of generated.scores) inserters.score.run(profileId, seq, score);
  return seq;
}

/** Writes users, score profiles and `size` conversations. Call inside a transaction. */
export function seedHighLevel(
  db: Database,
  options: { seed: number; size: number; locationId: string; nowMs: number },
): void {
  const now = options.nowMs;
  const rng = createRng(deriveSeed(options.seed, 'highlevel'));
  const insertUser = db.prepare(
    'INSERT INTO hl_users (id, location_id, first_name, last_name, email, phone, role, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const userIds: string[] = [DEMO_HIGHLEVEL_USER_ID];
  insertUser.run(
    DEMO_HIGHLEVEL_USER_ID,
    options.locationId,
    DEMO_AGENT.firstName,
    DEMO_AGENT.lastName,
    DEMO_AGENT.email,
    DEMO_AGENT.phone,
    'admin',
    0,
  );
  for (let i = 1; i < USER_COUNT; i++) {
    const name = randomName(rng);
    const id = rng.id20();
    userIds.push(id);
    insertUser.run(
      id,
      options.locationId,
      name.first,
      name.last,
      emailFor(rng, name, 'parley.test'),
      phoneFor(rng),
      i < 3 ? 'admin' : 'user',
      i,
    );
  }
  const insertProfile = db.prepare(
    'INSERT INTO hl_score_profiles (id, location_id, name) VALUES (?, ?, ?)',
  );
  const profileIds = SCORE_PROFILES.map((name) => {
    const id = rng.id20();
    insertProfile.run(id, options.locationId, name);
    return id;
  });

  const ctx: HlContext = { locationId: options.locationId, userIds, profileIds };
  const inserters = prepareInserters(db);
  const hostileStep = Math.max(1, Math.floor(options.size / (2 * HOSTILE_PLAN.length)));
  // A short memory of recent timestamps and contacts, to copy deliberately: ~10% of
  // conversations tie with another's lastMessageDate, and ~5% share a contact.
  const recentDates: number[] = [];
  const recentContacts: Contact[] = [];
  let hostileIndex = 0;
  const bursts = planBursts(rng, options.size, now);
  const plain = options.size - bursts.reduce((sum, burst) => sum + burst.count, 0);
  for (let i = 0; i < plain; i++) {
    let lastMessageDate = now - rng.int(0, SEED_SPAN_MS);
    if (recentDates.length > 0 && rng.chance(0.1)) lastMessageDate = rng.pick(recentDates);
    if (recentDates.length < 64) recentDates.push(lastMessageDate);
    else recentDates[i % 64] = lastMessageDate;
    const hostile =
      i % hostileStep === 0 ? (HOSTILE_PLAN[hostileIndex++ % HOSTILE_PLAN.length] ?? null) : null;
    const reuse = hostile === null && recentContacts.length > 0 && rng.chance(0.05);
    const generated = generate(rng, ctx, {
      lastMessageDate,
      now,
      hostile,
      contact: reuse ? rng.pick(recentContacts) : null,
      last: null,
    });
    insert(inserters, generated);
    if (hostile === null && !reuse) {
      const contact: Contact = {
        contactId: generated.row.contact_id,
        fullName: generated.row.full_name,
        contactName: generated.row.contact_name,
        email: generated.row.email,
        phone: generated.row.phone,
        companyName: generated.row.company_name,
        tags: JSON.parse(generated.row.tags) as string[],
      };
      if (recentContacts.length < 32) recentContacts.push(contact);
      else recentContacts[i % 32] = contact;
    }
  }
  for (const burst of bursts) {
    for (let i = 0; i < burst.count; i++) {
      insert(
        inserters,
        generate(rng, ctx, {
          lastMessageDate: burst.at,
          now,
          hostile: null,
          contact: null,
          last: burst.last,
          dateAdded: burst.dateAdded ?? undefined,
        }),
      );
    }
  }
}

interface Burst {
  /** The one lastMessageDate every conversation of the burst shares, to the millisecond. */
  at: number;
  count: number;
  last: GenerateOptions['last'];
  /** Shared too when set (conversations created together); else each has its own. */
  dateAdded: number | null;
}

/**
 * Real inboxes hold conversations that share a lastMessageDate to the millisecond: a
 * campaign sends to hundreds at once, an import brings hundreds in. The search's cursor is
 * that timestamp alone (decision 0012), so these bursts are what a client must page through
 * without skipping or repeating: one larger than any page the API serves, one of unread
 * conversations for the Unread view, and one whose creation dates tie as well.
 */
function planBursts(rng: Rng, size: number, now: number): Burst[] {
  const at = (daysAgo: number) => now - daysAgo * DAY - rng.int(0, DAY);
  const sharedAt = at(75);
  return [
    { at: at(60), count: Math.min(300, Math.floor(size / 8)), last: 'automated', dateAdded: null },
    { at: at(30), count: Math.min(150, Math.floor(size / 16)), last: 'inbound', dateAdded: null },
    {
      at: sharedAt,
      count: Math.min(60, Math.floor(size / 40)),
      last: 'inbound',
      dateAdded: sharedAt - 5 * 60_000,
    },
  ];
}

/**
 * New conversations, newest of all (the test hook for live updates). With `oneContact`
 * they share one new contact, so `contact=<id>` is a view of exactly these.
 */
export function addHighLevelConversations(
  db: Database,
  count: number,
  now: number,
  { oneContact = false } = {},
): { ids: string[]; contact: string | null } {
  const meta = db
    .prepare(
      'SELECT location_id AS locationId, MAX(last_message_date) AS newest, MAX(seq) AS maxSeq FROM hl_conversations',
    )
    .get() as { locationId: string | null; newest: number | null; maxSeq: number | null };
  const locationId =
    meta.locationId ??
    (db.prepare('SELECT location_id AS l FROM hl_users LIMIT 1').get() as { l: string } | undefined)
      ?.l;
  if (locationId === undefined) return { ids: [], contact: null };
  const userIds = (
    db.prepare('SELECT id FROM hl_users ORDER BY ord').all() as { id: string }[]
  ).map((u) => u.id);
  const profileIds = (
    db.prepare('SELECT id FROM hl_score_profiles ORDER BY rowid').all() as { id: string }[]
  ).map((p) => p.id);
  const rng = createRng(deriveSeed(meta.maxSeq ?? 0, `highlevel-live-${now}`));
  const inserters = prepareInserters(db);
  const insertFts = db.prepare(
    'INSERT INTO hl_fts (rowid, full_name, contact_name, email, phone, last_message_body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const ctx: HlContext = { locationId, userIds, profileIds };
  const ids: string[] = [];
  const idTaken = db.prepare('SELECT 1 FROM hl_conversations WHERE id = ?');
  const contactTaken = db.prepare('SELECT 1 FROM hl_conversations WHERE contact_id = ?');
  const taken = (statement: typeof idTaken) => (id: string) => statement.get(id) !== undefined;
  const contact = oneContact ? makeContact(rng, 'TYPE_PHONE', null) : null;
  if (contact !== null)
    contact.contactId = unusedId(contact.contactId, rng.id20, taken(contactTaken));
  // One contact has one agent: its conversations show the contact's assignee.
  const assignedTo = contact === null ? undefined : rng.chance(0.15) ? null : rng.pick(userIds);
  let at = Math.max(now, (meta.newest ?? 0) + 1);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const generated = generate(rng, ctx, {
        lastMessageDate: at,
        now,
        hostile: null,
        contact,
        last: 'inbound',
        assignedTo,
      });
      const r = generated.row;
      r.id = unusedId(r.id, rng.id20, taken(idTaken));
      const seq = insert(inserters, generated);
      insertFts.run(seq, r.full_name, r.contact_name, r.email, r.phone, r.last_message_body);
      ids.push(r.id);
      at += 1;
    }
  })();
  return { ids, contact: contact?.contactId ?? null };
}

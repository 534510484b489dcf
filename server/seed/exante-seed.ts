import type { ExConversationRow } from '../exante/rows.ts';
import type { Database, Statement } from 'better-sqlite3';
import { exThread, summarizeExThread, type Channel, type ExPerson } from '../exante/thread.ts';
import { DEMO_AGENT, DEMO_EXANTE_AGENT_UID, DEMO_EXANTE_USER_ID } from './demo-identities.ts';
import { emailFor, phoneFor, randomName } from './people.ts';
import { createRng, deriveSeed, type Rng, unusedId } from './prng.ts';
import { fillTemplate } from './templates.ts';
import {
  CATEGORIES,
  COMPANY_NAMES,
  HOSTILE_NAMES,
  HOSTILE_STRINGS,
  LONG_TEXT,
  SUBJECTS,
} from './vocabulary.ts';

const SECOND = 1000;
const SEED_SPAN_SECONDS = 180 * 86_400;
const AGENT_COUNT = 10;
const TIMEZONES = [
  'America/New_York',
  'America/Chicago',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
];

/** The organization's shared inbox: what parties write to and agents send from. */
export const EXANTE_MAILBOX = 'ar@parley-demo.test';

export type Lifecycle = 'draft' | 'active' | 'archived' | 'closed';

interface Hostile {
  subject?: string;
  snippet?: string;
}

const HOSTILE_PLAN: Hostile[] = [
  ...HOSTILE_STRINGS.map((subject) => ({ subject })),
  { subject: LONG_TEXT },
  ...HOSTILE_STRINGS.map((snippet) => ({ snippet })),
];

interface ExContext {
  organizationUid: string;
  agents: ExPerson[];
  parties: ExPerson[];
}

/** A conversation as inserted: every column but the database's `seq`. */
type Row = Omit<ExConversationRow, 'seq'>;

interface Generated {
  row: Row;
  categories: string[];
}

interface GenerateOptions {
  updatedOn: number;
  hostile: Hostile | null;
  parentUid: string | null;
  forceUnread: boolean;
}

function generate(rng: Rng, ctx: ExContext, options: GenerateOptions): Generated {
  const party = rng.pick(ctx.parties);
  const channel: Channel = rng.chance(0.8) ? 'email' : 'sms';
  const status = options.forceUnread
    ? 'active'
    : rng.weighted<Lifecycle>([
        ['active', 55],
        ['closed', 20],
        ['archived', 15],
        ['draft', 10],
      ]);
  const draft = status === 'draft';
  const count = draft
    ? 1
    : rng.weighted([
        [3, 22],
        [4, 18],
        [5, 15],
        [6, 12],
        [7, 10],
        [8, 8],
        [9, 6],
        [10, 4],
        [11, 3],
        [12, 2],
      ] as const);
  const firstDirection = draft
    ? 'outbound'
    : options.forceUnread || rng.chance(0.7)
      ? 'inbound'
      : 'outbound';
  const subject = options.hostile?.subject ?? fillTemplate(rng, rng.pick(SUBJECTS));
  const categories = rng.sample(
    CATEGORIES,
    rng.weighted([
      [0, 10],
      [1, 50],
      [2, 30],
      [3, 10],
    ] as const),
  );
  const updatedOn = options.updatedOn;
  const sentAt = rng.chance(0.5) ? updatedOn : updatedOn - rng.int(1, 3600) * SECOND;
  const createdOn = count === 1 ? sentAt : sentAt - rng.int(600, 30 * 86_400) * SECOND;
  const agentUid = rng.chance(0.15) ? null : rng.pick(ctx.agents).uid;
  const owner = ctx.agents.find((a) => a.uid === agentUid) ?? rng.pick(ctx.agents);
  const threadId = channel === 'email' ? rng.hex(16) : null;
  const historyId = channel === 'email' ? rng.int(100_000, 9_999_999) : null;
  const hostileSnippet = options.hostile?.snippet ?? null;

  const build = (msgSeed: number) =>
    summarizeExThread(
      exThread({
        msgSeed,
        count,
        channel,
        firstDirection,
        createdOn,
        sentAt,
        subject,
        party,
        agent: owner,
        mailbox: EXANTE_MAILBOX,
        hostileSnippet,
      }),
      channel,
      threadId,
      historyId,
    );
  let msgSeed = rng.uint32();
  let summary = build(msgSeed);
  for (
    let tries = 0;
    options.forceUnread && summary.lastDirection !== 'inbound' && tries < 50;
    tries++
  ) {
    msgSeed = rng.uint32();
    summary = build(msgSeed);
  }
  const unread =
    !draft && summary.lastDirection === 'inbound' && (options.forceUnread || rng.chance(0.5));

  return {
    row: {
      uid: rng.uuid(),
      organization_uid: ctx.organizationUid,
      channel,
      direction: summary.direction,
      status,
      subject,
      categories: JSON.stringify(categories),
      sent_at: sentAt,
      is_read: unread ? 0 : 1,
      has_reply: summary.hasReply ? 1 : 0,
      message_count: count,
      metadata: JSON.stringify(summary.metadata),
      agent_uid: agentUid,
      party_uid: party.uid,
      created_by_uid: owner.uid,
      parent_conversation_uid: options.parentUid,
      created_on: createdOn,
      updated_on: updatedOn,
      msg_seed: msgSeed,
      hostile_snippet: hostileSnippet,
    },
    categories,
  };
}

interface Inserters {
  conversation: Statement;
  category: Statement;
}

function prepareInserters(db: Database): Inserters {
  return {
    conversation: db.prepare(`INSERT INTO ex_conversations (
      uid, organization_uid, channel, direction, status, subject, categories, sent_at, is_read,
      has_reply, message_count, metadata, agent_uid, party_uid, created_by_uid,
      parent_conversation_uid, created_on, updated_on, msg_seed, hostile_snippet
    ) VALUES (
      @uid, @organization_uid, @channel, @direction, @status, @subject, @categories, @sent_at, @is_read,
      @has_reply, @message_count, @metadata, @agent_uid, @party_uid, @created_by_uid,
      @parent_conversation_uid, @created_on, @updated_on, @msg_seed, @hostile_snippet
    )`),
    category: db.prepare(
      'INSERT INTO ex_conversation_categories (category, conversation_seq) VALUES (?, ?)',
    ),
  };
}

function insert(inserters: Inserters, generated: Generated): number {
  const seq = Number(inserters.conversation.run(generated.row).lastInsertRowid);
  for (const category of generated.categories) inserters.category.run(category, seq);
  return seq;
}

/** Writes agents, parties and `size` conversations. Call inside a transaction. */
export function seedExante(
  db: Database,
  options: { seed: number; size: number; organizationUid: string; nowMs: number },
): void {
  const rng = createRng(deriveSeed(options.seed, 'exante'));
  const insertAgent = db.prepare(
    'INSERT INTO ex_agents (uid, id, organization_uid, firstname, lastname, email, timezone, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const agents: ExPerson[] = [];
  insertAgent.run(
    DEMO_EXANTE_AGENT_UID,
    DEMO_EXANTE_USER_ID,
    options.organizationUid,
    DEMO_AGENT.firstName,
    DEMO_AGENT.lastName,
    DEMO_AGENT.email,
    DEMO_AGENT.timezone,
    0,
  );
  agents.push({
    uid: DEMO_EXANTE_AGENT_UID,
    name: `${DEMO_AGENT.firstName} ${DEMO_AGENT.lastName}`,
    email: DEMO_AGENT.email,
    phone: DEMO_AGENT.phone,
  });
  for (let i = 1; i < AGENT_COUNT; i++) {
    const name = randomName(rng);
    const uid = rng.uuid();
    const email = emailFor(rng, name, 'parley-demo.test');
    insertAgent.run(
      uid,
      String(1001 + i),
      options.organizationUid,
      name.first,
      name.last,
      email,
      rng.pick(TIMEZONES),
      i,
    );
    agents.push({ uid, name: `${name.first} ${name.last}`, email, phone: phoneFor(rng) });
  }

  const insertParty = db.prepare(
    'INSERT INTO ex_parties (uid, organization_uid, name, email, phone) VALUES (?, ?, ?, ?, ?)',
  );
  const partyCount = Math.max(1, Math.ceil(options.size / 4));
  const hostilePartyStep = Math.max(1, Math.floor(partyCount / HOSTILE_NAMES.length));
  const parties: ExPerson[] = [];
  for (let i = 0; i < partyCount; i++) {
    const name = randomName(rng);
    const company = rng.chance(0.3) ? rng.pick(COMPANY_NAMES) : null;
    const hostileName =
      i % hostilePartyStep === 0 ? HOSTILE_NAMES[i / hostilePartyStep] : undefined;
    const party: ExPerson = {
      uid: rng.uuid(),
      name: hostileName ?? company ?? `${name.first} ${name.last}`,
      email: company
        ? `ap@${company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.test`
        : emailFor(rng, name),
      phone: phoneFor(rng),
    };
    insertParty.run(party.uid, options.organizationUid, party.name, party.email, party.phone);
    parties.push(party);
  }

  const ctx: ExContext = { organizationUid: options.organizationUid, agents, parties };
  const inserters = prepareInserters(db);
  const hostileStep = Math.max(1, Math.floor(options.size / (2 * HOSTILE_PLAN.length)));
  const recentDates: number[] = [];
  const recentUids: string[] = [];
  let hostileIndex = 0;
  for (let i = 0; i < options.size; i++) {
    let updatedOn = options.nowMs - rng.int(0, SEED_SPAN_SECONDS) * SECOND;
    if (recentDates.length > 0 && rng.chance(0.1)) updatedOn = rng.pick(recentDates);
    if (recentDates.length < 64) recentDates.push(updatedOn);
    else recentDates[i % 64] = updatedOn;
    const hostile =
      i % hostileStep === 0 ? (HOSTILE_PLAN[hostileIndex++ % HOSTILE_PLAN.length] ?? null) : null;
    const parentUid = recentUids.length > 0 && rng.chance(0.05) ? rng.pick(recentUids) : null;
    const generated = generate(rng, ctx, { updatedOn, hostile, parentUid, forceUnread: false });
    insert(inserters, generated);
    if (recentUids.length < 32) recentUids.push(generated.row.uid);
    else recentUids[i % 32] = generated.row.uid;
  }
}

/**
 * New conversations, newest of all (the test hook for live updates). With `oneContact`
 * they share one new party, so `contact=<uid>` is a view of exactly these.
 */
export function addExanteConversations(
  db: Database,
  count: number,
  now: number,
  { oneContact = false } = {},
): { ids: string[]; contact: string | null } {
  const meta = db
    .prepare('SELECT MAX(updated_on) AS newest, MAX(seq) AS maxSeq FROM ex_conversations')
    .get() as { newest: number | null; maxSeq: number | null };
  const agentRows = db
    .prepare('SELECT uid, organization_uid, firstname, lastname, email FROM ex_agents ORDER BY ord')
    .all() as {
    uid: string;
    organization_uid: string;
    firstname: string;
    lastname: string;
    email: string;
  }[];
  const first = agentRows[0];
  if (first === undefined) return { ids: [], contact: null };
  const parties = db
    .prepare('SELECT uid, name, email, phone FROM ex_parties ORDER BY rowid LIMIT 500')
    .all() as ExPerson[];
  if (parties.length === 0) return { ids: [], contact: null };
  const ctx: ExContext = {
    organizationUid: first.organization_uid,
    agents: agentRows.map((a) => ({
      uid: a.uid,
      name: `${a.firstname} ${a.lastname}`,
      email: a.email,
      phone: '',
    })),
    parties,
  };
  const rng = createRng(deriveSeed(meta.maxSeq ?? 0, `exante-live-${now}`));
  const uidTaken = db.prepare('SELECT 1 FROM ex_conversations WHERE uid = ?');
  const partyTaken = db.prepare('SELECT 1 FROM ex_parties WHERE uid = ?');
  const taken = (statement: typeof uidTaken) => (uid: string) => statement.get(uid) !== undefined;
  let contact: string | null = null;
  if (oneContact) {
    const name = randomName(rng);
    const party: ExPerson = {
      uid: unusedId(rng.uuid(), rng.uuid, taken(partyTaken)),
      name: `${name.first} ${name.last}`,
      email: emailFor(rng, name),
      phone: phoneFor(rng),
    };
    db.prepare(
      'INSERT INTO ex_parties (uid, organization_uid, name, email, phone) VALUES (?, ?, ?, ?, ?)',
    ).run(party.uid, first.organization_uid, party.name, party.email, party.phone);
    ctx.parties = [party];
    contact = party.uid;
  }
  const inserters = prepareInserters(db);
  const insertFts = db.prepare('INSERT INTO ex_fts (rowid, subject) VALUES (?, ?)');
  const ids: string[] = [];
  // Exante timestamps carry whole seconds, so each arrival takes the next free second.
  let at = Math.max(Math.floor(now / SECOND) * SECOND, (meta.newest ?? 0) + SECOND);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const generated = generate(rng, ctx, {
        updatedOn: at,
        hostile: null,
        parentUid: null,
        forceUnread: true,
      });
      const row = generated.row;
      row.uid = unusedId(row.uid, rng.uuid, taken(uidTaken));
      const seq = insert(inserters, generated);
      insertFts.run(seq, row.subject);
      ids.push(row.uid);
      at += SECOND;
    }
  })();
  return { ids, contact };
}

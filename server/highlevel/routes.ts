import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bearerToken, tokenMatches } from '../auth.ts';
import { prepareCached } from '../db/statement-cache.ts';
import {
  FORBIDDEN_LOCATION_MESSAGE,
  MESSAGES_MAX_LIMIT,
  MISSING_VERSION_MESSAGE,
  UNAUTHORIZED_MESSAGE,
} from '../../src/api/contract/highlevel.ts';
import { highLevelError } from './errors.ts';
import { isMessageType } from './message-types.ts';
import { QueryReader } from './query-params.ts';
import { rateLimit } from './rate-limit.ts';
import {
  isEmailMessage,
  parseEmailId,
  toConversationDetail,
  toConversationDto,
  toEmailMessageDto,
  toMessageDto,
  toSearchItem,
  type HlConversationRow,
  type WireMode,
} from './rows.ts';
import { parseSearchQuery, runSearch } from './search.ts';
import { hlThread } from './thread.ts';
import { listUsers, parseUserSearch, searchUsers } from './users.ts';
import { DEMO_HIGHLEVEL_COMPANY_ID } from '../seed/demo-identities.ts';

export interface HighLevelOptions {
  db: Database;
  token: string;
  locationId: string;
  /** Which shape answers take (rows.ts); the real wire unless a test asks for the spec's. */
  wire?: WireMode;
  /** Requests per 10 s this location may make (the real API's 100); null: no limit. */
  rateLimit?: number | null;
  /**
   * Test hooks only: a request carrying `x-parley-truth: 1` is answered in the spec's shape
   * (an exact cursor) and not counted against the limit. It is how e2e tests read what the
   * API holds without spending the app's budget or inheriting its tie-blind cursor.
   */
  truthHeader?: boolean;
}

export const TRUTH_HEADER = 'x-parley-truth';

const VERSION = /^(\d{4}-\d{2}-\d{2}|v3)$/;

/** The embedded HighLevel API, mounted at /providers/highlevel (decision 0001). */
export function createHighLevelApp({
  db,
  token,
  locationId,
  wire = 'real',
  rateLimit: limit = null,
  truthHeader = false,
}: HighLevelOptions): Hono {
  const app = new Hono();
  const isTruth = (c: Context) => truthHeader && c.req.header(TRUTH_HEADER) === '1';
  const wireOf = (c: Context): WireMode => (isTruth(c) ? 'spec' : wire);
  /** Every answer carries a trace id, as real ones do. */
  const answer = <T extends object>(c: Context, body: T) =>
    c.json({ ...body, traceId: randomUUID() });

  app.onError((error, c) => {
    console.error('highlevel: unhandled error', error);
    return highLevelError(c, 500, 'Internal server error');
  });

  // Auth first, then Version: an anonymous caller learns nothing about the API's rules.
  app.use('*', async (c, next) => {
    if (!tokenMatches(bearerToken(c.req.header('authorization')), token)) {
      return highLevelError(c, 401, UNAUTHORIZED_MESSAGE);
    }
    const version = c.req.header('version')?.trim();
    if (version === undefined || version === '') {
      // The real API refuses a missing Version as unauthorized (recorded).
      return highLevelError(c, 401, MISSING_VERSION_MESSAGE);
    }
    if (!VERSION.test(version)) {
      return highLevelError(c, 400, 'Version header must be a date (YYYY-MM-DD) or v3');
    }
    await next();
  });

  // Counted after auth: the limit is per app and location, which an anonymous caller is not.
  if (limit !== null) app.use('*', rateLimit({ max: limit, skip: isTruth }));

  app.use(
    '*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => highLevelError(c, 413, 'Request body is too large'),
    }),
  );

  const searchParams = (url: string) => new URL(url).searchParams;

  app.get('/conversations/search', (c) => {
    const parsed = parseSearchQuery(searchParams(c.req.url));
    if (!parsed.ok) return highLevelError(c, 422, parsed.errors);
    if (parsed.value.locationId !== locationId) {
      return highLevelError(c, 403, FORBIDDEN_LOCATION_MESSAGE);
    }
    const { rows, total } = runSearch(db, parsed.value);
    return answer(c, { conversations: rows.map((row) => toSearchItem(row, wireOf(c))), total });
  });

  const findConversation = (id: string): HlConversationRow | undefined =>
    prepareCached(db, 'SELECT * FROM hl_conversations WHERE id = ? AND location_id = ?').get(
      id,
      locationId,
    ) as HlConversationRow | undefined;

  const notFound = (id: string) => `Conversation with id ${id} not found`;

  app.get('/conversations/:id', (c) => {
    const id = c.req.param('id');
    const row = findConversation(id);
    if (row === undefined) return highLevelError(c, 404, notFound(id));
    return answer(c, toConversationDetail(row, wireOf(c)));
  });

  app.put('/conversations/:id', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return highLevelError(c, 400, 'Request body must be valid JSON');
    }
    const parsed = parseUpdateBody(body);
    if (!parsed.ok) return highLevelError(c, 422, parsed.errors);
    if (parsed.value.locationId !== locationId) {
      return highLevelError(c, 403, FORBIDDEN_LOCATION_MESSAGE);
    }
    const id = c.req.param('id');
    const { starred, unreadCount, feedback } = parsed.value;
    // One UPDATE touching only the fields sent: atomic, and concurrent PUTs of different
    // fields cannot overwrite each other with stale values.
    const row = prepareCached(
      db,
      `UPDATE hl_conversations SET
         starred = COALESCE(?, starred),
         unread_count = COALESCE(?, unread_count),
         feedback = COALESCE(?, feedback),
         date_updated = MAX(date_updated, ?)
       WHERE id = ? AND location_id = ?
       RETURNING *`,
    ).get(
      starred === undefined ? null : starred ? 1 : 0,
      unreadCount ?? null,
      feedback === undefined ? null : JSON.stringify(feedback),
      Date.now(),
      id,
      locationId,
    ) as HlConversationRow | undefined;
    if (row === undefined) return highLevelError(c, 404, notFound(id));
    return answer(c, { success: true, conversation: toConversationDto(row, wireOf(c)) });
  });

  app.get('/conversations/:id/messages', (c) => {
    const read = new QueryReader(
      searchParams(c.req.url),
      new Set(['lastMessageId', 'limit', 'type']),
    );
    const lastMessageId = read.string('lastMessageId');
    const pageSize = read.integer('limit', 1, MESSAGES_MAX_LIMIT) ?? 20;
    const types = read.list('type');
    if (types?.some((t) => !isMessageType(t))) {
      read.errors.push('each value in type must be a valid message type (TYPE_*)');
    }
    if (read.errors.length > 0) return highLevelError(c, 422, read.errors);
    const id = c.req.param('id');
    const row = findConversation(id);
    if (row === undefined) return highLevelError(c, 404, notFound(id));
    // HighLevel pages backwards in time: newest first, the cursor walks to older ones.
    const newestFirst = threadOf(row)
      .reverse()
      .filter((m) => types === undefined || types.includes(m.messageType));
    let start = 0;
    if (lastMessageId !== undefined) {
      const index = newestFirst.findIndex((m) => m.id === lastMessageId);
      if (index === -1) {
        return highLevelError(c, 422, [
          `lastMessageId ${lastMessageId} is not in this conversation`,
        ]);
      }
      start = index + 1;
    }
    const page = newestFirst.slice(start, start + pageSize);
    return answer(c, {
      messages: {
        lastMessageId: page[page.length - 1]?.id ?? null,
        nextPage: start + pageSize < newestFirst.length,
        messages: page.map((m) => toMessageDto(row, m, wireOf(c))),
      },
    });
  });

  // Thread lists leave email bodies out; each email is fetched by the id in its meta.
  app.get('/conversations/messages/email/:id', (c) => {
    const id = c.req.param('id');
    const notFoundEmail = () => highLevelError(c, 404, `Email message with id ${id} not found`);
    const ref = parseEmailId(id);
    if (ref === null) return notFoundEmail();
    const row = prepareCached(
      db,
      'SELECT * FROM hl_conversations WHERE seq = ? AND location_id = ?',
    ).get(ref.seq, locationId) as HlConversationRow | undefined;
    const message = row && threadOf(row).find((m) => m.id.startsWith(ref.prefix));
    if (row === undefined || message === undefined || !isEmailMessage(message)) {
      return notFoundEmail();
    }
    const agent = prepareCached(db, 'SELECT email FROM hl_users WHERE id = ?').get(
      message.userId ?? row.thread_user_id ?? '',
    ) as { email: string } | undefined;
    return answer(c, {
      emailMessage: toEmailMessageDto(
        row,
        message,
        { name: row.full_name, email: row.email },
        agent?.email ?? 'inbox@parley.test',
      ),
    });
  });

  const users = (c: Context) => {
    const read = new QueryReader(searchParams(c.req.url), new Set(['locationId']));
    const requested = read.required('locationId');
    if (read.errors.length > 0) return highLevelError(c, 422, read.errors);
    if (requested !== locationId) return highLevelError(c, 403, FORBIDDEN_LOCATION_MESSAGE);
    return answer(c, { users: listUsers(db, locationId) });
  };
  app.get('/users/', users);
  app.get('/users', users);

  app.get('/users/search', (c) => {
    const parsed = parseUserSearch(searchParams(c.req.url));
    if (!parsed.ok) return highLevelError(c, 422, parsed.errors);
    const { companyId, locationId: requested } = parsed.value;
    if (
      companyId !== DEMO_HIGHLEVEL_COMPANY_ID ||
      (requested !== null && requested !== locationId)
    ) {
      return highLevelError(c, 403, 'The token does not have access to this company or location');
    }
    return answer(c, searchUsers(db, locationId, parsed.value));
  });

  app.all('*', (c) => highLevelError(c, 404, `Cannot ${c.req.method} ${c.req.path}`));

  return app;
}

interface UpdateBody {
  locationId: string;
  starred?: boolean;
  unreadCount?: number;
  feedback?: Record<string, unknown> | 'positive' | 'negative';
}

const UPDATE_KEYS = new Set(['locationId', 'starred', 'unreadCount', 'feedback']);

function parseUpdateBody(
  body: unknown,
): { ok: true; value: UpdateBody } | { ok: false; errors: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['body must be a JSON object'] };
  }
  const record = body as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(record)) {
    if (!UPDATE_KEYS.has(key)) errors.push(`property ${key} should not exist`);
  }
  const { locationId, starred, unreadCount, feedback } = record;
  if (typeof locationId !== 'string' || locationId.trim() === '') {
    errors.push('locationId should not be empty', 'locationId must be a string');
  }
  if (starred !== undefined && typeof starred !== 'boolean') {
    errors.push('starred must be a boolean value');
  }
  if (unreadCount !== undefined) {
    if (typeof unreadCount !== 'number' || !Number.isInteger(unreadCount)) {
      errors.push('unreadCount must be an integer number');
    } else if (unreadCount < 0) {
      errors.push('unreadCount must not be less than 0');
    } else if (unreadCount > 100_000) {
      errors.push('unreadCount must not be greater than 100000');
    }
  }
  // v2 documents an untyped object, v3 the enum positive|negative: accept both.
  if (
    feedback !== undefined &&
    feedback !== 'positive' &&
    feedback !== 'negative' &&
    (typeof feedback !== 'object' || feedback === null || Array.isArray(feedback))
  ) {
    errors.push('feedback must be an object or one of the following values: positive, negative');
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: record as unknown as UpdateBody };
}

function threadOf(row: HlConversationRow) {
  return hlThread({
    msgSeed: row.msg_seed,
    count: row.msg_count,
    conversationType: row.type,
    dateAdded: row.date_added,
    lastMessageDate: row.last_message_date,
    agentId: row.thread_user_id,
    hostileBody: row.hostile_body,
  });
}

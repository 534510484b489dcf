import type { Database } from 'better-sqlite3';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bearerToken, tokenMatches } from '../auth.ts';
import { prepareCached } from '../db/statement-cache.ts';
import {
  DEMO_EXANTE_AGENT_UID,
  DEMO_EXANTE_COMPANY_UID,
  DEMO_ORGANIZATION_NAME,
} from '../seed/demo-identities.ts';
import { EXANTE_MAILBOX } from '../seed/exante-seed.ts';
import {
  ASSUMED_AGENTS_PATH,
  ASSUMED_GET_MARKS_READ,
  ASSUMED_PATCHABLE_FIELDS,
  ASSUMED_READ_CHANGE_BUMPS_UPDATED_ON,
  assumedErrorBody,
  assumedIsoTime,
  assumedTotalPages,
  INVALID_ORGANIZATION_MESSAGE,
  INVALID_ORGANIZATION_STATUS,
  LIFECYCLES,
  NO_ACCESS_MESSAGE,
} from '../../src/api/contract/exante.ts';
import { parseListQuery, runList, UUID, type FieldErrors } from './list-query.ts';
import { toConversation, toMessage, type ExConversationRow } from './rows.ts';
import { exThread, type ExPerson } from './thread.ts';

export interface ExanteOptions {
  db: Database;
  token: string;
  organizationUid: string;
}

interface AgentRow {
  uid: string;
  id: string;
  organization_uid: string;
  firstname: string;
  lastname: string;
  email: string;
  timezone: string;
}

function exanteError(
  c: Context,
  status: ContentfulStatusCode,
  message: string,
  errors?: FieldErrors,
): Response {
  return c.json(assumedErrorBody(status, message, errors), status);
}

/** A malformed organization is a 400 in Exante's house style, not a validation 422. */
const invalidOrganization = (c: Context) =>
  exanteError(c, INVALID_ORGANIZATION_STATUS, INVALID_ORGANIZATION_MESSAGE);

export const INVALID_KEY_MESSAGE = 'Invalid or expired API key.';

/** The embedded Exante API, mounted at /providers/exante (paths start with /api). */
export function createExanteApp({ db, token, organizationUid }: ExanteOptions): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    console.error('exante: unhandled error', error);
    return exanteError(c, 500, 'Internal server error.');
  });

  app.use('*', async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) return exanteError(c, 401, 'Missing Authorization header.');
    const given = bearerToken(header);
    if (given === null) {
      return exanteError(c, 401, 'Authorization header must have the form: Bearer <token>.');
    }
    if (!tokenMatches(given, token)) return exanteError(c, 401, INVALID_KEY_MESSAGE);
    await next();
  });

  app.use(
    '*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => exanteError(c, 413, 'Request body is too large.'),
    }),
  );

  app.get('/api/conversations', (c) => {
    const parsed = parseListQuery(new URL(c.req.url).searchParams);
    if (!parsed.ok) {
      return parsed.errors['organization_uid'] === undefined
        ? exanteError(c, 422, 'Validation failed.', parsed.errors)
        : invalidOrganization(c);
    }
    const q = parsed.value;
    if (q.organizationUid !== null && q.organizationUid !== organizationUid) {
      return exanteError(c, 403, NO_ACCESS_MESSAGE);
    }
    const { rows, total } = runList(db, organizationUid, q);
    return c.json({
      status: 'success',
      data: {
        items: rows.map(toConversation),
        pagination: {
          page: q.page,
          per_page: q.perPage,
          total,
          total_pages: assumedTotalPages(total, q.perPage),
        },
      },
    });
  });

  const findConversation = (uid: string): ExConversationRow | undefined =>
    prepareCached(db, 'SELECT * FROM ex_conversations WHERE uid = ? AND organization_uid = ?').get(
      uid.toLowerCase(),
      organizationUid,
    ) as ExConversationRow | undefined;

  const badUid = (c: Context) =>
    exanteError(c, 422, 'Validation failed.', {
      conversation_uid: ['conversation_uid must be a valid UUID.'],
    });

  app.get('/api/conversations/:uid', (c) => {
    const uid = c.req.param('uid');
    if (!UUID.test(uid)) return badUid(c);
    let row = findConversation(uid);
    if (row === undefined) return exanteError(c, 404, 'Conversation not found.');
    if (ASSUMED_GET_MARKS_READ && row.is_read === 0) {
      row = prepareCached(
        db,
        'UPDATE ex_conversations SET is_read = 1 WHERE seq = ? RETURNING *',
      ).get(row.seq) as ExConversationRow;
    }
    const party = prepareCached(
      db,
      'SELECT uid, name, email, phone FROM ex_parties WHERE uid = ?',
    ).get(row.party_uid) as ExPerson | undefined;
    const owner = prepareCached(
      db,
      'SELECT uid, firstname, lastname, email FROM ex_agents WHERE uid = ?',
    ).get(row.created_by_uid) as AgentRow | undefined;
    if (party === undefined || owner === undefined) {
      throw new Error(`conversation ${row.uid} references a missing party or agent`);
    }
    const messages = exThread({
      msgSeed: row.msg_seed,
      count: row.message_count,
      channel: row.channel,
      firstDirection: row.direction,
      createdOn: row.created_on,
      sentAt: row.sent_at,
      subject: row.subject,
      party,
      agent: {
        uid: owner.uid,
        name: `${owner.firstname} ${owner.lastname}`,
        email: owner.email,
        phone: '',
      },
      mailbox: EXANTE_MAILBOX,
      hostileSnippet: row.hostile_snippet,
    });
    // Unread means the party wrote after the last agent message: those messages are unread.
    let lastOutbound = -1;
    messages.forEach((m, i) => {
      if (m.direction === 'outbound') lastOutbound = i;
    });
    return c.json({
      status: 'success',
      data: {
        ...toConversation(row),
        messages: messages.map((m, i) =>
          toMessage(row, m, row.is_read === 1 || m.direction === 'outbound' || i < lastOutbound),
        ),
      },
    });
  });

  app.patch('/api/conversations/:uid', async (c) => {
    const uid = c.req.param('uid');
    if (!UUID.test(uid)) return badUid(c);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return exanteError(c, 400, 'Request body must be valid JSON.');
    }
    const parsed = parsePatch(db, organizationUid, body);
    if (!parsed.ok) return exanteError(c, 422, 'Validation failed.', parsed.errors);
    const patch = parsed.value;
    const row = db.transaction((): ExConversationRow | undefined => {
      const current = findConversation(uid);
      if (current === undefined) return undefined;
      const sets: string[] = [];
      const params: unknown[] = [];
      if (patch.is_read !== undefined) {
        sets.push('is_read = ?');
        params.push(patch.is_read ? 1 : 0);
      }
      if (patch.agent_uid !== undefined) {
        sets.push('agent_uid = ?');
        params.push(patch.agent_uid);
      }
      if (patch.status !== undefined) {
        sets.push('status = ?');
        params.push(patch.status);
      }
      if (patch.categories !== undefined) {
        sets.push('categories = ?');
        params.push(JSON.stringify(patch.categories));
        db.prepare('DELETE FROM ex_conversation_categories WHERE conversation_seq = ?').run(
          current.seq,
        );
        const insert = db.prepare(
          'INSERT INTO ex_conversation_categories (category, conversation_seq) VALUES (?, ?)',
        );
        for (const category of patch.categories) insert.run(category, current.seq);
      }
      const onlyRead =
        patch.agent_uid === undefined &&
        patch.status === undefined &&
        patch.categories === undefined;
      if (!onlyRead || ASSUMED_READ_CHANGE_BUMPS_UPDATED_ON) {
        sets.push('updated_on = MAX(updated_on, ?)');
        params.push(Math.floor(Date.now() / 1000) * 1000);
      }
      return db
        .prepare(`UPDATE ex_conversations SET ${sets.join(', ')} WHERE seq = ? RETURNING *`)
        .get(...params, current.seq) as ExConversationRow;
    })();
    if (row === undefined) return exanteError(c, 404, 'Conversation not found.');
    return c.json({ status: 'success', data: toConversation(row) });
  });

  app.get(`/api${ASSUMED_AGENTS_PATH}`, (c) => {
    const requested = c.req.param('organization_uid') ?? '';
    if (!UUID.test(requested)) return invalidOrganization(c);
    if (requested.toLowerCase() !== organizationUid) return exanteError(c, 403, NO_ACCESS_MESSAGE);
    const agents = db
      .prepare('SELECT * FROM ex_agents WHERE organization_uid = ? ORDER BY ord')
      .all(organizationUid) as AgentRow[];
    return c.json({
      status: 'success',
      data: {
        items: agents.map((a) => ({
          uid: a.uid,
          firstname: a.firstname,
          lastname: a.lastname,
          fullname: `${a.firstname} ${a.lastname}`,
          email: a.email,
        })),
      },
    });
  });

  app.get('/api/user', (c) => {
    const me = db.prepare('SELECT * FROM ex_agents WHERE uid = ?').get(DEMO_EXANTE_AGENT_UID) as
      AgentRow | undefined;
    if (me === undefined) return exanteError(c, 404, 'User not found.');
    const seen = assumedIsoTime(Date.UTC(2026, 10, 1, 12, 0, 0));
    return c.json({
      status: 'success',
      status_code: 200,
      message: 'Success',
      data: {
        user: {
          id: me.id,
          uid: me.uid,
          firstname: me.firstname,
          lastname: me.lastname,
          fullname: `${me.firstname} ${me.lastname}`,
          email: me.email,
          timezone: me.timezone,
          default_timezone: me.timezone,
          avatar: null,
          default_organization: organizationUid,
          active_company: {
            uid: DEMO_EXANTE_COMPANY_UID,
            name: DEMO_ORGANIZATION_NAME,
            owner_id: me.id,
            max_documents: 10000,
          },
          organizations: [
            {
              uid: organizationUid,
              name: DEMO_ORGANIZATION_NAME,
              company_uid: DEMO_EXANTE_COMPANY_UID,
            },
          ],
          permissions_in_default_organization: [
            'conversations:read',
            'conversations:write',
            'users:read',
          ],
          features: {},
          first_seen: seen,
          last_seen: seen,
          settings: {},
        },
      },
    });
  });

  app.all('*', (c) => exanteError(c, 404, `No route for ${c.req.method} ${c.req.path}.`));

  return app;
}

interface Patch {
  is_read?: boolean;
  agent_uid?: string | null;
  status?: (typeof LIFECYCLES)[number];
  categories?: string[];
}

function parsePatch(
  db: Database,
  organizationUid: string,
  body: unknown,
): { ok: true; value: Patch } | { ok: false; errors: FieldErrors } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: { body: ['The body must be a JSON object.'] } };
  }
  const record = body as Record<string, unknown>;
  // Field names come from the body: without a prototype, `__proto__` or `constructor` is
  // just another unknown field instead of Object.prototype's (a 500, then a lost message).
  const errors = Object.create(null) as FieldErrors;
  const fail = (field: string, message: string) => {
    (errors[field] ??= []).push(message);
  };
  const allowed: readonly string[] = ASSUMED_PATCHABLE_FIELDS;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(key, `Unknown field: ${key}.`);
  }
  if (!allowed.some((key) => key in record)) {
    fail('body', `Send at least one of: ${allowed.join(', ')}.`);
  }
  const patch: Patch = {};
  if ('is_read' in record) {
    if (typeof record.is_read === 'boolean') patch.is_read = record.is_read;
    else fail('is_read', 'is_read must be a boolean.');
  }
  if ('agent_uid' in record) {
    const agent = record.agent_uid;
    if (agent === null) {
      patch.agent_uid = null;
    } else if (typeof agent !== 'string' || !UUID.test(agent)) {
      fail('agent_uid', 'agent_uid must be a valid UUID or null.');
    } else if (
      db
        .prepare('SELECT 1 FROM ex_agents WHERE uid = ? AND organization_uid = ?')
        .get(agent.toLowerCase(), organizationUid) === undefined
    ) {
      fail('agent_uid', 'agent_uid must be an agent of this organization.');
    } else {
      patch.agent_uid = agent.toLowerCase();
    }
  }
  if ('status' in record) {
    const status = record.status;
    if (typeof status === 'string' && (LIFECYCLES as readonly string[]).includes(status)) {
      patch.status = status as Patch['status'];
    } else {
      fail('status', `status must be one of: ${LIFECYCLES.join(', ')}.`);
    }
  }
  if ('categories' in record) {
    const categories = record.categories;
    if (
      !Array.isArray(categories) ||
      categories.length > 20 ||
      categories.some((x) => typeof x !== 'string' || x.trim() === '' || x.length > 64)
    ) {
      fail(
        'categories',
        'categories must be a list of at most 20 non-empty names (64 characters max).',
      );
    } else {
      const seen = new Set<string>();
      patch.categories = (categories as string[])
        .map((x) => x.trim())
        .filter((x) => {
          const key = x.toLowerCase();
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: patch };
}

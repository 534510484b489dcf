import type { Rng } from '../../server/seed/prng.ts';
import { ASSUMED_SEARCH_PARAM } from '../../src/api/contract/exante.ts';

/**
 * The requests of the load test, weighted like an inbox in use: mostly first pages and
 * scrolling (cursor pages, some of them deep), then filters, searches, opening a
 * conversation, and a few star/read writes, over both providers.
 */

export interface ProviderTarget {
  /** Path prefix, e.g. /providers/highlevel. */
  base: string;
  headers: Record<string, string>;
  tenantId: string;
  meId: string;
}

export interface MixContext {
  highlevel: ProviderTarget & {
    ids: string[];
    /** `startAfterDate` values found by walking far into the default list. */
    deepCursors: string[];
  };
  exante: ProviderTarget & { uids: string[]; totalPages: number; categories: string[] };
  words: string[];
}

export interface RequestSpec {
  kind: string;
  method: 'GET' | 'PUT' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** One simulated agent: its own random stream and where it has scrolled to. */
export interface ClientState {
  rng: Rng;
  /** The next cursor of the HighLevel list this client is scrolling, and how deep it is. */
  cursor: { query: string; startAfterDate: string; depth: number } | null;
}

const MAX_SCROLL_DEPTH = 60;
const HL_TYPES = ['TYPE_SMS', 'TYPE_EMAIL', 'TYPE_CALL', 'TYPE_WEBCHAT'];
const EX_SORTS = ['-updated_on', '-created_on', 'updated_on', '-sent_at', 'subject'];

type Builder = (ctx: MixContext, client: ClientState) => RequestSpec;

const KINDS: readonly (readonly [Builder, number])[] = [
  [hlFirstPage, 18],
  [hlScroll, 16],
  [hlDeepCursor, 5],
  [hlFilter, 10],
  [hlSearch, 6],
  [hlOpen, 4],
  [hlWrite, 2],
  [exList, 14],
  [exDeepPage, 4],
  [exFilter, 8],
  [exSearch, 5],
  [exOpen, 3],
  [exWrite, 2],
];

export function nextRequest(ctx: MixContext, client: ClientState): RequestSpec {
  return client.rng.weighted(KINDS)(ctx, client);
}

/** Lets a scrolling client continue from the page it just read. */
export function afterResponse(spec: RequestSpec, client: ClientState, body: unknown): void {
  if (spec.kind !== 'hl.first-page' && spec.kind !== 'hl.scroll') return;
  const items = (body as { conversations?: { sort?: unknown[] }[] } | null)?.conversations;
  const last = items?.[items.length - 1];
  const query = spec.path.slice(spec.path.indexOf('?') + 1).replace(/&startAfterDate=[^&]*/, '');
  const depth = spec.kind === 'hl.first-page' ? 1 : (client.cursor?.depth ?? 0) + 1;
  client.cursor =
    last?.sort === undefined || depth >= MAX_SCROLL_DEPTH
      ? null
      : { query, startAfterDate: last.sort.join(','), depth };
}

function hl(ctx: MixContext, kind: string, query: Record<string, string>): RequestSpec {
  const params = new URLSearchParams({ locationId: ctx.highlevel.tenantId, ...query });
  return {
    kind,
    method: 'GET',
    path: `${ctx.highlevel.base}/conversations/search?${params}`,
    headers: ctx.highlevel.headers,
  };
}

function hlFirstPage(ctx: MixContext, { rng }: ClientState): RequestSpec {
  const query: Record<string, string> = { limit: String(rng.pick([20, 50, 50, 100])) };
  if (rng.chance(0.15)) query.sortBy = 'last_manual_message_date';
  if (rng.chance(0.1)) query.sort = 'asc';
  return hl(ctx, 'hl.first-page', query);
}

function hlScroll(ctx: MixContext, client: ClientState): RequestSpec {
  if (client.cursor === null) return hlFirstPage(ctx, client);
  const { query, startAfterDate } = client.cursor;
  return {
    kind: 'hl.scroll',
    method: 'GET',
    path: `${ctx.highlevel.base}/conversations/search?${query}&startAfterDate=${startAfterDate}`,
    headers: ctx.highlevel.headers,
  };
}

function hlDeepCursor(ctx: MixContext, { rng }: ClientState): RequestSpec {
  if (ctx.highlevel.deepCursors.length === 0) return hlFirstPage(ctx, { rng, cursor: null });
  return hl(ctx, 'hl.deep-cursor', {
    limit: '50',
    startAfterDate: rng.pick(ctx.highlevel.deepCursors),
  });
}

function hlFilter(ctx: MixContext, { rng }: ClientState): RequestSpec {
  const query: Record<string, string> = { limit: '50' };
  const filters = rng.int(1, 3);
  for (let i = 0; i < filters; i += 1) {
    switch (rng.int(0, 4)) {
      case 0:
        query.status = rng.pick(['unread', 'starred', 'read']);
        break;
      case 1:
        query.assignedTo = rng.pick([ctx.highlevel.meId, 'unassigned']);
        break;
      case 2:
        query.lastMessageDirection = rng.pick(['inbound', 'outbound']);
        break;
      case 3:
        query.lastMessageType = rng.pick(HL_TYPES);
        break;
      default:
        query.lastMessageAction = rng.pick(['manual', 'automated']);
    }
  }
  return hl(ctx, 'hl.filter', query);
}

function hlSearch(ctx: MixContext, { rng }: ClientState): RequestSpec {
  const query: Record<string, string> = { limit: '20', query: rng.pick(ctx.words) };
  if (rng.chance(0.3)) query.status = 'unread';
  return hl(ctx, 'hl.search', query);
}

function hlOpen(ctx: MixContext, { rng }: ClientState): RequestSpec {
  const id = rng.pick(ctx.highlevel.ids);
  return {
    kind: 'hl.open',
    method: 'GET',
    path: `${ctx.highlevel.base}/conversations/${id}${rng.chance(0.5) ? '/messages' : ''}`,
    headers: ctx.highlevel.headers,
  };
}

function hlWrite(ctx: MixContext, { rng }: ClientState): RequestSpec {
  const change = rng.chance(0.5) ? { starred: rng.chance(0.5) } : { unreadCount: 0 };
  return {
    kind: 'hl.write',
    method: 'PUT',
    path: `${ctx.highlevel.base}/conversations/${rng.pick(ctx.highlevel.ids)}`,
    headers: { ...ctx.highlevel.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locationId: ctx.highlevel.tenantId, ...change }),
  };
}

function ex(ctx: MixContext, kind: string, query: Record<string, string>): RequestSpec {
  return {
    kind,
    method: 'GET',
    path: `${ctx.exante.base}/conversations?${new URLSearchParams(query)}`,
    headers: ctx.exante.headers,
  };
}

function exList(ctx: MixContext, { rng }: ClientState): RequestSpec {
  return ex(ctx, 'ex.list', {
    page: String(
      rng.weighted([
        [1, 6],
        [2, 2],
        [3, 1],
        [rng.int(4, 10), 1],
      ] as const),
    ),
    per_page: String(rng.pick([25, 50])),
    ...(rng.chance(0.3) ? { sort: rng.pick(EX_SORTS) } : {}),
  });
}

function exDeepPage(ctx: MixContext, { rng }: ClientState): RequestSpec {
  return ex(ctx, 'ex.deep-page', {
    page: String(rng.int(1, Math.max(1, ctx.exante.totalPages))),
    per_page: '25',
  });
}

function exFilter(ctx: MixContext, { rng }: ClientState): RequestSpec {
  const query: Record<string, string> = { per_page: '25' };
  const filters = rng.int(1, 3);
  for (let i = 0; i < filters; i += 1) {
    switch (rng.int(0, 4)) {
      case 0:
        query.is_read = rng.pick(['false', 'true']);
        break;
      case 1:
        query.status = rng.pick(['active', 'archived', 'closed', 'active,draft']);
        break;
      case 2:
        query.channel = rng.pick(['email', 'sms']);
        break;
      case 3:
        query.agent_uid = ctx.exante.meId;
        break;
      default:
        if (ctx.exante.categories.length > 0) query.category = rng.pick(ctx.exante.categories);
    }
  }
  return ex(ctx, 'ex.filter', query);
}

function exSearch(ctx: MixContext, { rng }: ClientState): RequestSpec {
  return ex(ctx, 'ex.search', { [ASSUMED_SEARCH_PARAM]: rng.pick(ctx.words), per_page: '25' });
}

function exOpen(ctx: MixContext, { rng }: ClientState): RequestSpec {
  return {
    kind: 'ex.open',
    method: 'GET',
    path: `${ctx.exante.base}/conversations/${rng.pick(ctx.exante.uids)}`,
    headers: ctx.exante.headers,
  };
}

function exWrite(ctx: MixContext, { rng }: ClientState): RequestSpec {
  return {
    kind: 'ex.write',
    method: 'PATCH',
    path: `${ctx.exante.base}/conversations/${rng.pick(ctx.exante.uids)}`,
    headers: { ...ctx.exante.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ is_read: rng.chance(0.5) }),
  };
}

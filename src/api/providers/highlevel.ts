import {
  ASSUMED_SEARCH_MAX_LIMIT,
  CONVERSATIONS_VERSION,
  MESSAGE_TYPES,
  SEARCH_PAGE_SIZE,
  USERS_VERSION,
} from '../contract/highlevel.ts';
import { ApiError, request, unsupported } from '../client.ts';
import { rateGateFor } from '../rate-gate.ts';
import type { Query, Transport } from '../client.ts';
import type {
  Agent,
  Capabilities,
  Connection,
  Conversation,
  ConversationPatch,
  ConversationUpdate,
  InboxFilters,
  ListRequest,
  MessagePage,
  Page,
  Provider,
  ReplyDraft,
  ReplyTarget,
  SentReply,
  WriteTarget,
} from '../model.ts';
import { readConversation, readUpdate } from './highlevel-read.ts';
import { pageSearch, type SearchRequest } from './highlevel-paging.ts';
import {
  count,
  expectArray,
  expectObject,
  isRecord,
  objectAnswer,
  text,
  texts,
} from './tolerant.ts';

/**
 * HighLevel (LeadConnector) Conversations API: request building, the provider, and the
 * glue between the tolerant reader (highlevel-read.ts) and the tie-safe pager
 * (highlevel-paging.ts). What the API is and what Parley assumes of it live in
 * src/api/contract/highlevel.ts; decisions 0001 and 0012 say why.
 */

export const highlevelCapabilities: Capabilities = {
  // No channel filter: conversations have no channel parameter; the last message's type
  // is the closest thing, offered as its own filter rather than a lossy mapping.
  filters: [
    'assignee',
    'read',
    'starred',
    'contact',
    'followers',
    'mentions',
    'messageType',
    'direction',
    'action',
    'dateRange',
    'q',
  ],
  messageTypes: [...MESSAGE_TYPES],
  channels: [],
  multiAssignee: true,
  unassignedFilter: true,
  star: true,
  unreadCount: true,
  lifecycle: false,
  categories: false,
  readWithStar: false,
  sortFields: ['lastActivity'],
  reply: true,
  // No conversation assignee: the contact's `assignedTo` (PUT /contacts/{id}) is shown on
  // each of the contact's conversations, so they all move together.
  assign: true,
  assignMovesContact: true,
  // No lifecycle: `status` on HighLevel is a view filter, and nothing closes a conversation.
  lifecycleWrites: [],
};

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return SEARCH_PAGE_SIZE;
  return Math.min(ASSUMED_SEARCH_MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

// ---------------------------------------------------------------------------
// Envelopes. Items are read one by one (highlevel-read.ts); only the envelope can make a
// whole answer unreadable.

/** A search answer: its items, each read on its own later, and the total. */
function searchEnvelope(data: unknown): { conversations: unknown[]; total: unknown } {
  const answer = expectObject(data, '(root)');
  return {
    conversations: expectArray(answer['conversations'], 'conversations'),
    total: answer['total'],
  };
}

/** NestJS-style: `message` is a string, or string[] on 422. */
export function readHighLevelErrorBody(body: unknown): string[] | undefined {
  if (!isRecord(body)) return undefined;
  const message = body['message'];
  if (typeof message === 'string') return message.trim() === '' ? [] : [message];
  return Array.isArray(message) ? texts(message) : undefined;
}

// ---------------------------------------------------------------------------
// Request building.

function resolveAssignees(assignee: string[], meId: string | null): string | null {
  if (assignee.length === 0) return null;
  const ids = assignee.map((id) => {
    if (id !== 'me') return id;
    if (!meId)
      throw unsupported(
        'Parley does not know your HighLevel user id, so "assigned to me" cannot be shown.',
      );
    return meId;
  });
  return [...new Set(ids)].join(',');
}

function statusOf(filters: InboxFilters): 'all' | 'read' | 'unread' | 'starred' {
  if (filters.starred) {
    if (filters.read !== 'all') {
      throw unsupported(
        `HighLevel cannot show starred conversations that are also ${filters.read}: choose either the starred view or a read filter.`,
      );
    }
    return 'starred';
  }
  return filters.read;
}

const DAY_MS = 24 * 3600 * 1000;
/** `YYYY-MM-DD` (validated by the URL parser) → epoch ms of that UTC midnight. */
const dayStartMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The view's creation-date bounds, epoch ms inclusive. */
export function createdBounds(filters: InboxFilters): { from: number | null; to: number | null } {
  return {
    from: filters.from === null ? null : dayStartMs(filters.from),
    to: filters.to === null ? null : dayStartMs(filters.to) + DAY_MS - 1,
  };
}

/**
 * The search query for one request, in a fixed order. Throws 'unsupported' for a filter
 * HighLevel cannot apply. `startAfterDate` goes as the scalar the spec shows; a sort
 * value of several parts (which only the spec's shape sends) as an array.
 */
export function buildHighLevelSearchQuery(
  connection: Connection,
  filters: InboxFilters,
  search: Omit<SearchRequest, 'created'> & Partial<Pick<SearchRequest, 'created'>>,
): Query {
  if (filters.lifecycle.length > 0)
    throw unsupported('HighLevel conversations have no lifecycle status.');
  if (filters.categories.length > 0)
    throw unsupported('HighLevel conversations have no categories.');
  if (filters.sort.field !== 'lastActivity') {
    throw unsupported('HighLevel can only sort conversations by last activity.');
  }
  if (filters.channel !== null) {
    throw unsupported('HighLevel has no channel filter: filter by the last message type instead.');
  }
  const q = filters.q.trim();
  const created = search.created ?? createdBounds(filters);
  const entries: Array<[string, string | number | null]> = [
    ['locationId', connection.tenantId],
    ['limit', search.limit],
    ['assignedTo', resolveAssignees(filters.assignee, connection.meId)],
    ['status', statusOf(filters)],
    ['query', q === '' ? null : q],
    ['contactId', filters.contact],
    ['followers', filters.followers.length > 0 ? filters.followers.join(',') : null],
    ['mentions', filters.mentions.length > 0 ? filters.mentions.join(',') : null],
    ['lastMessageType', filters.messageType],
    ['lastMessageDirection', filters.direction],
    ['lastMessageAction', filters.action],
    ['startDate', created.from],
    ['endDate', created.to],
    ['sort', filters.sort.direction],
    ['sortBy', 'last_message_date'],
  ];
  const after = search.after;
  if (after !== null && after.length === 1) entries.push(['startAfterDate', after[0] ?? null]);
  if (after !== null && after.length > 1) {
    for (const value of after) entries.push(['startAfterDate[]', value]);
  }
  return entries;
}

// ---------------------------------------------------------------------------
// The provider.

function agentName(user: Record<string, unknown>, id: string): string {
  const full = [text(user['firstName']), text(user['lastName'])].filter(Boolean).join(' ');
  return text(user['name']) ?? text(full) ?? text(user['email']) ?? id;
}

export function createHighLevelProvider(connection: Connection, transport?: Transport): Provider {
  const base = {
    baseUrl: connection.baseUrl,
    token: connection.token,
    transport,
    gate: rateGateFor(connection, 'HighLevel'),
    readErrorBody: readHighLevelErrorBody,
  };
  const conversationsHeaders = { Version: CONVERSATIONS_VERSION };
  const path = (id: string) => `/conversations/${encodeURIComponent(id)}`;

  async function search(query: Query, signal?: AbortSignal) {
    const answer = await request({
      ...base,
      path: '/conversations/search',
      query,
      headers: conversationsHeaders,
      signal,
      parse: searchEnvelope,
    });
    return {
      results: answer.conversations.map(readConversation),
      total: count(answer.total) ?? answer.conversations.length,
    };
  }

  /** Names, snippet and dates come only from search; `?id=` finds the one row. */
  async function searchOne(id: string, signal?: AbortSignal): Promise<unknown> {
    try {
      const answer = await request({
        ...base,
        path: '/conversations/search',
        query: [
          ['locationId', connection.tenantId],
          ['id', id],
          ['limit', 1],
        ],
        headers: conversationsHeaders,
        signal,
        parse: searchEnvelope,
      });
      // A server that ignored `id` answers with some other row: don't use it.
      return answer.conversations.find((item) => isRecord(item) && item['id'] === id) ?? null;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'aborted') throw error;
      return null;
    }
  }

  /**
   * GET-one is authoritative for state (search lags writes by seconds), but on the real
   * wire it names no contact and has no unreadCount: the search row supplies the rest.
   */
  async function get(id: string, signal?: AbortSignal): Promise<Conversation> {
    const [state, row] = await Promise.all([
      request({
        ...base,
        path: path(id),
        headers: conversationsHeaders,
        signal,
        parse: (data) => objectAnswer(data),
      }),
      searchOne(id, signal),
    ]);
    const fromRow = readConversation(isRecord(row) ? row : { ...state, id });
    if (!fromRow.ok) {
      throw new ApiError('malformed', [
        `conversation ${id}: ${fromRow.unreadable.reason}, so it cannot be shown`,
      ]);
    }
    return { ...fromRow.item.conversation, ...readUpdate(id, state) };
  }

  /**
   * What an agent does with a conversation (read its thread, reply, change it) loads its
   * code with the first such act (highlevel-actions.ts): the list does not need it, and a
   * change shows at once anyway (the cache is patched before the request).
   */
  const actions = () => import('./highlevel-actions.ts');
  const actionBase = { ...base, headers: conversationsHeaders };
  async function reply(target: ReplyTarget, draft: ReplyDraft): Promise<SentReply> {
    return (await actions()).sendReply(actionBase, connection.meId, target, draft);
  }

  return {
    id: 'highlevel',
    rateGate: base.gate,
    capabilities: highlevelCapabilities,
    prepare: () => void actions().catch(() => undefined),

    list({ filters, cursor, limit, signal }: ListRequest): Promise<Page> {
      return pageSearch(
        {
          pageSize: clampLimit(limit),
          maxLimit: ASSUMED_SEARCH_MAX_LIMIT,
          direction: filters.sort.direction,
          created: createdBounds(filters),
          search: (step) => search(buildHighLevelSearchQuery(connection, filters, step), signal),
        },
        cursor,
      );
    },

    get,

    async update(
      target: WriteTarget | string,
      patch: ConversationPatch,
    ): Promise<ConversationUpdate> {
      const { id, contactId } =
        typeof target === 'string' ? { id: target, contactId: null } : target;
      if (patch.lifecycle !== undefined) {
        throw unsupported(
          'HighLevel conversations have no lifecycle status: they cannot be closed or archived.',
        );
      }
      if (patch.starred === undefined && patch.read === undefined && patch.assignee === undefined)
        return get(id);
      const { update, written } = await (
        await actions()
      ).write(actionBase, connection.tenantId, id, contactId, patch);
      return written === undefined ? update : { ...update, ...readUpdate(id, written) };
    },

    reply,

    async messages(id: string, cursor: string | null, signal?: AbortSignal): Promise<MessagePage> {
      return (await actions()).readThread(actionBase, id, cursor, signal);
    },

    async messageBody(ref: string, signal?: AbortSignal): Promise<string> {
      return (await actions()).readEmailBody(actionBase, ref, signal);
    },

    async agents(signal?: AbortSignal): Promise<Agent[]> {
      const answer = await request({
        ...base,
        path: '/users/',
        query: [['locationId', connection.tenantId]],
        headers: { Version: USERS_VERSION },
        signal,
        parse: (data) => objectAnswer(data),
      });
      const users = Array.isArray(answer['users']) ? answer['users'] : [];
      return users.flatMap((user): Agent[] => {
        if (!isRecord(user) || user['deleted'] === true) return [];
        const id = text(user['id']);
        if (id === null) return [];
        return [{ id, name: agentName(user, id), email: text(user['email']) }];
      });
    },
  };
}

import {
  agentsPath,
  ASSUMED_LIFECYCLE_WRITES,
  ASSUMED_REPLY_LIMITS,
  ASSUMED_SEARCH_PARAM,
  CHANNELS,
  conversationPath,
  LIFECYCLES,
  MAX_PER_PAGE,
  PAGE_SIZE,
  type ExanteChannel,
} from '../contract/exante.ts';
import { ApiError, request, unsupported } from '../client.ts';
import { rateGateFor } from '../rate-gate.ts';
import type { Query, Transport } from '../client.ts';
import type {
  Agent,
  Capabilities,
  Channel,
  Connection,
  Conversation,
  ConversationPatch,
  ConversationUpdate,
  InboxFilters,
  Lifecycle,
  ListRequest,
  MessagePage,
  Page,
  Provider,
  ReplyChannel,
  ReplyDraft,
  ReplyTarget,
  SentReply,
  SortField,
  UnreadableItem,
  WriteTarget,
} from '../model.ts';
import {
  count,
  expectArray,
  expectObject,
  flag,
  instant,
  isRecord,
  text,
  texts,
} from './tolerant.ts';

/**
 * Exante Conversations API: request building, a tolerant reader of its answers, and the
 * provider. What the API is, and every guess Parley makes about what its docs leave out,
 * live in src/api/contract/exante.ts (decision 0001).
 */

export const exanteCapabilities: Capabilities = {
  filters: ['assignee', 'read', 'lifecycle', 'channel', 'categories', 'contact', 'q'],
  messageTypes: [],
  channels: ['email', 'sms'],
  multiAssignee: false,
  // `agent_uid` takes one uuid and has no documented sentinel for "nobody".
  unassignedFilter: false,
  star: false,
  unreadCount: false,
  lifecycle: true,
  categories: true,
  readWithStar: false,
  sortFields: ['lastActivity', 'created', 'subject'],
  // Replies, assignment and lifecycle are assumed endpoints (src/api/contract/exante.ts).
  reply: true,
  assign: true,
  assignMovesContact: false,
  lifecycleWrites: [...ASSUMED_LIFECYCLE_WRITES],
};

// ---------------------------------------------------------------------------
// Envelopes. Items are read one by one, tolerantly; only the envelope can make a whole
// answer unreadable.

/** `{ status: "success", data }`: the data, whatever it holds. */
export function dataEnvelope(answer: unknown): { data: unknown } {
  const body = expectObject(answer, '(root)');
  if (body['status'] !== 'success') {
    throw new ApiError('malformed', [
      `status: expected "success", got ${JSON.stringify(body['status']) ?? 'nothing'}`,
    ]);
  }
  return { data: body['data'] };
}

/** A list answer: its items, each read on its own later, and the page numbers. */
function listEnvelope(answer: unknown) {
  const data = expectObject(dataEnvelope(answer).data, 'data');
  const pagination = expectObject(data['pagination'], 'data.pagination');
  const number = (key: string) => {
    const value = pagination[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    throw new ApiError('malformed', [`data.pagination.${key}: expected number`]);
  };
  return {
    items: expectArray(data['items'], 'data.items'),
    pagination: {
      page: number('page'),
      total: number('total'),
      total_pages: number('total_pages'),
    },
  };
}

/** Field errors first (they are the specific ones), the general message otherwise. */
export function readExanteErrorBody(body: unknown): string[] | undefined {
  if (!isRecord(body) || body['status'] !== 'error') return undefined;
  const message = text(body['message']);
  const errors = isRecord(body['errors']) ? body['errors'] : {};
  const specific = Object.entries(errors).flatMap(([field, messages]) =>
    texts(messages).map((line) => {
      const mentionsField =
        line.toLowerCase().includes(field.toLowerCase().replace(/_/g, ' ')) ||
        line.toLowerCase().includes(field.toLowerCase());
      return mentionsField ? line : `${field}: ${line}`;
    }),
  );
  if (specific.length > 0) return specific;
  return message === null ? undefined : [message];
}

// ---------------------------------------------------------------------------
// Reading.

export const isLifecycle = (value: unknown): value is Lifecycle =>
  (LIFECYCLES as readonly unknown[]).includes(value);

export const isExanteChannel = (value: string): value is ExanteChannel =>
  (CHANNELS as readonly string[]).includes(value);

/** A reply goes out on the conversation's own channel: email or SMS. */
function replyChannelOf(channel: string): ReplyChannel | null {
  if (!isExanteChannel(channel)) return null;
  return {
    type: channel,
    format: channel,
    label: channel === 'sms' ? 'SMS' : 'Email',
    limit: ASSUMED_REPLY_LIMITS[channel],
  };
}

export function channelOf(
  raw: unknown,
): Pick<Conversation, 'channel' | 'rawChannel' | 'channelLabel' | 'replyVia'> {
  const value = text(raw)?.toLowerCase() ?? '';
  return {
    channel: isExanteChannel(value) ? (value as Channel) : 'other',
    rawChannel: value,
    channelLabel:
      value === 'sms'
        ? 'SMS'
        : value === ''
          ? 'Other'
          : value.charAt(0).toUpperCase() + value.slice(1),
    replyVia: replyChannelOf(value),
  };
}

type ItemResult =
  { ok: true; conversation: Conversation } | { ok: false; unreadable: UnreadableItem };

/**
 * Who the conversation is with: the customer, never our own agent. The metadata describes
 * the thread's first message, so a conversation we started names us as its sender and the
 * customer among its recipients (the list gives nothing else for the party).
 */
export function customerOf(
  direction: unknown,
  meta: Record<string, unknown>,
): Pick<Conversation, 'contactName' | 'contactEmail'> {
  if (direction === 'outbound') {
    const to = texts(meta['to_emails'])[0] ?? null;
    return { contactName: to ?? 'Unknown contact', contactEmail: to };
  }
  const email = text(meta['from_email']);
  return {
    contactName: text(meta['from_name']) ?? email ?? 'Unknown contact',
    contactEmail: email,
  };
}

/** One conversation; only a uid and some date are required of it. */
export function readExanteConversation(wire: unknown): ItemResult {
  if (!isRecord(wire))
    return { ok: false, unreadable: { id: null, reason: 'it is not an object' } };
  const id = text(wire['uid']);
  if (id === null) return { ok: false, unreadable: { id: null, reason: 'it has no uid' } };
  const updatedOn = instant(wire['updated_on']);
  const createdOn = instant(wire['created_on']);
  const lastActivityAt = updatedOn ?? instant(wire['sent_at']) ?? createdOn;
  if (lastActivityAt === null) {
    return { ok: false, unreadable: { id, reason: 'it has no date to order it by' } };
  }
  const meta = isRecord(wire['metadata']) ? wire['metadata'] : {};
  const participants = [...texts(meta['to_emails']), ...texts(meta['cc_emails'])];
  const attachmentCount = count(meta['attachment_count']) ?? 0;
  const isRead = flag(wire['is_read']) ?? true;
  return {
    ok: true,
    conversation: {
      id,
      ...customerOf(wire['direction'], meta),
      contactId: text(wire['party_uid']),
      contactPhone: null,
      subject: text(wire['subject']),
      snippet: text(meta['snippet']) ?? '',
      ...channelOf(wire['channel']),
      lifecycle: isLifecycle(wire['status']) ? wire['status'] : null,
      assigneeId: text(wire['agent_uid']),
      labels: texts(wire['categories']),
      unreadCount: null,
      isUnread: !isRead,
      starred: null,
      lastActivityAt,
      createdAt: createdOn,
      updatedAt: updatedOn,
      messageCount: count(wire['message_count']),
      hasAttachments: (flag(meta['has_attachments']) ?? false) || attachmentCount > 0,
      attachmentCount,
      participants: [...new Set(participants)],
      // The list names no last sender (docs/wire/exante.md).
      lastMessageDirection: null,
    },
  };
}

// ---------------------------------------------------------------------------
// Request building.

const sortFieldName: Record<SortField, string> = {
  lastActivity: 'updated_on',
  created: 'created_on',
  subject: 'subject',
};

function agentOf(assignee: string[], meId: string | null): string | null {
  if (assignee.length === 0) return null;
  if (assignee.length > 1) throw unsupported('Exante can filter by one agent at a time.');
  const [only] = assignee;
  if (only === 'unassigned') throw unsupported('Exante cannot list unassigned conversations.');
  if (only === 'me') {
    if (!meId)
      throw unsupported(
        'Parley does not know your Exante user id, so "assigned to me" cannot be shown.',
      );
    return meId;
  }
  return only ?? null;
}

function pageOf(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^[1-9]\d{0,8}$/.test(cursor)) {
    throw unsupported('This page cursor does not belong to an Exante list. Reload the list.');
  }
  return Number(cursor);
}

function clampPerPage(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return PAGE_SIZE;
  return Math.min(MAX_PER_PAGE, Math.max(1, Math.trunc(limit)));
}

/** The list query for a filter set, in a fixed order. Throws 'unsupported'. */
export function buildExanteListQuery(
  connection: Connection,
  filters: InboxFilters,
  cursor: string | null,
  perPage = PAGE_SIZE,
): Query {
  if (filters.starred) throw unsupported('Exante conversations cannot be starred.');
  if (
    filters.followers.length > 0 ||
    filters.mentions.length > 0 ||
    filters.messageType !== null ||
    filters.direction !== null ||
    filters.action !== null ||
    filters.from !== null ||
    filters.to !== null
  ) {
    throw unsupported(
      'Exante cannot filter by followers, mentions, last message or creation date.',
    );
  }
  if (filters.channel !== null && !(CHANNELS as readonly string[]).includes(filters.channel)) {
    throw unsupported(`Exante has no "${filters.channel}" channel: only email and SMS.`);
  }
  const q = filters.q.trim();
  const field = sortFieldName[filters.sort.field];
  return [
    ['organization_uid', connection.tenantId],
    ['is_read', filters.read === 'all' ? null : filters.read === 'read'],
    ['status', filters.lifecycle.length > 0 ? filters.lifecycle.join(',') : null],
    ['channel', filters.channel],
    ['category', filters.categories.length > 0 ? filters.categories.join(',') : null],
    ['agent_uid', agentOf(filters.assignee, connection.meId)],
    ['party_uid', filters.contact],
    [ASSUMED_SEARCH_PARAM, q === '' ? null : q],
    ['sort', filters.sort.direction === 'desc' ? `-${field}` : field],
    ['page', pageOf(cursor)],
    ['per_page', perPage],
  ];
}

// ---------------------------------------------------------------------------
// Search, honestly: the parameter's name is a guess (the contract), so a server that
// ignores it must not pass for one that found nothing special.

const fold = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether an item could be a match for the search: each word somewhere in its text. */
function couldMatch(conversation: Conversation, words: string[]): boolean {
  const haystack = fold(
    [conversation.subject, conversation.snippet, conversation.contactName].join(' '),
  );
  return words.every((word) => haystack.includes(word));
}

export const SEARCH_UNAVAILABLE =
  `Search is not available on this Exante connection: the API did not apply the search ` +
  `("${ASSUMED_SEARCH_PARAM}"), so Parley is not showing an unfiltered list. Clear the search to see the view.`;

function checkSearchApplied(q: string, items: Conversation[]): void {
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
  if (words.length === 0 || items.length === 0) return;
  if (!items.some((item) => couldMatch(item, words))) throw unsupported(SEARCH_UNAVAILABLE);
}

/** A refusal that names the search parameter means the guess was wrong, not the agent. */
function searchRefused(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.kind === 'http' &&
    (error.status === 400 || error.status === 422) &&
    error.messages.some((m) => new RegExp(`\\b${ASSUMED_SEARCH_PARAM}\\b`).test(m))
  );
}

// ---------------------------------------------------------------------------
// The provider.

export function createExanteProvider(connection: Connection, transport?: Transport): Provider {
  const base = {
    baseUrl: connection.baseUrl,
    token: connection.token,
    transport,
    gate: rateGateFor(connection, 'Exante'),
    readErrorBody: readExanteErrorBody,
  };

  function detail(id: string, signal?: AbortSignal) {
    return request({
      ...base,
      path: conversationPath(id),
      signal,
      parse: dataEnvelope,
    });
  }

  function readOne(data: unknown): Conversation {
    const read = readExanteConversation(data);
    if (!read.ok) {
      throw new ApiError('malformed', [`data: ${read.unreadable.reason}, so it cannot be shown`]);
    }
    return read.conversation;
  }

  /**
   * What an agent does with a conversation (read its thread, reply, change it) loads its
   * code with the first such act (exante-actions.ts): the list does not need it, and a
   * change shows at once anyway (the cache is patched before the request).
   */
  const actions = () => import('./exante-actions.ts');
  async function reply(target: ReplyTarget, draft: ReplyDraft): Promise<SentReply> {
    return (await actions()).sendReply(base, connection.meId, target, draft);
  }

  return {
    id: 'exante',
    rateGate: base.gate,
    capabilities: exanteCapabilities,
    prepare: () => void actions().catch(() => undefined),

    async list({ filters, cursor, limit, signal }: ListRequest): Promise<Page> {
      const query = buildExanteListQuery(connection, filters, cursor, clampPerPage(limit));
      let answer: ReturnType<typeof listEnvelope>;
      try {
        answer = await request({
          ...base,
          path: '/conversations',
          query,
          signal,
          parse: listEnvelope,
        });
      } catch (error) {
        if (filters.q.trim() !== '' && searchRefused(error)) throw unsupported(SEARCH_UNAVAILABLE);
        throw error;
      }
      const { items, pagination } = answer;
      const unreadable: UnreadableItem[] = [];
      const conversations: Conversation[] = [];
      for (const item of items) {
        const read = readExanteConversation(item);
        if (read.ok) conversations.push(read.conversation);
        else unreadable.push(read.unreadable);
      }
      checkSearchApplied(filters.q.trim(), conversations);
      return {
        items: conversations,
        nextCursor: pagination.page < pagination.total_pages ? String(pagination.page + 1) : null,
        // A total that is no count (a fraction, negative) is read as what the page holds.
        total: count(pagination.total) ?? conversations.length,
        unreadable,
        gaps: [],
      };
    },

    async get(id: string, signal?: AbortSignal): Promise<Conversation> {
      return readOne((await detail(id, signal)).data);
    },

    async update(
      target: WriteTarget | string,
      patch: ConversationPatch,
    ): Promise<ConversationUpdate> {
      const id = typeof target === 'string' ? target : target.id;
      if (patch.starred !== undefined) throw unsupported('Exante conversations cannot be starred.');
      const lifecycle = patch.lifecycle;
      if (lifecycle !== undefined && !exanteCapabilities.lifecycleWrites.includes(lifecycle)) {
        throw unsupported(
          `An Exante conversation cannot be set to ${lifecycle}: only ${exanteCapabilities.lifecycleWrites.join(', ')}.`,
        );
      }
      const body: { is_read?: boolean; agent_uid?: string | null; status?: Lifecycle } = {};
      if (patch.read !== undefined) body.is_read = patch.read;
      if (patch.assignee !== undefined) body.agent_uid = patch.assignee;
      if (lifecycle !== undefined) body.status = lifecycle;
      if (Object.keys(body).length === 0) return { id };
      return (await actions()).write(base, id, body);
    },

    reply,

    async messages(id: string, cursor: string | null, signal?: AbortSignal): Promise<MessagePage> {
      if (cursor !== null)
        throw unsupported('Exante returns a whole thread at once: there are no older pages.');
      const [{ data }, { threadOf }] = await Promise.all([detail(id, signal), actions()]);
      return { messages: threadOf(data), olderCursor: null };
    },

    messageBody(): Promise<string> {
      return Promise.reject(unsupported('Exante threads carry every message body.'));
    },

    async agents(signal?: AbortSignal): Promise<Agent[]> {
      const answer = await request({
        ...base,
        path: agentsPath(connection.tenantId),
        signal,
        parse: dataEnvelope,
      });
      const items =
        isRecord(answer.data) && Array.isArray(answer.data['items']) ? answer.data['items'] : [];
      return items.flatMap((user): Agent[] => {
        if (!isRecord(user)) return [];
        const id = text(user['uid']);
        if (id === null) return [];
        const name =
          text(user['fullname']) ??
          text([text(user['firstname']), text(user['lastname'])].filter(Boolean).join(' ')) ??
          text(user['email']) ??
          id;
        return [{ id, name, email: text(user['email']) }];
      });
    },
  };
}

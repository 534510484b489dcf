import * as z from 'zod/mini';
import { ApiError, countSchema, idSchema, request, validateWith } from '../client.ts';
import type { Query, Transport } from '../client.ts';
import type {
  Agent,
  Capabilities,
  Channel,
  Connection,
  Conversation,
  ConversationPatch,
  InboxFilters,
  ListRequest,
  Message,
  MessagePage,
  Page,
  Provider,
  SortField,
} from '../model.ts';
import { lifecycles } from '../model.ts';
import { instantSchema } from './instant.ts';

/**
 * Exante Conversations API: wire schemas, request building and mapping into the model.
 * api-contracts.md §2; docs/decisions/0001.
 */

/**
 * Everything Exante's published docs do not define, in one place (api-contracts.md §2.5,
 * docs/decisions/0001). The embedded server makes the same guesses in
 * `server/exante/assumptions.ts`; change both together once dev.exante.app confirms them.
 */
export interface ExanteAssumptions {
  searchParam: string;
  updateMethod: 'PATCH' | 'PUT' | 'POST';
  updatePath: (conversationUid: string) => string;
  agentsPath: (organizationUid: string) => string;
  readErrorBody: (body: unknown) => string[] | undefined;
}

export const exanteAssumptions: ExanteAssumptions = {
  /** The list's full-text subject search: the docs page lost the parameter's name. `q` is the runner-up. */
  searchParam: 'search',
  /**
   * Mark read (and, later, assign, archive, categorize): a partial body
   * `{ is_read?, agent_uid?, status?, categories? }` → `{ status: "success", data: Conversation }`.
   */
  updateMethod: 'PATCH',
  updatePath: (conversationUid) => `/conversations/${encodeURIComponent(conversationUid)}`,
  /** The agent directory: `{ status, data: { items: [{ uid, firstname, lastname, fullname, email }] } }`. */
  agentsPath: (organizationUid) => `/organization/${encodeURIComponent(organizationUid)}/users`,
  /**
   * Error body: `{ status: "error", status_code, message, data: null }`, plus
   * `errors: { field: [messages] }` on 422 (`exanteErrorBodySchema`).
   */
  readErrorBody: (body) => readExanteErrorBody(body),
};

export const EXANTE_PAGE_SIZE = 50;
/** Documented maximum of `per_page`. */
export const EXANTE_MAX_PER_PAGE = 100;

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
};

// ---------------------------------------------------------------------------
// Wire schemas: every field of the documented item. Metadata describes an email
// thread, so each part of it may be missing or null on other channels.

const lifecycleSchema = z.enum(lifecycles);
const optionalText = z.optional(z.nullable(z.string()));
const optionalTexts = z.optional(z.nullable(z.array(z.string())));

export const exanteMetadataSchema = z.object({
  from_email: optionalText,
  from_name: optionalText,
  to_emails: optionalTexts,
  cc_emails: optionalTexts,
  snippet: optionalText,
  labels: optionalTexts,
  provider_message_id: optionalText,
  thread_id: optionalText,
  has_attachments: z.optional(z.nullable(z.boolean())),
  attachment_count: z.optional(z.nullable(countSchema)),
  history_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
});

const conversationFields = {
  uid: idSchema,
  organization_uid: z.string(),
  channel: z.string(),
  direction: z.string(),
  status: lifecycleSchema,
  subject: z.nullable(z.string()),
  categories: z.array(z.string()),
  sent_at: z.nullable(instantSchema),
  is_read: z.boolean(),
  has_reply: z.boolean(),
  message_count: countSchema,
  metadata: z.nullable(exanteMetadataSchema),
  agent_uid: z.nullable(z.string()),
  party_uid: z.nullable(z.string()),
  created_by_uid: z.nullable(z.string()),
  parent_conversation_uid: z.nullable(z.string()),
  created_on: instantSchema,
  updated_on: instantSchema,
};

export const exanteConversationSchema = z.object(conversationFields);
export type ExanteConversation = z.output<typeof exanteConversationSchema>;

export const exantePaginationSchema = z.object({
  page: countSchema,
  per_page: countSchema,
  total: countSchema,
  total_pages: countSchema,
});

export const exanteListResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({ items: z.array(exanteConversationSchema), pagination: exantePaginationSchema }),
});

export const exanteMessageSchema = z.object({
  uid: z.string(),
  conversation_uid: z.optional(z.string()),
  sender_uid: optionalText,
  sender_type: optionalText,
  direction: optionalText,
  message_direction: optionalText,
  from: z.optional(z.nullable(z.object({ email: optionalText, name: optionalText }))),
  subject: optionalText,
  snippet: optionalText,
  body_text: optionalText,
  body_html: optionalText,
  content: optionalText,
  content_type: optionalText,
  sent_at: z.optional(z.nullable(instantSchema)),
  is_read: z.optional(z.boolean()),
  created_on: instantSchema,
});

export const exanteDetailResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({ ...conversationFields, messages: z.array(exanteMessageSchema) }),
});

export const exanteUpdateResponseSchema = z.object({
  status: z.literal('success'),
  data: exanteConversationSchema,
});

export const exanteUserSchema = z.object({
  uid: z.string(),
  firstname: optionalText,
  lastname: optionalText,
  fullname: optionalText,
  email: optionalText,
});

export const exanteOrgUsersResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({ items: z.array(exanteUserSchema) }),
});

export const exanteErrorBodySchema = z.object({
  status: z.literal('error'),
  status_code: z.optional(z.number()),
  message: z.optional(z.nullable(z.string())),
  errors: z.optional(z.nullable(z.record(z.string(), z.array(z.string())))),
});

/** Field errors first (they are the specific ones), the general message otherwise. */
export function readExanteErrorBody(body: unknown): string[] | undefined {
  const parsed = exanteErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { message, errors } = parsed.data;
  const specific = Object.entries(errors ?? {}).flatMap(([field, messages]) =>
    messages.map((text) => {
      const mentionsField =
        text.toLowerCase().includes(field.toLowerCase().replace(/_/g, ' ')) ||
        text.toLowerCase().includes(field.toLowerCase());
      return mentionsField ? text : `${field}: ${text}`;
    }),
  );
  if (specific.length > 0) return specific;
  return message ? [message] : undefined;
}

// ---------------------------------------------------------------------------
// Mapping.

const nonEmpty = (value: string | null | undefined): string | null =>
  value !== null && value !== undefined && value.trim() !== '' ? value : null;

function channelOf(channel: string): Channel {
  return channel === 'email' || channel === 'sms' ? channel : 'other';
}

export function mapExanteConversation(wire: ExanteConversation): Conversation {
  const meta = wire.metadata;
  const participants = [...(meta?.to_emails ?? []), ...(meta?.cc_emails ?? [])].filter(
    (address) => nonEmpty(address) !== null,
  );
  const attachmentCount = Math.max(0, meta?.attachment_count ?? 0);
  return {
    id: wire.uid,
    contactName: nonEmpty(meta?.from_name) ?? nonEmpty(meta?.from_email) ?? 'Unknown contact',
    contactId: wire.party_uid,
    contactEmail: nonEmpty(meta?.from_email),
    contactPhone: null,
    subject: wire.subject,
    snippet: meta?.snippet ?? '',
    channel: channelOf(wire.channel),
    rawChannel: wire.channel,
    lifecycle: wire.status,
    assigneeId: nonEmpty(wire.agent_uid),
    labels: wire.categories,
    unreadCount: null,
    isUnread: !wire.is_read,
    starred: null,
    lastActivityAt: wire.updated_on,
    createdAt: wire.created_on,
    updatedAt: wire.updated_on,
    messageCount: wire.message_count,
    hasAttachments: (meta?.has_attachments ?? false) || attachmentCount > 0,
    attachmentCount,
    participants: [...new Set(participants)],
  };
}

function toMessage(wire: z.output<typeof exanteMessageSchema>): Message {
  const direction = wire.message_direction ?? wire.direction;
  return {
    id: wire.uid,
    direction: direction === 'outbound' ? 'outbound' : 'inbound',
    author: nonEmpty(wire.from?.name) ?? nonEmpty(wire.from?.email),
    // Plain text only: the HTML body is never rendered.
    body:
      wire.body_text ??
      (wire.content_type === 'text/html' ? null : wire.content) ??
      wire.snippet ??
      '',
    sentAt: wire.sent_at ?? wire.created_on,
  };
}

// ---------------------------------------------------------------------------
// Request building.

function unsupported(message: string): ApiError {
  return new ApiError('unsupported', [message]);
}

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
  if (limit === undefined || !Number.isFinite(limit)) return EXANTE_PAGE_SIZE;
  return Math.min(EXANTE_MAX_PER_PAGE, Math.max(1, Math.trunc(limit)));
}

/** The list query for a filter set, in a fixed order. Throws 'unsupported'. */
export function buildExanteListQuery(
  connection: Connection,
  filters: InboxFilters,
  cursor: string | null,
  perPage = EXANTE_PAGE_SIZE,
  assumptions: ExanteAssumptions = exanteAssumptions,
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
  let channel: string | null = null;
  if (filters.channel !== null) {
    if (filters.channel !== 'email' && filters.channel !== 'sms') {
      throw unsupported(`Exante has no "${filters.channel}" channel: only email and SMS.`);
    }
    channel = filters.channel;
  }
  const q = filters.q.trim();
  const field = sortFieldName[filters.sort.field];
  return [
    ['organization_uid', connection.tenantId],
    ['is_read', filters.read === 'all' ? null : filters.read === 'read'],
    ['status', filters.lifecycle.length > 0 ? filters.lifecycle.join(',') : null],
    ['channel', channel],
    ['category', filters.categories.length > 0 ? filters.categories.join(',') : null],
    ['agent_uid', agentOf(filters.assignee, connection.meId)],
    ['party_uid', filters.contact],
    [assumptions.searchParam, q === '' ? null : q],
    ['sort', filters.sort.direction === 'desc' ? `-${field}` : field],
    ['page', pageOf(cursor)],
    ['per_page', perPage],
  ];
}

// ---------------------------------------------------------------------------
// The provider.

/** `assumptions` is replaceable so a confirmed or probed API shape can be tried without an edit. */
export function createExanteProvider(
  connection: Connection,
  assumptions: ExanteAssumptions = exanteAssumptions,
  transport?: Transport,
): Provider {
  const base = {
    baseUrl: connection.baseUrl,
    token: connection.token,
    transport,
    readErrorBody: assumptions.readErrorBody,
  };
  const detailPath = (uid: string) => `/conversations/${encodeURIComponent(uid)}`;

  function detail(id: string, signal?: AbortSignal) {
    return request({
      ...base,
      path: detailPath(id),
      signal,
      parse: validateWith(exanteDetailResponseSchema),
    });
  }

  async function get(id: string, signal?: AbortSignal): Promise<Conversation> {
    const response = await detail(id, signal);
    return mapExanteConversation(response.data);
  }

  return {
    id: 'exante',
    capabilities: exanteCapabilities,

    async list({ filters, cursor, limit, signal }: ListRequest): Promise<Page> {
      const query = buildExanteListQuery(
        connection,
        filters,
        cursor,
        clampPerPage(limit),
        assumptions,
      );
      const response = await request({
        ...base,
        path: '/conversations',
        query,
        signal,
        parse: validateWith(exanteListResponseSchema),
      });
      const { items, pagination } = response.data;
      return {
        items: items.map(mapExanteConversation),
        nextCursor: pagination.page < pagination.total_pages ? String(pagination.page + 1) : null,
        total: pagination.total,
      };
    },

    get,

    async update(id: string, patch: ConversationPatch): Promise<Conversation> {
      if (patch.starred !== undefined) throw unsupported('Exante conversations cannot be starred.');
      if (patch.read === undefined) return get(id);
      const response = await request({
        ...base,
        path: assumptions.updatePath(id),
        method: assumptions.updateMethod,
        body: { is_read: patch.read },
        parse: validateWith(exanteUpdateResponseSchema),
      });
      return mapExanteConversation(response.data);
    },

    async messages(id: string, cursor: string | null, signal?: AbortSignal): Promise<MessagePage> {
      if (cursor !== null)
        throw unsupported('Exante returns a whole thread at once: there are no older pages.');
      const response = await detail(id, signal);
      const messages = response.data.messages
        .map(toMessage)
        .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
      return { messages, olderCursor: null };
    },

    async agents(signal?: AbortSignal): Promise<Agent[]> {
      const response = await request({
        ...base,
        path: assumptions.agentsPath(connection.tenantId),
        signal,
        parse: validateWith(exanteOrgUsersResponseSchema),
      });
      return response.data.items.map((user) => ({
        id: user.uid,
        name:
          nonEmpty(user.fullname) ??
          nonEmpty([user.firstname, user.lastname].filter((part) => nonEmpty(part)).join(' ')) ??
          nonEmpty(user.email) ??
          user.uid,
        email: nonEmpty(user.email),
      }));
    },
  };
}

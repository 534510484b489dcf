import * as z from 'zod/mini';
import { MESSAGE_TYPES } from './highlevel-message-types.ts';
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
} from '../model.ts';
import { instantSchema } from './instant.ts';

/**
 * HighLevel (LeadConnector) Conversations API: wire schemas, request building and
 * mapping into the model. api-contracts.md §1; docs/decisions/0001.
 */

export const HIGHLEVEL_PAGE_SIZE = 50;
export const HIGHLEVEL_MESSAGE_PAGE_SIZE = 30;
/** Undocumented upstream; the embedded server and common practice use 100. */
export const HIGHLEVEL_MAX_LIMIT = 100;

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return HIGHLEVEL_PAGE_SIZE;
  return Math.min(HIGHLEVEL_MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}
const CONVERSATIONS_VERSION = '2021-04-15';
const USERS_VERSION = '2021-07-28';

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
};

// ---------------------------------------------------------------------------
// Wire schemas. Documented fields are required; fields only observed in real
// responses are optional and tolerant of type drift (dates as ms, "ms" or ISO).

/** A display string the spec requires but a contact may lack: null is tolerated. */
const displayString = z.nullable(z.string());
const optionalInstant = z.optional(z.nullable(instantSchema));

const observedFields = {
  starred: z.optional(z.nullable(z.boolean())),
  assignedTo: z.optional(z.nullable(z.string())),
  tags: z.optional(z.nullable(z.array(z.string()))),
  lastMessageDate: optionalInstant,
  dateAdded: optionalInstant,
  dateUpdated: optionalInstant,
  lastMessageDirection: z.optional(z.nullable(z.string())),
};

/** Every list row needs a date to order and show it by. */
interface ActivityDates {
  lastMessageDate?: string | null;
  dateUpdated?: string | null;
  dateAdded?: string | null;
}
const hasActivityDate = z.refine<ActivityDates>(
  (item) => Boolean(item.lastMessageDate ?? item.dateUpdated ?? item.dateAdded),
  {
    message: 'expected a date: none of lastMessageDate, dateUpdated, dateAdded is present',
    path: ['lastMessageDate'],
  },
);

export const highlevelSearchItemSchema = z
  .object({
    id: idSchema,
    contactId: z.string(),
    locationId: z.string(),
    lastMessageBody: displayString,
    lastMessageType: z.string(),
    type: z.string(),
    unreadCount: countSchema,
    fullName: displayString,
    contactName: displayString,
    email: displayString,
    phone: displayString,
    ...observedFields,
    /** The search engine's sort key: the value to continue after. */
    sort: z.optional(z.nullable(z.array(z.union([z.number(), z.string()])))),
  })
  .check(hasActivityDate);
export type HighLevelSearchItem = z.output<typeof highlevelSearchItemSchema>;

export const highlevelSearchResponseSchema = z.object({
  conversations: z.array(highlevelSearchItemSchema),
  total: countSchema,
  traceId: z.optional(z.string()),
});

/** GET /conversations/{id}: a bare object, `type` is a number 1–6, no names. */
export const highlevelConversationSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  locationId: z.string(),
  deleted: z.boolean(),
  inbox: z.boolean(),
  unreadCount: countSchema,
  type: z.union([z.number(), z.string()]),
  // Not in the documented shape, read when a server sends them.
  lastMessageBody: z.optional(displayString),
  lastMessageType: z.optional(z.nullable(z.string())),
  fullName: z.optional(displayString),
  contactName: z.optional(displayString),
  email: z.optional(displayString),
  phone: z.optional(displayString),
  ...observedFields,
});
export type HighLevelConversation = z.output<typeof highlevelConversationSchema>;

/** PUT /conversations/{id} → `{ success, conversation: ConversationDto }` (lastMessageDate is "ms"). */
export const highlevelUpdateResponseSchema = z.object({
  success: z.boolean(),
  conversation: z.object({
    id: z.string(),
    locationId: z.string(),
    contactId: z.string(),
    assignedTo: z.optional(z.nullable(z.string())),
    userId: z.optional(z.nullable(z.string())),
    lastMessageBody: z.optional(displayString),
    lastMessageDate: optionalInstant,
    lastMessageType: z.optional(z.nullable(z.string())),
    type: z.optional(z.union([z.number(), z.string()])),
    unreadCount: countSchema,
    inbox: z.optional(z.boolean()),
    starred: z.optional(z.nullable(z.boolean())),
    deleted: z.optional(z.boolean()),
    fullName: z.optional(displayString),
    contactName: z.optional(displayString),
    email: z.optional(displayString),
    phone: z.optional(displayString),
    tags: z.optional(z.nullable(z.array(z.string()))),
    dateAdded: optionalInstant,
    dateUpdated: optionalInstant,
  }),
});

export const highlevelMessageSchema = z.object({
  id: z.string(),
  type: z.optional(z.number()),
  messageType: z.optional(z.string()),
  direction: z.enum(['inbound', 'outbound']),
  status: z.optional(z.nullable(z.string())),
  body: z.optional(z.nullable(z.string())),
  dateAdded: instantSchema,
  userId: z.optional(z.nullable(z.string())),
});

const messagePageFields = {
  lastMessageId: z.optional(z.nullable(z.string())),
  nextPage: z.boolean(),
  messages: z.array(highlevelMessageSchema),
};
/** The shape the spec documents. */
export const highlevelMessagesFlatSchema = z.object(messagePageFields);
/** The shape real responses (and the embedded server) use. */
export const highlevelMessagesNestedSchema = z.object({ messages: z.object(messagePageFields) });

export const highlevelUserSchema = z.object({
  id: z.string(),
  name: z.optional(z.nullable(z.string())),
  firstName: z.optional(z.nullable(z.string())),
  lastName: z.optional(z.nullable(z.string())),
  email: z.optional(z.nullable(z.string())),
  deleted: z.optional(z.boolean()),
});
export const highlevelUsersResponseSchema = z.object({ users: z.array(highlevelUserSchema) });

/** NestJS-style: `message` is a string, or string[] on 422. */
export const highlevelErrorBodySchema = z.object({
  statusCode: z.optional(z.number()),
  message: z.optional(z.union([z.string(), z.array(z.string())])),
  error: z.optional(z.string()),
});

export function readHighLevelErrorBody(body: unknown): string[] | undefined {
  const parsed = highlevelErrorBodySchema.safeParse(body);
  if (!parsed.success || parsed.data.message === undefined) return undefined;
  const message = parsed.data.message;
  return (Array.isArray(message) ? message : [message]).filter((m) => m.trim() !== '');
}

// ---------------------------------------------------------------------------
// Channels.

const lastMessageTypeChannel: Record<string, Channel> = {};
const assign = (channel: Channel, types: string[]) => {
  for (const type of types) lastMessageTypeChannel[type] = channel;
};
assign('sms', [
  'TYPE_SMS',
  'TYPE_RCS',
  'TYPE_CAMPAIGN_SMS',
  'TYPE_CAMPAIGN_MANUAL_SMS',
  'TYPE_CUSTOM_SMS',
  'TYPE_CUSTOM_PROVIDER_SMS',
  'TYPE_SMS_REVIEW_REQUEST',
  'TYPE_SMS_NO_SHOW_REQUEST',
  'TYPE_SMS_REACTION',
]);
assign('email', [
  'TYPE_EMAIL',
  'TYPE_CAMPAIGN_EMAIL',
  'TYPE_CUSTOM_EMAIL',
  'TYPE_CUSTOM_PROVIDER_EMAIL',
]);
assign('call', [
  'TYPE_CALL',
  'TYPE_CAMPAIGN_CALL',
  'TYPE_CAMPAIGN_MANUAL_CALL',
  'TYPE_CAMPAIGN_VOICEMAIL',
  'TYPE_IVR_CALL',
  'TYPE_CUSTOM_CALL',
]);
assign('chat', ['TYPE_LIVE_CHAT', 'TYPE_LIVE_CHAT_INFO_MESSAGE', 'TYPE_WEBCHAT', 'TYPE_WHATSAPP']);
assign('social', [
  'TYPE_FACEBOOK',
  'TYPE_CAMPAIGN_FACEBOOK',
  'TYPE_FACEBOOK_COMMENT',
  'TYPE_INSTAGRAM',
  'TYPE_INSTAGRAM_COMMENT',
  'TYPE_TIKTOK',
  'TYPE_TIKTOK_COMMENT',
  'TYPE_GMB',
  'TYPE_CAMPAIGN_GMB',
]);
assign('review', ['TYPE_REVIEW']);

/** The conversation's own `type`: a string on search, a number 1–6 on GET-one. */
const conversationTypeChannel: Record<string, Channel> = {
  TYPE_PHONE: 'sms',
  TYPE_GROUP_SMS: 'sms',
  TYPE_EMAIL: 'email',
  TYPE_FB_MESSENGER: 'social',
  TYPE_REVIEW: 'review',
};
const numericConversationType: Record<number, string> = {
  1: 'TYPE_PHONE',
  2: 'TYPE_EMAIL',
  3: 'TYPE_FB_MESSENGER',
  4: 'TYPE_REVIEW',
  5: 'TYPE_GROUP_SMS',
  6: 'TYPE_INTERNAL_CHAT',
};

/**
 * The last message's type is the more specific signal (SMS vs call on a phone
 * conversation); the conversation type fills in when the message type tells us nothing.
 */
function channelOf(
  lastMessageType: string | null | undefined,
  type: string | number | null | undefined,
): { channel: Channel; rawChannel: string } {
  const conversationType =
    typeof type === 'number' ? (numericConversationType[type] ?? String(type)) : type;
  const fromMessage = lastMessageType ? lastMessageTypeChannel[lastMessageType] : undefined;
  if (lastMessageType && fromMessage) return { channel: fromMessage, rawChannel: lastMessageType };
  const fromType = conversationType ? conversationTypeChannel[conversationType] : undefined;
  if (conversationType && fromType) return { channel: fromType, rawChannel: conversationType };
  return { channel: 'other', rawChannel: lastMessageType || conversationType || '' };
}

// ---------------------------------------------------------------------------
// Mapping.

/** The fields any HighLevel conversation-shaped object may carry. */
interface ConversationFields {
  id: string;
  contactId: string;
  lastMessageBody?: string | null;
  lastMessageType?: string | null;
  type?: string | number | null;
  unreadCount: number;
  fullName?: string | null;
  contactName?: string | null;
  email?: string | null;
  phone?: string | null;
  starred?: boolean | null;
  assignedTo?: string | null;
  tags?: string[] | null;
  lastMessageDate?: string | null;
  dateAdded?: string | null;
  dateUpdated?: string | null;
}

const nonEmpty = (value: string | null | undefined): string | null =>
  value !== null && value !== undefined && value.trim() !== '' ? value : null;

export const UNKNOWN_CONTACT = 'Unknown contact';

export function mapHighLevelConversation(wire: ConversationFields): Conversation {
  const lastActivityAt = wire.lastMessageDate ?? wire.dateUpdated ?? wire.dateAdded;
  if (!lastActivityAt) {
    throw new ApiError('malformed', [
      'lastMessageDate: expected a date: none of lastMessageDate, dateUpdated, dateAdded is present',
    ]);
  }
  const unreadCount = Math.max(0, wire.unreadCount);
  return {
    id: wire.id,
    contactName:
      nonEmpty(wire.fullName) ??
      nonEmpty(wire.contactName) ??
      nonEmpty(wire.email) ??
      nonEmpty(wire.phone) ??
      UNKNOWN_CONTACT,
    contactId: nonEmpty(wire.contactId),
    contactEmail: nonEmpty(wire.email),
    contactPhone: nonEmpty(wire.phone),
    subject: null,
    snippet: wire.lastMessageBody ?? '',
    ...channelOf(wire.lastMessageType, wire.type),
    lifecycle: null,
    assigneeId: nonEmpty(wire.assignedTo),
    labels: wire.tags ?? [],
    unreadCount,
    isUnread: unreadCount > 0,
    starred: wire.starred ?? false,
    lastActivityAt,
    createdAt: wire.dateAdded ?? null,
    updatedAt: wire.dateUpdated ?? null,
    messageCount: null,
    hasAttachments: false,
    attachmentCount: 0,
    participants: [],
  };
}

// ---------------------------------------------------------------------------
// Cursor: the last item's `sort` array (or `[lastMessageDate]`), opaque to the UI.

const CURSOR_PREFIX = 'hl1.';

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

const cursorSchema = z.array(z.union([z.number(), z.string()])).check(z.minLength(1));

export function encodeHighLevelCursor(sortValues: ReadonlyArray<number | string>): string {
  return CURSOR_PREFIX + toBase64Url(JSON.stringify(sortValues));
}

export function decodeHighLevelCursor(cursor: string): Array<number | string> {
  const invalid = new ApiError('unsupported', [
    'This page cursor does not belong to a HighLevel list. Reload the list.',
  ]);
  if (!cursor.startsWith(CURSOR_PREFIX)) throw invalid;
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(fromBase64Url(cursor.slice(CURSOR_PREFIX.length))),
    );
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw invalid;
}

function cursorAfter(item: HighLevelSearchItem, index: number): string {
  if (item.sort && item.sort.length > 0) return encodeHighLevelCursor(item.sort);
  if (item.lastMessageDate) return encodeHighLevelCursor([Date.parse(item.lastMessageDate)]);
  throw new ApiError('malformed', [
    `conversations[${index}]: neither sort nor lastMessageDate is present, so the next page cannot be requested`,
  ]);
}

// ---------------------------------------------------------------------------
// Request building.

function unsupported(message: string): ApiError {
  return new ApiError('unsupported', [message]);
}

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

/** The search query for a filter set, in a fixed order. Throws 'unsupported'. */
export function buildHighLevelSearchQuery(
  connection: Connection,
  filters: InboxFilters,
  cursor: string | null,
  limit = HIGHLEVEL_PAGE_SIZE,
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
  const entries: Array<[string, string | number | null]> = [
    ['locationId', connection.tenantId],
    ['limit', limit],
    ['assignedTo', resolveAssignees(filters.assignee, connection.meId)],
    ['status', statusOf(filters)],
    ['query', q === '' ? null : q],
    ['contactId', filters.contact],
    ['followers', filters.followers.length > 0 ? filters.followers.join(',') : null],
    ['mentions', filters.mentions.length > 0 ? filters.mentions.join(',') : null],
    ['lastMessageType', filters.messageType],
    ['lastMessageDirection', filters.direction],
    ['lastMessageAction', filters.action],
    ['startDate', filters.from === null ? null : dayStartMs(filters.from)],
    ['endDate', filters.to === null ? null : dayStartMs(filters.to) + DAY_MS - 1],
    ['sort', filters.sort.direction],
    ['sortBy', 'last_message_date'],
  ];
  if (cursor !== null) {
    for (const value of decodeHighLevelCursor(cursor)) entries.push(['startAfterDate[]', value]);
  }
  return entries;
}

// ---------------------------------------------------------------------------
// The provider.

function toMessage(wire: z.output<typeof highlevelMessageSchema>): Message {
  return {
    id: wire.id,
    direction: wire.direction,
    // HighLevel messages carry a userId, not a name.
    author: null,
    body: wire.body ?? '',
    sentAt: wire.dateAdded,
  };
}

function parseMessages(data: unknown): z.output<typeof highlevelMessagesFlatSchema> {
  const nested =
    typeof data === 'object' &&
    data !== null &&
    'messages' in data &&
    !Array.isArray(data.messages);
  return nested
    ? validateWith(highlevelMessagesNestedSchema)(data).messages
    : validateWith(highlevelMessagesFlatSchema)(data);
}

function agentName(user: z.output<typeof highlevelUserSchema>): string {
  const full = [user.firstName, user.lastName].filter((part) => nonEmpty(part)).join(' ');
  return nonEmpty(user.name) ?? nonEmpty(full) ?? nonEmpty(user.email) ?? user.id;
}

/**
 * GET-one is authoritative for state (search can lag writes by seconds); the search row
 * supplies what GET-one lacks (names, snippet, dates, tags). Without a row, names fall
 * back to 'Unknown contact' like any nameless row.
 */
function mergeConversation(
  state: HighLevelConversation,
  row: HighLevelSearchItem | null,
): ConversationFields {
  return {
    id: state.id,
    contactId: state.contactId,
    unreadCount: state.unreadCount,
    starred: state.starred ?? row?.starred,
    assignedTo: state.assignedTo ?? row?.assignedTo,
    type: row?.type ?? state.type,
    lastMessageType: row?.lastMessageType ?? state.lastMessageType,
    lastMessageBody: row?.lastMessageBody ?? state.lastMessageBody,
    fullName: row?.fullName ?? state.fullName,
    contactName: row?.contactName ?? state.contactName,
    email: row?.email ?? state.email,
    phone: row?.phone ?? state.phone,
    tags: row?.tags ?? state.tags,
    lastMessageDate: state.lastMessageDate ?? row?.lastMessageDate,
    dateAdded: state.dateAdded ?? row?.dateAdded,
    dateUpdated: state.dateUpdated ?? row?.dateUpdated,
  };
}

export function createHighLevelProvider(connection: Connection, transport?: Transport): Provider {
  const base = { baseUrl: connection.baseUrl, token: connection.token, transport };
  const conversationsHeaders = { Version: CONVERSATIONS_VERSION };
  const path = (id: string) => `/conversations/${encodeURIComponent(id)}`;

  async function search(query: Query, signal?: AbortSignal) {
    return request({
      ...base,
      path: '/conversations/search',
      query,
      headers: conversationsHeaders,
      signal,
      parse: validateWith(highlevelSearchResponseSchema),
      readErrorBody: readHighLevelErrorBody,
    });
  }

  /** Display fields (names, snippet, dates) come only from search; `?id=` finds the row. */
  async function searchOne(id: string, signal?: AbortSignal): Promise<HighLevelSearchItem | null> {
    try {
      const page = await search(
        [
          ['locationId', connection.tenantId],
          ['id', id],
          ['limit', 1],
        ],
        signal,
      );
      // A server that ignored `id` answers with some other row: don't use it.
      return page.conversations.find((item) => item.id === id) ?? null;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'aborted') throw error;
      return null;
    }
  }

  async function get(id: string, signal?: AbortSignal): Promise<Conversation> {
    const [state, row] = await Promise.all([
      request({
        ...base,
        path: path(id),
        headers: conversationsHeaders,
        signal,
        parse: validateWith(highlevelConversationSchema),
        readErrorBody: readHighLevelErrorBody,
      }),
      searchOne(id, signal),
    ]);
    return mapHighLevelConversation(mergeConversation(state, row));
  }

  return {
    id: 'highlevel',
    capabilities: highlevelCapabilities,

    async list({ filters, cursor, limit, signal }: ListRequest): Promise<Page> {
      const pageSize = clampLimit(limit);
      const query = buildHighLevelSearchQuery(connection, filters, cursor, pageSize);
      const response = await search(query, signal);
      const items = response.conversations;
      const last = items[items.length - 1];
      // No next-page field on the wire: a short page is the last one.
      const nextCursor =
        items.length < pageSize || last === undefined ? null : cursorAfter(last, items.length - 1);
      return { items: items.map(mapHighLevelConversation), nextCursor, total: response.total };
    },

    get,

    async update(id: string, patch: ConversationPatch): Promise<Conversation> {
      const body: { locationId: string; starred?: boolean; unreadCount?: number } = {
        locationId: connection.tenantId,
      };
      if (patch.starred !== undefined) body.starred = patch.starred;
      if (patch.read !== undefined) body.unreadCount = patch.read ? 0 : 1;
      if (body.starred === undefined && body.unreadCount === undefined) return get(id);
      const response = await request({
        ...base,
        path: path(id),
        method: 'PUT',
        body,
        headers: conversationsHeaders,
        parse: validateWith(highlevelUpdateResponseSchema),
        readErrorBody: readHighLevelErrorBody,
      });
      return mapHighLevelConversation(response.conversation);
    },

    async messages(id: string, cursor: string | null, signal?: AbortSignal): Promise<MessagePage> {
      const page = await request({
        ...base,
        path: `${path(id)}/messages`,
        query: [
          ['limit', HIGHLEVEL_MESSAGE_PAGE_SIZE],
          ['lastMessageId', cursor],
        ],
        headers: conversationsHeaders,
        signal,
        parse: parseMessages,
        readErrorBody: readHighLevelErrorBody,
      });
      const messages = page.messages
        .map(toMessage)
        .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
      return { messages, olderCursor: page.nextPage ? nonEmpty(page.lastMessageId) : null };
    },

    async agents(signal?: AbortSignal): Promise<Agent[]> {
      const response = await request({
        ...base,
        path: '/users/',
        query: [['locationId', connection.tenantId]],
        headers: { Version: USERS_VERSION },
        signal,
        parse: validateWith(highlevelUsersResponseSchema),
        readErrorBody: readHighLevelErrorBody,
      });
      return response.users
        .filter((user) => !user.deleted)
        .map((user) => ({ id: user.id, name: agentName(user), email: nonEmpty(user.email) }));
    },
  };
}

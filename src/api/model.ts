/**
 * Parley's domain model: the one shape the UI knows. Provider adapters map wire
 * formats into these types; nothing outside `src/api/providers/` sees a wire field.
 */

export type ProviderId = 'highlevel' | 'exante';

/** A small, stable set of channels; the raw provider value is kept beside it. */
export const channels = ['sms', 'email', 'call', 'chat', 'social', 'review', 'other'] as const;
export type Channel = (typeof channels)[number];

/** Exante's lifecycle status. HighLevel has none (its `status` is a view filter). */
export { LIFECYCLES as lifecycles } from './contract/exante.ts';
import type { Lifecycle } from './contract/exante.ts';
import type { ReplyFormat, ReplyLimit } from './contract/message-limits.ts';
import type { RateGate } from './rate-gate.ts';
export type { Lifecycle, ReplyFormat, ReplyLimit };

export interface Conversation {
  id: string;
  /** Display name: contact full name, falling back to email, then phone. */
  contactName: string;
  contactId: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  /** Exante has a subject; HighLevel does not (null). */
  subject: string | null;
  snippet: string;
  channel: Channel;
  /** The provider's own value (`TYPE_WHATSAPP`, `sms`, `100`), kept for reference. */
  rawChannel: string;
  /** What an agent reads for it, known or not: "WhatsApp", "No show", "Email". */
  channelLabel: string;
  lifecycle: Lifecycle | null;
  assigneeId: string | null;
  /** HighLevel tags or Exante categories. */
  labels: string[];
  /** A count where the API has one (HighLevel); null where it has a boolean (Exante). */
  unreadCount: number | null;
  isUnread: boolean;
  /** null where the API cannot star. */
  starred: boolean | null;
  /** ISO-8601 instants. */
  lastActivityAt: string;
  createdAt: string | null;
  updatedAt: string | null;
  messageCount: number | null;
  hasAttachments: boolean;
  attachmentCount: number;
  /** Participants beyond the contact (Exante to/cc), as display strings. */
  participants: string[];
  /**
   * How an agent's reply to it goes out; null when it cannot be answered (a HighLevel
   * review, a channel the API cannot send on).
   */
  replyVia: ReplyChannel | null;
  /**
   * Who wrote the last message, where the API says (HighLevel's `lastMessageDirection`,
   * which the real wire sometimes leaves out); null where it does not (Exante's list).
   */
  lastMessageDirection: 'inbound' | 'outbound' | null;
}

/** A channel a reply goes out on, as the composer needs it. */
export interface ReplyChannel {
  /** The API's own name for it: HighLevel's send `type` (`SMS`, `Email`, …), Exante's channel. */
  type: string;
  /** An email (subject, threading), an SMS (segments), or other plain text. */
  format: ReplyFormat;
  /** What an agent reads for it: "SMS", "Email", "WhatsApp". */
  label: string;
  /** The longest reply it takes (src/api/contract/message-limits.ts counts and checks). */
  limit: ReplyLimit;
}

export interface Agent {
  id: string;
  name: string;
  email: string | null;
}

export interface Page {
  items: Conversation[];
  /** Opaque to everything outside the adapter; null at the end of the list. */
  nextCursor: string | null;
  /** The number of matches for the whole query, as the API reports it. */
  total: number;
  /** Items of this page the adapter could not read: the rest of the page is still shown. */
  unreadable: UnreadableItem[];
  /** Conversations the API could not page through, said in the agent's words. */
  gaps: string[];
}

export interface UnreadableItem {
  /** The id, when the item had one. */
  id: string | null;
  /** What was wrong with it, e.g. `no id`. */
  reason: string;
}

/**
 * What a write's answer says about the conversation: only the fields the answer carried.
 * A field it left out is not a change (a PUT answer without `starred` must not un-star).
 */
export type ConversationUpdate = Partial<Omit<Conversation, 'id'>> & { id: string };

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound';
  /** The sender's name, where the API gives one. */
  author: string | null;
  /** The agent who sent it (an id of the agents directory), where the API names one. */
  authorId: string | null;
  /** Null when the thread list left it out (HighLevel's emails): fetch it by `bodyRef`. */
  body: string | null;
  bodyRef: string | null;
  sentAt: string;
}

/** Every filter Parley knows; each API supports a subset (Capabilities.filters). */
export type FilterName =
  | 'assignee'
  | 'read'
  | 'starred'
  | 'lifecycle'
  | 'channel'
  | 'categories'
  | 'contact'
  | 'followers'
  | 'mentions'
  | 'messageType'
  | 'direction'
  | 'action'
  | 'dateRange'
  | 'q';

export interface Capabilities {
  /** The filters this API can apply; panels show only these. */
  filters: FilterName[];
  /** Raw last-message types the API filters by (HighLevel's TYPE_* values). */
  messageTypes: string[];
  /** The channels the API filters by (empty without the channel filter). */
  channels: Channel[];
  multiAssignee: boolean;
  unassignedFilter: boolean;
  star: boolean;
  unreadCount: boolean;
  lifecycle: boolean;
  categories: boolean;
  /** Whether a read filter and the starred filter can apply together (HighLevel's one
   * `status` view cannot). */
  readWithStar: boolean;
  /** Sort fields the API can order by; the first is the default. */
  sortFields: SortField[];
  /** Whether an agent can reply from Parley (each conversation's `replyVia` says on what). */
  reply: boolean;
  /** Whether conversations can be assigned (ConversationPatch.assignee), and unassigned. */
  assign: boolean;
  /**
   * HighLevel: a conversation's assignee is its contact's, so assigning one conversation
   * assigns every conversation of that contact; the UI should say so, and move them too.
   */
  assignMovesContact: boolean;
  /** Lifecycle states an agent can set (ConversationPatch.lifecycle); empty where there are none. */
  lifecycleWrites: Lifecycle[];
}

export type SortField = 'lastActivity' | 'created' | 'subject';
export type SortDirection = 'asc' | 'desc';

/** Normalized filters: what the URL holds and the query key contains. */
export interface InboxFilters {
  /** Agent ids, plus the sentinels 'me' and 'unassigned'. Empty = anyone. */
  assignee: string[];
  read: 'all' | 'read' | 'unread';
  starred: boolean;
  lifecycle: Lifecycle[];
  channel: Channel | null;
  categories: string[];
  /** HighLevel contactId / Exante party_uid. */
  contact: string | null;
  followers: string[];
  mentions: string[];
  /** A raw last-message type, e.g. TYPE_SMS. */
  messageType: string | null;
  direction: 'inbound' | 'outbound' | null;
  action: 'automated' | 'manual' | null;
  /** Creation date range, inclusive, as YYYY-MM-DD days in UTC. */
  from: string | null;
  to: string | null;
  q: string;
  sort: { field: SortField; direction: SortDirection };
}

export const defaultFilters: InboxFilters = {
  assignee: [],
  read: 'all',
  starred: false,
  lifecycle: [],
  channel: null,
  categories: [],
  contact: null,
  followers: [],
  mentions: [],
  messageType: null,
  direction: null,
  action: null,
  from: null,
  to: null,
  q: '',
  sort: { field: 'lastActivity', direction: 'desc' },
};

export interface ConversationPatch {
  starred?: boolean;
  read?: boolean;
  /** An agent's id, or null for nobody. HighLevel assigns the contact (Capabilities.assignMovesContact). */
  assignee?: string | null;
  /** Only the states in Capabilities.lifecycleWrites. */
  lifecycle?: Lifecycle;
}

/**
 * Which conversation a write is for. HighLevel assigns through the conversation's contact,
 * so a write names both; a cached Conversation is one.
 */
export interface WriteTarget {
  id: string;
  contactId: string | null;
}

/** Which conversation a reply answers, and on what channel; a cached Conversation is one. */
export interface ReplyTarget extends WriteTarget {
  replyVia: ReplyChannel | null;
}

export interface ReplyDraft {
  text: string;
  /** Email only; when absent the API's default applies (HighLevel: its thread's; Exante: "Re: …"). */
  subject?: string | null;
  /** Email only: the message being answered, so the reply is threaded to it. */
  inReplyTo?: Pick<Message, 'id' | 'bodyRef'> | null;
}

export interface SentReply {
  /**
   * The conversation the message went into, as the answer names it. HighLevel files a
   * message by contact, so it can differ from the target when the contact has another
   * conversation of the channel (or none yet and one was started).
   */
  conversationId: string;
  /**
   * The message as sent: the API's id (`local:…` when an accepted answer named none), the
   * text as sent, outbound; `sentAt` from the answer, else this browser's clock.
   */
  message: Message;
  /** What the answer says of the conversation: only the fields it carried (decision 0012). */
  update: ConversationUpdate;
}

export interface MessagePage {
  /** Oldest first within the page. */
  messages: Message[];
  /** Cursor for older messages; null when there are none. */
  olderCursor: string | null;
}

/** How the app reaches one API. The token never leaves this object except in a header. */
export interface Connection {
  provider: ProviderId;
  /** e.g. `/providers/highlevel` or `https://services.leadconnectorhq.com`. */
  baseUrl: string;
  /** HighLevel locationId / Exante organization_uid. */
  tenantId: string;
  token: string | null;
  /** The agent using Parley: what `assignee=me` resolves to. */
  meId: string | null;
}

export interface ListRequest {
  filters: InboxFilters;
  cursor: string | null;
  /** Page size; adapters default to 50. Counts ask for 1 item and read `total`. */
  limit?: number;
  signal?: AbortSignal;
}

/** The one interface the UI talks to; one implementation per API (design.md §5). */
export interface Provider {
  readonly id: ProviderId;
  readonly capabilities: Capabilities;
  /** Where requests wait while the API's rate limit is spent (src/api/rate-gate.ts). */
  readonly rateGate?: RateGate;
  list(request: ListRequest): Promise<Page>;
  get(id: string, signal?: AbortSignal): Promise<Conversation>;
  messages(id: string, cursor: string | null, signal?: AbortSignal): Promise<MessagePage>;
  /** The text of a message whose body the thread list left out (`Message.bodyRef`). */
  messageBody(ref: string, signal?: AbortSignal): Promise<string>;
  /**
   * The one write path for a conversation's fields. A bare id is still accepted for
   * writes that need no contact (star, read); an assignment on HighLevel needs the target.
   */
  update(target: WriteTarget | string, patch: ConversationPatch): Promise<ConversationUpdate>;
  /**
   * Sends a reply on the target's `replyVia`. Refused before sending ('unsupported') when
   * the draft breaks the channel's limit. A failure of kind timeout or network may still
   * have been delivered (mayHaveBeenSent in src/api/client.ts): check before sending again.
   */
  reply(target: ReplyTarget, draft: ReplyDraft): Promise<SentReply>;
  agents(signal?: AbortSignal): Promise<Agent[]>;
  /**
   * Fetches, ahead of the first act, the code that reads threads, replies and writes (it
   * loads on demand): nothing to wait for, and a failure is retried by the act itself.
   */
  prepare?(): void;
}

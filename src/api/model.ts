/**
 * Parley's domain model: the one shape the UI knows. Provider adapters map wire
 * formats into these types; nothing outside `src/api/providers/` sees a wire field.
 */

export type ProviderId = 'highlevel' | 'exante';

/** A small, stable set of channels; the raw provider value is kept beside it. */
export type Channel = 'sms' | 'email' | 'call' | 'chat' | 'social' | 'review' | 'other';

/** Exante's lifecycle status. HighLevel has none (its `status` is a view filter). */
export type Lifecycle = 'draft' | 'active' | 'archived' | 'closed';

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
  rawChannel: string;
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
}

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound';
  author: string | null;
  body: string;
  sentAt: string;
}

export interface Capabilities {
  multiAssignee: boolean;
  unassignedFilter: boolean;
  star: boolean;
  unreadCount: boolean;
  lifecycle: boolean;
  categories: boolean;
  subjectSort: boolean;
}

export type SortField = 'lastActivity' | 'created' | 'updated' | 'subject';
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
  q: '',
  sort: { field: 'lastActivity', direction: 'desc' },
};

export interface ConversationPatch {
  starred?: boolean;
  read?: boolean;
}

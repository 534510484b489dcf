/**
 * The one URL parser: search params ⇄ InboxFilters. Pure, total (never throws), and
 * canonical: defaults omitted, fixed key order, sorted de-duplicated lists, so equal
 * views have equal URLs and a link is a view.
 */
import {
  defaultFilters,
  type Channel,
  type InboxFilters,
  type Lifecycle,
  type SortField,
} from '../../api/model.ts';

/** Keys in their canonical order. Anything else in the URL is reported and dropped. */
export const filterKeys = [
  'assignee',
  'read',
  'starred',
  'status',
  'channel',
  'category',
  'q',
  'sort',
] as const;

const lifecycles: readonly Lifecycle[] = ['draft', 'active', 'archived', 'closed'];
const channels: readonly Channel[] = ['sms', 'email', 'call', 'chat', 'social', 'review', 'other'];

/** URL spelling of each sort field: short words an agent can read and edit. */
const sortWords: Record<SortField, string> = {
  lastActivity: 'updated',
  created: 'created',
  subject: 'subject',
};

/** Agent ids are opaque but bounded: letters, digits, dash, underscore. */
const agentIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const maxQueryLength = 200;

export interface ParsedFilters {
  filters: InboxFilters;
  /** Human-readable notices for what was ignored, e.g. `ignored status=bogus`. */
  notices: string[];
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

const uniqueSorted = <T extends string>(values: T[]): T[] => [...new Set(values)].sort();

function pickAll<T extends string>(
  key: string,
  raw: string,
  allowed: (value: string) => value is T,
  notices: string[],
): T[] {
  const kept: T[] = [];
  for (const value of list(raw)) {
    if (allowed(value)) kept.push(value);
    else notices.push(`ignored ${key}=${value}`);
  }
  return uniqueSorted(kept);
}

const isLifecycle = (value: string): value is Lifecycle =>
  (lifecycles as readonly string[]).includes(value);
const isChannel = (value: string): value is Channel =>
  (channels as readonly string[]).includes(value);
const isAssignee = (value: string): value is string =>
  value === 'me' || value === 'unassigned' || agentIdPattern.test(value);
const isCategory = (value: string): value is string => value.length <= 64;

export function parseFilters(params: URLSearchParams): ParsedFilters {
  const notices: string[] = [];
  const filters: InboxFilters = { ...defaultFilters, sort: { ...defaultFilters.sort } };
  const seen = new Set<string>();

  for (const [key, value] of params) {
    if (!(filterKeys as readonly string[]).includes(key)) {
      notices.push(`ignored unknown parameter ${key}`);
      continue;
    }
    if (seen.has(key)) {
      notices.push(`ignored repeated ${key}=${value}`);
      continue;
    }
    seen.add(key);

    switch (key as (typeof filterKeys)[number]) {
      case 'assignee':
        filters.assignee = pickAll(key, value, isAssignee, notices);
        break;
      case 'read':
        if (value === 'read' || value === 'unread') filters.read = value;
        else notices.push(`ignored read=${value}`);
        break;
      case 'starred':
        if (value === '1' || value === 'true') filters.starred = true;
        else notices.push(`ignored starred=${value}`);
        break;
      case 'status':
        filters.lifecycle = pickAll(key, value, isLifecycle, notices);
        break;
      case 'channel':
        if (isChannel(value)) filters.channel = value;
        else notices.push(`ignored channel=${value}`);
        break;
      case 'category':
        filters.categories = pickAll(key, value, isCategory, notices);
        break;
      case 'q': {
        const text = value.trim();
        if (text.length <= maxQueryLength) filters.q = text;
        else notices.push(`ignored q: longer than ${maxQueryLength} characters`);
        break;
      }
      case 'sort': {
        const direction = value.startsWith('-') ? 'desc' : 'asc';
        const word = value.replace(/^-/, '');
        const field = (Object.keys(sortWords) as SortField[]).find((f) => sortWords[f] === word);
        if (field) filters.sort = { field, direction };
        else notices.push(`ignored sort=${value}`);
        break;
      }
    }
  }
  return { filters, notices };
}

export function serializeFilters(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string) => {
    if (value !== '') params.set(key, value);
  };
  put('assignee', uniqueSorted(filters.assignee).join(','));
  if (filters.read !== 'all') put('read', filters.read);
  if (filters.starred) put('starred', '1');
  put('status', uniqueSorted(filters.lifecycle).join(','));
  put('channel', filters.channel ?? '');
  put('category', uniqueSorted(filters.categories).join(','));
  put('q', filters.q.trim());
  const { field, direction } = filters.sort;
  if (field !== defaultFilters.sort.field || direction !== defaultFilters.sort.direction) {
    put('sort', `${direction === 'desc' ? '-' : ''}${sortWords[field]}`);
  }
  return params;
}

/** Active filters as short labels, for chips and the empty state. */
export function describeFilters(filters: InboxFilters): string[] {
  const labels: string[] = [];
  if (filters.assignee.length > 0) labels.push(`assignee: ${filters.assignee.join(', ')}`);
  if (filters.read !== 'all') labels.push(filters.read);
  if (filters.starred) labels.push('starred');
  if (filters.lifecycle.length > 0) labels.push(`status: ${filters.lifecycle.join(', ')}`);
  if (filters.channel) labels.push(`channel: ${filters.channel}`);
  if (filters.categories.length > 0) labels.push(`category: ${filters.categories.join(', ')}`);
  if (filters.q) labels.push(`search: “${filters.q}”`);
  return labels;
}

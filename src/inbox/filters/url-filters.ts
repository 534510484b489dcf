/**
 * The one URL parser: search params ⇄ InboxFilters. Pure, total (never throws), and
 * canonical: defaults omitted, fixed key order, sorted de-duplicated lists, so equal
 * views have equal URLs and a link is a view.
 */
import {
  channels,
  defaultFilters,
  lifecycles,
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
  'contact',
  'followers',
  'mentions',
  'type',
  'direction',
  'action',
  'from',
  'to',
  'q',
  'sort',
] as const;
type FilterKey = (typeof filterKeys)[number];

/** URL spelling of each sort field: short words an agent can read and edit. */
export const sortWords: Record<SortField, string> = {
  lastActivity: 'updated',
  created: 'created',
  subject: 'subject',
};

/** Ids are opaque but bounded: letters, digits, dash, underscore. */
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const messageTypePattern = /^TYPE_[A-Z_]{1,40}$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
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

const isLifecycle = (value: string): value is Lifecycle =>
  (lifecycles as readonly string[]).includes(value);
const isChannel = (value: string): value is Channel =>
  (channels as readonly string[]).includes(value);
const isId = (value: string): value is string => idPattern.test(value);
const isAssignee = (value: string): value is string =>
  value === 'me' || value === 'unassigned' || isId(value);
const isCategory = (value: string): value is string => value.length <= 64;
const isDay = (value: string) =>
  dayPattern.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** How each key reads its value into the filters; false means "invalid, ignore it". */
const readers: Record<FilterKey, (value: string, f: InboxFilters, notices: string[]) => boolean> = {
  assignee: (v, f, n) => ((f.assignee = pickAll('assignee', v, isAssignee, n)), true),
  read: (v, f) => (v === 'read' || v === 'unread' ? ((f.read = v), true) : false),
  starred: (v, f) => (v === '1' || v === 'true' ? ((f.starred = true), true) : false),
  status: (v, f, n) => ((f.lifecycle = pickAll('status', v, isLifecycle, n)), true),
  channel: (v, f) => (isChannel(v) ? ((f.channel = v), true) : false),
  category: (v, f, n) => ((f.categories = pickAll('category', v, isCategory, n)), true),
  contact: (v, f) => (isId(v) ? ((f.contact = v), true) : false),
  followers: (v, f, n) => ((f.followers = pickAll('followers', v, isId, n)), true),
  mentions: (v, f, n) => ((f.mentions = pickAll('mentions', v, isId, n)), true),
  type: (v, f) => (messageTypePattern.test(v) ? ((f.messageType = v), true) : false),
  direction: (v, f) => (v === 'inbound' || v === 'outbound' ? ((f.direction = v), true) : false),
  action: (v, f) => (v === 'automated' || v === 'manual' ? ((f.action = v), true) : false),
  from: (v, f) => (isDay(v) ? ((f.from = v), true) : false),
  to: (v, f) => (isDay(v) ? ((f.to = v), true) : false),
  q: (v, f) => {
    const text = v.trim();
    if (text.length > maxQueryLength) return false;
    f.q = text;
    return true;
  },
  sort: (v, f) => {
    const word = v.replace(/^-/, '');
    const field = (Object.keys(sortWords) as SortField[]).find((key) => sortWords[key] === word);
    if (!field) return false;
    f.sort = { field, direction: v.startsWith('-') ? 'desc' : 'asc' };
    return true;
  },
};

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

const shorten = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

export function parseFilters(params: URLSearchParams): ParsedFilters {
  const notices: string[] = [];
  const filters: InboxFilters = structuredClone(defaultFilters);
  const seen = new Set<string>();

  for (const [key, value] of params) {
    if (!(filterKeys as readonly string[]).includes(key)) {
      notices.push(`ignored unknown parameter ${shorten(key)}`);
    } else if (seen.has(key)) {
      notices.push(`ignored repeated ${key}=${shorten(value)}`);
    } else {
      seen.add(key);
      if (!readers[key as FilterKey](value, filters, notices)) {
        notices.push(`ignored ${key}=${shorten(value)}`);
      }
    }
  }
  if (filters.from !== null && filters.to !== null && filters.from > filters.to) {
    notices.push(`ignored to=${filters.to}: it is before from=${filters.from}`);
    filters.to = null;
  }
  return { filters, notices };
}

export function serializeFilters(f: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: FilterKey, value: string | null) => {
    if (value !== null && value !== '') params.set(key, value);
  };
  const join = (values: string[]) => uniqueSorted(values).join(',');
  put('assignee', join(f.assignee));
  put('read', f.read === 'all' ? null : f.read);
  put('starred', f.starred ? '1' : null);
  put('status', join(f.lifecycle));
  put('channel', f.channel);
  put('category', join(f.categories));
  put('contact', f.contact);
  put('followers', join(f.followers));
  put('mentions', join(f.mentions));
  put('type', f.messageType);
  put('direction', f.direction);
  put('action', f.action);
  put('from', f.from);
  put('to', f.to);
  put('q', f.q.trim());
  const { field, direction } = f.sort;
  if (field !== defaultFilters.sort.field || direction !== defaultFilters.sort.direction) {
    put('sort', `${direction === 'desc' ? '-' : ''}${sortWords[field]}`);
  }
  return params;
}

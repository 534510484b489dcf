/**
 * Every filter Parley knows, once: its URL key, how it is read from and written to the
 * URL, the capability an API needs to apply it, its chip, how the browser matches a row
 * against it, and the control that edits it. The parser, the capability check, the
 * chips, the matcher and the filters panel are loops over this list; adding a filter is
 * an entry here and its wire mapping in each adapter (docs/adding-a-filter.md).
 */
import {
  channels,
  defaultFilters,
  lifecycles,
  type Agent,
  type Capabilities,
  type Channel,
  type Conversation,
  type FilterName,
  type InboxFilters,
  type SortField,
} from '../../api/model.ts';

/** A choice in a control: the value the filter takes and the words the agent reads. */
export interface Option {
  value: string;
  label: string;
}

/** What a control's choices may depend on besides the API: the directory, the rows. */
export interface ControlContext {
  caps: Capabilities;
  agents: readonly Agent[];
  /** Labels seen in the view's loaded rows (neither API lists its categories). */
  seenLabels: ReadonlySet<string>;
}

/**
 * Controls that share a group stand together in one column of the panel, under the
 * group's legend if it has one. Groups are told apart by identity.
 */
export interface FilterGroup {
  legend?: string;
}

/** How the filters panel edits a filter; `filter-panel.tsx` draws each kind. */
export type FilterControl =
  | {
      /** Several values, one checkbox each. */
      kind: 'checkboxes';
      legend: string;
      options: (context: ControlContext, selected: readonly string[]) => Option[];
      /** What the options are (`agent`), where there are enough to find them by name. */
      find?: string;
      /** One value at a time (an API that filters a single one). */
      single?: (caps: Capabilities) => boolean;
    }
  | { kind: 'radios'; legend: string; options: readonly Option[] }
  /** One value or none ("Any"). */
  | { kind: 'select'; label: string; options: (caps: Capabilities) => Option[] }
  | { kind: 'checkbox'; label: string }
  | { kind: 'text'; label: string; type: 'text' | 'date' };

type Field = keyof InboxFilters;

export interface FilterDescriptor<F extends Field> {
  /** The URL key. The registry's order is the URL's canonical key order. */
  key: string;
  field: F;
  /** The capability (Capabilities.filters) an API needs to apply it; null: every API. */
  needs: FilterName | null;
  /** The URL value read; undefined when invalid. `ignore` reports a dropped list item. */
  parse: (raw: string, ignore: (item: string) => void) => InboxFilters[F] | undefined;
  /** The URL value; null or '' at the default, which the URL omits. */
  serialize: (value: InboxFilters[F]) => string | null;
  /** Against the other filters of the same URL: why this one is dropped, or null. */
  consistent?: (value: InboxFilters[F], filters: InboxFilters) => string | null;
  /** What this API can apply of the value alone, and why it dropped the rest. */
  narrow?: (value: InboxFilters[F], caps: Capabilities) => [InboxFilters[F], string[]];
  /** Whether this API can apply it together with the others: why not, or null. */
  combines?: (value: InboxFilters[F], filters: InboxFilters, caps: Capabilities) => string | null;
  /**
   * Which of its values name agents of the directory (the rest are words such as `me`):
   * a link naming an agent this API does not have is reported and the agent dropped.
   */
  agentIds?: (value: InboxFilters[F]) => readonly string[];
  /** The active filter as the agent reads it (a chip, the empty state). None: no chip. */
  chip?: (value: InboxFilters[F], agents: ReadonlyMap<string, Agent>) => string;
  /**
   * Whether a conversation passes it, as far as the browser can tell: null when only the
   * server knows. None: it orders rather than filters.
   */
  matches?: (c: Conversation, value: InboxFilters[F], meId: string | null) => boolean | null;
  /** None: edited outside the panel (the search box, the sort menu). */
  control?: FilterControl;
  group?: FilterGroup;
}

/** One descriptor of any field: what the loops over the registry hold. */
export type AnyFilterDescriptor = { [F in Field]: FilterDescriptor<F> }[Field];

/** A descriptor's value in `filters`. The registry pairs each field with its own functions. */
export const valueOf = (d: AnyFilterDescriptor, filters: InboxFilters) => filters[d.field] as never;

/** Whether the filter is set: anything but its default, which the URL omits. */
export const isSet = (d: AnyFilterDescriptor, filters: InboxFilters): boolean =>
  (d.serialize(valueOf(d, filters)) ?? '') !== '';

/** The filters with this one back at its default. */
export const without = (d: AnyFilterDescriptor, filters: InboxFilters): InboxFilters => ({
  ...filters,
  [d.field]: defaultFilters[d.field],
});

// ——— Reading values ———

/** Ids are opaque but bounded: letters, digits, dash, underscore. */
const isId = (value: string) => /^[A-Za-z0-9_-]{1,64}$/.test(value);
const isDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const maxQueryLength = 200;

const uniqueSorted = <T extends string>(values: readonly T[]): T[] => [...new Set(values)].sort();

/** A comma list: keeps the valid items, sorted and de-duplicated, and reports the others. */
const listOf =
  <T extends string>(valid: (item: string) => boolean) =>
  (raw: string, ignore: (item: string) => void): T[] => {
    const kept: T[] = [];
    for (const item of raw.split(',').map((part) => part.trim())) {
      if (item === '') continue;
      if (valid(item)) kept.push(item as T);
      else ignore(item);
    }
    return uniqueSorted(kept);
  };
const joinList = (values: readonly string[]) => uniqueSorted(values).join(',');

/** One of a fixed set of words. */
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (raw: string): T | undefined =>
    values.find((value) => value === raw);
/** One word matching a pattern. */
const matching = (valid: (value: string) => boolean) => (raw: string) =>
  valid(raw) ? raw : undefined;
const asIs = <T extends string | null>(value: T) => value;

/** An agent id, or the words `me` (whoever opens the link) and `unassigned`. */
const agentNames = (ids: readonly string[], agents: ReadonlyMap<string, Agent>) =>
  ids
    .map((id) => (id === 'me' || id === 'unassigned' ? id : (agents.get(id)?.name ?? id)))
    .join(', ');
/** Only the server knows the last message's type and action, followers, mentions and search hits. */
const serverOnly = () => null;

/** The rows' created day (UTC), or undefined where the API does not say. */
const createdDay = (c: Conversation) => c.createdAt?.slice(0, 10);

/** Agents by name, after the words `me` and `unassigned` where they apply. */
const agentChoices = (
  legend: string,
  words: (caps: Capabilities) => Option[] = () => [],
): Extract<FilterControl, { kind: 'checkboxes' }> => ({
  kind: 'checkboxes',
  legend,
  find: 'agent',
  options: ({ caps, agents }) => [
    ...words(caps),
    ...agents.map((a) => ({ value: a.id, label: a.name })),
  ],
});

const capitalized = (value: string): Option => ({
  value,
  label: `${value.charAt(0).toUpperCase()}${value.slice(1)}`,
});

/** How a channel is named on screen, in the list and in the filters. */
export const channelNames: Record<Channel, string> = {
  sms: 'SMS',
  email: 'Email',
  call: 'Call',
  chat: 'Chat',
  social: 'Social',
  review: 'Review',
  other: 'Other',
};

/** URL spelling of each sort field: short words an agent can read and edit. */
export const sortWords: Record<SortField, string> = {
  lastActivity: 'updated',
  created: 'created',
  subject: 'subject',
};

const stateColumn: FilterGroup = {};
const lastMessage: FilterGroup = { legend: 'Last message' };
const created: FilterGroup = { legend: 'Created (UTC)' };

// ——— The registry ———

const assignee: FilterDescriptor<'assignee'> = {
  key: 'assignee',
  field: 'assignee',
  needs: 'assignee',
  parse: listOf((v) => v === 'me' || v === 'unassigned' || isId(v)),
  serialize: joinList,
  narrow: (value, caps) => {
    const notices: string[] = [];
    let kept = value;
    if (!caps.unassignedFilter && kept.includes('unassigned')) {
      notices.push('ignored assignee=unassigned: this API cannot filter unassigned conversations');
      kept = kept.filter((a) => a !== 'unassigned');
    }
    if (!caps.multiAssignee && kept.length > 1) {
      const [first, ...rest] = kept;
      notices.push(`ignored assignee=${rest.join(',')}: this API filters one assignee at a time`);
      kept = first ? [first] : [];
    }
    return [kept, notices];
  },
  agentIds: (value) => value.filter((a) => a !== 'me' && a !== 'unassigned'),
  chip: (value, agents) => `Assignee: ${agentNames(value, agents)}`,
  matches: (c, value, meId) =>
    value.some((a) =>
      a === 'unassigned' ? c.assigneeId === null : c.assigneeId === (a === 'me' ? meId : a),
    ),
  control: {
    ...agentChoices('Assignee', (caps) => [
      { value: 'me', label: 'Me' },
      ...(caps.unassignedFilter ? [{ value: 'unassigned', label: 'Unassigned' }] : []),
    ]),
    single: (caps) => !caps.multiAssignee,
  },
};

const read: FilterDescriptor<'read'> = {
  key: 'read',
  field: 'read',
  needs: 'read',
  parse: oneOf(['read', 'unread'] as const),
  serialize: (value) => (value === 'all' ? null : value),
  // HighLevel expresses read state and starring through one `status` view: keep the star
  // view, which the agent chose explicitly.
  combines: (value, filters, caps) =>
    !caps.readWithStar && filters.starred
      ? `ignored read=${value}: this API cannot combine it with starred`
      : null,
  chip: (value) => (value === 'unread' ? 'Unread' : 'Read'),
  matches: (c, value) => c.isUnread === (value === 'unread'),
  control: {
    kind: 'radios',
    legend: 'Read state',
    options: (['all', 'unread', 'read'] as const).map(capitalized),
  },
  group: stateColumn,
};

const starred: FilterDescriptor<'starred'> = {
  key: 'starred',
  field: 'starred',
  needs: 'starred',
  parse: (raw) => (raw === '1' || raw === 'true' ? true : undefined),
  serialize: (value) => (value ? '1' : null),
  chip: () => 'Starred',
  matches: (c) => c.starred === true,
  control: { kind: 'checkbox', label: 'Starred only' },
  group: stateColumn,
};

const status: FilterDescriptor<'lifecycle'> = {
  key: 'status',
  field: 'lifecycle',
  needs: 'lifecycle',
  parse: listOf((v) => (lifecycles as readonly string[]).includes(v)),
  serialize: joinList,
  chip: (value) => `Status: ${value.join(', ')}`,
  matches: (c, value) => c.lifecycle !== null && value.includes(c.lifecycle),
  control: { kind: 'checkboxes', legend: 'Status', options: () => lifecycles.map(capitalized) },
};

const channel: FilterDescriptor<'channel'> = {
  key: 'channel',
  field: 'channel',
  needs: 'channel',
  parse: oneOf(channels),
  serialize: asIs,
  chip: (value) => `Channel: ${value ?? ''}`,
  matches: (c, value) => c.channel === value,
  control: {
    kind: 'select',
    label: 'Channel',
    options: (caps) => caps.channels.map((value) => ({ value, label: channelNames[value] })),
  },
  group: stateColumn,
};

const category: FilterDescriptor<'categories'> = {
  key: 'category',
  field: 'categories',
  needs: 'categories',
  parse: listOf((v) => v.length <= 64),
  serialize: joinList,
  chip: (value) => `Category: ${value.join(', ')}`,
  matches: (c, value) => value.some((label) => c.labels.includes(label)),
  control: {
    kind: 'checkboxes',
    legend: 'Category',
    options: ({ seenLabels }, selected) =>
      uniqueSorted([...seenLabels, ...selected]).map((value) => ({ value, label: value })),
  },
};

const contact: FilterDescriptor<'contact'> = {
  key: 'contact',
  field: 'contact',
  needs: 'contact',
  parse: matching(isId),
  serialize: asIs,
  chip: (value) => `Contact: ${value ?? ''}`,
  matches: (c, value) => c.contactId === value,
  control: { kind: 'text', label: 'Contact id', type: 'text' },
  group: stateColumn,
};

const followers: FilterDescriptor<'followers'> = {
  key: 'followers',
  field: 'followers',
  needs: 'followers',
  parse: listOf(isId),
  serialize: joinList,
  agentIds: (value) => value,
  chip: (value, agents) => `Followers: ${agentNames(value, agents)}`,
  matches: serverOnly,
  control: agentChoices('Followers'),
};

const mentions: FilterDescriptor<'mentions'> = {
  key: 'mentions',
  field: 'mentions',
  needs: 'mentions',
  parse: listOf(isId),
  serialize: joinList,
  agentIds: (value) => value,
  chip: (value, agents) => `Mentions: ${agentNames(value, agents)}`,
  matches: serverOnly,
  control: agentChoices('Mentions'),
};

const type: FilterDescriptor<'messageType'> = {
  key: 'type',
  field: 'messageType',
  needs: 'messageType',
  parse: matching((v) => /^TYPE_[A-Z_]{1,40}$/.test(v)),
  serialize: asIs,
  chip: (value) => `Last message: ${value ?? ''}`,
  matches: serverOnly,
  control: {
    kind: 'select',
    label: 'Type',
    options: (caps) =>
      caps.messageTypes.map((value) => ({
        value,
        label: value
          .replace(/^TYPE_/, '')
          .replaceAll('_', ' ')
          .toLowerCase(),
      })),
  },
  group: lastMessage,
};

const direction: FilterDescriptor<'direction'> = {
  key: 'direction',
  field: 'direction',
  needs: 'direction',
  parse: oneOf(['inbound', 'outbound'] as const),
  serialize: asIs,
  chip: (value) => `Direction: ${value ?? ''}`,
  // Known where the API says who wrote last, and after the agent's own reply.
  matches: (c, value) =>
    c.lastMessageDirection === null ? null : c.lastMessageDirection === value,
  control: {
    kind: 'select',
    label: 'Direction',
    options: () => ['inbound', 'outbound'].map(capitalized),
  },
  group: lastMessage,
};

const action: FilterDescriptor<'action'> = {
  key: 'action',
  field: 'action',
  needs: 'action',
  parse: oneOf(['automated', 'manual'] as const),
  serialize: asIs,
  chip: (value) => `Action: ${value ?? ''}`,
  matches: serverOnly,
  control: {
    kind: 'select',
    label: 'Action',
    options: () => ['manual', 'automated'].map(capitalized),
  },
  group: lastMessage,
};

const from: FilterDescriptor<'from'> = {
  key: 'from',
  field: 'from',
  needs: 'dateRange',
  parse: matching(isDay),
  serialize: asIs,
  chip: (value) => `Created from ${value ?? ''}`,
  matches: (c, value) => {
    const day = createdDay(c);
    return day === undefined ? null : value === null || day >= value;
  },
  control: { kind: 'text', label: 'From', type: 'date' },
  group: created,
};

const to: FilterDescriptor<'to'> = {
  key: 'to',
  field: 'to',
  needs: 'dateRange',
  parse: matching(isDay),
  serialize: asIs,
  consistent: (value, filters) =>
    filters.from !== null && value !== null && filters.from > value
      ? `ignored to=${value}: it is before from=${filters.from}`
      : null,
  chip: (value) => `Created until ${value ?? ''}`,
  matches: (c, value) => {
    const day = createdDay(c);
    return day === undefined ? null : value === null || day <= value;
  },
  control: { kind: 'text', label: 'Until', type: 'date' },
  group: created,
};

const q: FilterDescriptor<'q'> = {
  key: 'q',
  field: 'q',
  needs: 'q',
  parse: (raw) => (raw.trim().length > maxQueryLength ? undefined : raw.trim()),
  serialize: (value) => value.trim(),
  chip: (value) => `Search: “${value}”`,
  matches: serverOnly,
};

const sort: FilterDescriptor<'sort'> = {
  key: 'sort',
  field: 'sort',
  needs: null,
  parse: (raw) => {
    const word = raw.replace(/^-/, '');
    const field = (Object.keys(sortWords) as SortField[]).find((key) => sortWords[key] === word);
    return field ? { field, direction: raw.startsWith('-') ? 'desc' : 'asc' } : undefined;
  },
  serialize: ({ field, direction }) =>
    field === defaultFilters.sort.field && direction === defaultFilters.sort.direction
      ? null
      : `${direction === 'desc' ? '-' : ''}${sortWords[field]}`,
  narrow: (value, caps) =>
    caps.sortFields.includes(value.field)
      ? [value, []]
      : [
          { field: caps.sortFields[0] ?? 'lastActivity', direction: 'desc' },
          [`ignored sort by ${value.field}: this API cannot sort by it`],
        ],
};

/** Every filter, in the URL's canonical key order. */
export const filterRegistry: readonly AnyFilterDescriptor[] = [
  assignee,
  read,
  starred,
  status,
  channel,
  category,
  contact,
  followers,
  mentions,
  type,
  direction,
  action,
  from,
  to,
  q,
  sort,
];

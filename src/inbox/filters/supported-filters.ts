/**
 * Drops the filters the connected API cannot apply, with a notice for each, so the list
 * is never silently wrong: a filter is either applied by the API or visibly ignored.
 */
import {
  defaultFilters,
  type Capabilities,
  type FilterName,
  type InboxFilters,
} from '../../api/model.ts';
import { serializeFilters, type ParsedFilters } from './url-filters.ts';

/** Which filter fields each capability covers. */
const fieldsOf: Record<FilterName, (keyof InboxFilters)[]> = {
  assignee: ['assignee'],
  read: ['read'],
  starred: ['starred'],
  lifecycle: ['lifecycle'],
  channel: ['channel'],
  categories: ['categories'],
  contact: ['contact'],
  followers: ['followers'],
  mentions: ['mentions'],
  messageType: ['messageType'],
  direction: ['direction'],
  action: ['action'],
  dateRange: ['from', 'to'],
  q: ['q'],
};

export function keepSupported(filters: InboxFilters, caps: Capabilities): ParsedFilters {
  const notices: string[] = [];
  const kept: InboxFilters = { ...filters };

  for (const [name, fields] of Object.entries(fieldsOf) as [FilterName, (keyof InboxFilters)[]][]) {
    if (caps.filters.includes(name)) continue;
    const reset: Partial<InboxFilters> = Object.fromEntries(
      fields.map((f) => [f, defaultFilters[f]]),
    );
    const dropped = serializeFilters({ ...defaultFilters, ...pick(kept, fields) }).toString();
    if (dropped === '') continue;
    Object.assign(kept, reset);
    notices.push(
      `ignored ${decodeURIComponent(dropped).replaceAll('&', ' ')}: this API cannot filter by it`,
    );
  }

  if (!caps.unassignedFilter && kept.assignee.includes('unassigned')) {
    notices.push('ignored assignee=unassigned: this API cannot filter unassigned conversations');
    kept.assignee = kept.assignee.filter((a) => a !== 'unassigned');
  }
  if (!caps.multiAssignee && kept.assignee.length > 1) {
    const [first, ...rest] = kept.assignee;
    notices.push(`ignored assignee=${rest.join(',')}: this API filters one assignee at a time`);
    kept.assignee = first ? [first] : [];
  }
  if (!caps.sortFields.includes(kept.sort.field)) {
    notices.push(`ignored sort by ${kept.sort.field}: this API cannot sort by it`);
    kept.sort = { field: caps.sortFields[0] ?? 'lastActivity', direction: 'desc' };
  }
  // HighLevel expresses read state and starring through one `status` view: keep the
  // star view, which the agent chose explicitly.
  if (!caps.readWithStar && kept.starred && kept.read !== 'all') {
    notices.push(`ignored read=${kept.read}: this API cannot combine it with starred`);
    kept.read = 'all';
  }
  return { filters: kept, notices };
}

function pick(filters: InboxFilters, fields: (keyof InboxFilters)[]): Partial<InboxFilters> {
  return Object.fromEntries(fields.map((f) => [f, filters[f]]));
}

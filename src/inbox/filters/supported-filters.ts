/**
 * Drops the filters the connected API cannot apply, with a notice for each, so the list
 * is never silently wrong: a filter is either applied by the API or visibly ignored.
 */
import type { Capabilities, InboxFilters } from '../../api/model.ts';
import type { ParsedFilters } from './url-filters.ts';

export function keepSupported(filters: InboxFilters, caps: Capabilities): ParsedFilters {
  const notices: string[] = [];
  const kept: InboxFilters = { ...filters };

  if (!caps.star && kept.starred) {
    kept.starred = false;
    notices.push('ignored starred: this API has no stars');
  }
  if (!caps.lifecycle && kept.lifecycle.length > 0) {
    notices.push(`ignored status=${kept.lifecycle.join(',')}: this API has no lifecycle status`);
    kept.lifecycle = [];
  }
  if (!caps.categories && kept.categories.length > 0) {
    notices.push(`ignored category=${kept.categories.join(',')}: this API has no categories`);
    kept.categories = [];
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

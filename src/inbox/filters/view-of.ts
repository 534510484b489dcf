import type { Agent, Capabilities, InboxFilters } from '../../api/model.ts';
import { filterRegistry, valueOf } from './filter-registry.ts';
import { keepSupported } from './supported-filters.ts';
import { parseFilters, searchOf } from './url-filters.ts';

/** A URL's view on one API: what its list and counts ask for, and what it dropped. */
export interface View {
  /** Canonical and supported: the list's and the counts' query keys hold exactly this. */
  filters: InboxFilters;
  /** What was ignored and why, e.g. `ignored status=bogus`. */
  notices: string[];
  /** The canonical search string of `filters` ('' for the default view). */
  search: string;
}

/**
 * The one way from a search string to a view: the inbox page, the first-paint prefetch
 * and the views rail all call this, so their query keys agree by construction. With the
 * agents directory (the page, once it has loaded), agents it does not list are dropped.
 */
export function viewOf(search: string, caps: Capabilities, agents?: readonly Agent[]): View {
  const parsed = parseFilters(new URLSearchParams(search));
  const supported = keepSupported(parsed.filters, caps);
  const known = knownAgentsOnly(supported.filters, agents);
  return {
    filters: known.filters,
    notices: [...parsed.notices, ...supported.notices, ...known.notices],
    search: searchOf(known.filters),
  };
}

/** Whether the filters name agents by id (`me` and `unassigned` are not ids). */
export const namesAgents = (filters: InboxFilters): boolean =>
  filterRegistry.some((d) => (d.agentIds?.(valueOf(d, filters)).length ?? 0) > 0);

function knownAgentsOnly(
  filters: InboxFilters,
  agents: readonly Agent[] | undefined,
): { filters: InboxFilters; notices: string[] } {
  // An empty directory is one the API would not give (a missing scope): nothing to judge by.
  if (!agents || agents.length === 0) return { filters, notices: [] };
  const ids = new Set(agents.map((a) => a.id));
  const notices: string[] = [];
  let kept = filters;
  for (const d of filterRegistry) {
    if (!d.agentIds) continue;
    const value = valueOf(d, kept) as string[];
    const unknown = new Set(d.agentIds(value as never).filter((id) => !ids.has(id)));
    if (unknown.size === 0) continue;
    notices.push(`ignored ${d.key}=${[...unknown].join(',')}: no agent of this API has that id`);
    kept = { ...kept, [d.field]: value.filter((v) => !unknown.has(v)) };
  }
  return { filters: kept, notices };
}

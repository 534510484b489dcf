/**
 * Active filters as removable chips: one label per filter, and the filters without it.
 * Also the words of the empty state ("Active filters: …").
 */
import type { Agent, InboxFilters } from '../../api/model.ts';
import { filterRegistry, isSet, valueOf, without } from './filter-registry.ts';

export interface Chip {
  key: string;
  label: string;
  without: InboxFilters;
}

export function filterChips(f: InboxFilters, agents: ReadonlyMap<string, Agent>): Chip[] {
  return filterRegistry.flatMap((d) =>
    d.chip && isSet(d, f)
      ? [{ key: d.key, label: d.chip(valueOf(d, f), agents), without: without(d, f) }]
      : [],
  );
}

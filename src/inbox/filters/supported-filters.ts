/**
 * Drops the filters the connected API cannot apply, with a notice for each, so the list
 * is never silently wrong: a filter is either applied by the API or visibly ignored.
 */
import type { Capabilities, FilterName, InboxFilters } from '../../api/model.ts';
import { filterRegistry, isSet, valueOf, without } from './filter-registry.ts';
import { serializeFilters, type ParsedFilters } from './url-filters.ts';

/** The capabilities filters need, in the registry's order (from and to share one). */
const capabilityNames = [
  ...new Set(filterRegistry.flatMap((d) => (d.needs === null ? [] : [d.needs]))),
] as FilterName[];

export function keepSupported(filters: InboxFilters, caps: Capabilities): ParsedFilters {
  const notices: string[] = [];
  let kept = filters;

  // What the API cannot filter by at all: one notice per capability.
  for (const name of capabilityNames) {
    if (caps.filters.includes(name)) continue;
    const dropped = filterRegistry.filter((d) => d.needs === name && isSet(d, kept));
    if (dropped.length === 0) continue;
    const words = decodeURIComponent(serializeFilters(kept, dropped).toString());
    notices.push(`ignored ${words.replaceAll('&', ' ')}: this API cannot filter by it`);
    for (const d of dropped) kept = without(d, kept);
  }
  // What it can apply of each filter alone (one assignee, its sort fields)…
  for (const d of filterRegistry) {
    if (!d.narrow) continue;
    const [value, why] = d.narrow(valueOf(d, kept), caps);
    if (why.length === 0) continue;
    notices.push(...why);
    kept = { ...kept, [d.field]: value };
  }
  // …and of filters together (HighLevel: read state or starred, not both).
  for (const d of filterRegistry) {
    const why = isSet(d, kept) ? d.combines?.(valueOf(d, kept), kept, caps) : null;
    if (why) {
      notices.push(why);
      kept = without(d, kept);
    }
  }
  return { filters: kept, notices };
}

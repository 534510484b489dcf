/**
 * The one URL parser: search params ⇄ InboxFilters, a loop over the filter registry.
 * Pure, total (never throws), and canonical: defaults omitted, the registry's key order,
 * sorted de-duplicated lists, so equal views have equal URLs and a link is a view.
 */
import { defaultFilters, type InboxFilters } from '../../api/model.ts';
import {
  filterRegistry,
  isSet,
  valueOf,
  without,
  type AnyFilterDescriptor,
} from './filter-registry.ts';

/** Keys in their canonical order. Anything else in the URL is reported and dropped. */
export const filterKeys = filterRegistry.map((d) => d.key);
const byKey = new Map(filterRegistry.map((d) => [d.key, d]));

export interface ParsedFilters {
  filters: InboxFilters;
  /** Human-readable notices for what was ignored, e.g. `ignored status=bogus`. */
  notices: string[];
}

const shorten = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

export function parseFilters(params: URLSearchParams): ParsedFilters {
  const notices: string[] = [];
  let filters: InboxFilters = { ...defaultFilters };
  const seen = new Set<string>();

  for (const [key, raw] of params) {
    const d = byKey.get(key);
    if (!d) {
      notices.push(`ignored unknown parameter ${shorten(key)}`);
    } else if (seen.has(key)) {
      notices.push(`ignored repeated ${key}=${shorten(raw)}`);
    } else {
      seen.add(key);
      const value = d.parse(raw, (item) => notices.push(`ignored ${key}=${item}`));
      if (value === undefined) notices.push(`ignored ${key}=${shorten(raw)}`);
      else filters = { ...filters, [d.field]: value };
    }
  }
  for (const d of filterRegistry) {
    const reason = isSet(d, filters) ? d.consistent?.(valueOf(d, filters), filters) : null;
    if (reason) {
      notices.push(reason);
      filters = without(d, filters);
    }
  }
  return { filters, notices };
}

/** The URL parameters of these filters (by default all of them), defaults omitted. */
export function serializeFilters(
  filters: InboxFilters,
  descriptors: readonly AnyFilterDescriptor[] = filterRegistry,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const d of descriptors) {
    const value = d.serialize(valueOf(d, filters));
    if (value) params.set(d.key, value);
  }
  return params;
}

/** The canonical search string of the filters: `?read=unread`, or '' for the default view. */
export function searchOf(filters: InboxFilters): string {
  const search = serializeFilters(filters).toString();
  return search === '' ? '' : `?${search}`;
}

import type { Capabilities, InboxFilters } from '../../api/model.ts';
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
 * and the views rail all call this, so their query keys agree by construction.
 */
export function viewOf(search: string, caps: Capabilities): View {
  const parsed = parseFilters(new URLSearchParams(search));
  const supported = keepSupported(parsed.filters, caps);
  return {
    filters: supported.filters,
    notices: [...parsed.notices, ...supported.notices],
    search: searchOf(supported.filters),
  };
}

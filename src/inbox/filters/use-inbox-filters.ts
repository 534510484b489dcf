import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { InboxFilters } from '../../api/model.ts';
import { keepSupported } from './supported-filters.ts';
import { parseFilters, serializeFilters } from './url-filters.ts';

interface NoticeState {
  filterNotices?: string[];
}

const readNotices = (state: unknown): string[] =>
  (state as NoticeState | null)?.filterNotices ?? [];

/**
 * The only reader and writer of filter state: the URL. A URL that is not canonical
 * (unknown keys, invalid values, filters this API cannot apply) is rewritten in place,
 * and what was dropped travels in the history entry's state so the agent is told.
 */
export function useInboxFilters() {
  const api = useApi();
  const location = useLocation();
  const navigate = useNavigate();

  const { filters, notices, canonical } = useMemo(() => {
    const parsed = parseFilters(new URLSearchParams(location.search));
    const supported = keepSupported(parsed.filters, api.provider.capabilities);
    const search = serializeFilters(supported.filters).toString();
    return {
      filters: supported.filters,
      notices: [...parsed.notices, ...supported.notices],
      canonical: search === '' ? '' : `?${search}`,
    };
  }, [location.search, api.provider.capabilities]);

  useEffect(() => {
    if (canonical !== location.search) {
      void navigate(
        { pathname: location.pathname, search: canonical },
        { replace: true, state: { filterNotices: notices } satisfies NoticeState },
      );
    }
  }, [canonical, location.search, location.pathname, notices, navigate]);

  /**
   * Changing a filter replaces the history entry: tweaks are not views. flushSync: a
   * controlled checkbox must not flick back to its old state while a transition waits.
   */
  const { pathname } = location;
  const setFilters = useCallback(
    (next: InboxFilters) => {
      const search = serializeFilters(next).toString();
      void navigate(
        { pathname, search: search === '' ? '' : `?${search}` },
        { replace: true, flushSync: true },
      );
    },
    [pathname, navigate],
  );

  return { filters, notices: readNotices(location.state), search: canonical, setFilters };
}

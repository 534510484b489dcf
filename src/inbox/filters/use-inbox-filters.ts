import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { InboxFilters } from '../../api/model.ts';
import { searchOf } from './url-filters.ts';
import { viewOf } from './view-of.ts';

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

  const view = useMemo(
    () => viewOf(location.search, api.provider.capabilities),
    [location.search, api.provider.capabilities],
  );

  useEffect(() => {
    if (view.search !== location.search) {
      void navigate(
        { pathname: location.pathname, search: view.search },
        { replace: true, state: { filterNotices: view.notices } satisfies NoticeState },
      );
    }
  }, [view, location.search, location.pathname, navigate]);

  /**
   * Changing a filter replaces the history entry: tweaks are not views. flushSync: a
   * controlled checkbox must not flick back to its old state while a transition waits.
   */
  const { pathname } = location;
  const setFilters = useCallback(
    (next: InboxFilters) => {
      void navigate({ pathname, search: searchOf(next) }, { replace: true, flushSync: true });
    },
    [pathname, navigate],
  );

  return {
    filters: view.filters,
    notices: readNotices(location.state),
    search: view.search,
    setFilters,
  };
}

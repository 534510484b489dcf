import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { InboxFilters } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { searchOf } from './url-filters.ts';
import { namesAgents, viewOf } from './view-of.ts';

interface NoticeState {
  filterNotices?: string[];
  /** The entry was made by typing in the search box: more typing replaces it. */
  searchEdit?: true;
}

const readNotices = (state: unknown): string[] =>
  (state as NoticeState | null)?.filterNotices ?? [];

/**
 * The only reader and writer of filter state: the URL. A URL that is not canonical
 * (unknown keys, invalid values, filters this API cannot apply, agents it does not have)
 * is rewritten in place,
 * and what was dropped travels in the history entry's state so the agent is told.
 */
export function useInboxFilters() {
  const api = useApi();
  const location = useLocation();
  const navigate = useNavigate();
  const directory = useQuery(conversationQueries.agents(api));
  const agents = directory.data;

  const view = useMemo(
    () => viewOf(location.search, api.provider.capabilities, agents),
    [location.search, api.provider.capabilities, agents],
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
   * Each change of filters is a history entry, so Back undoes it; the words of one search
   * are one entry, however many pauses the typing had. flushSync: a controlled checkbox
   * must not flick back to its old state while a transition waits.
   */
  const { pathname, state } = location;
  const current = view.filters;
  const setFilters = useCallback(
    (next: InboxFilters) => {
      const searchEdit =
        next.q !== current.q && searchOf({ ...next, q: current.q }) === searchOf(current);
      const again = searchEdit && (state as NoticeState | null)?.searchEdit === true;
      void navigate(
        { pathname, search: searchOf(next) },
        {
          replace: again,
          flushSync: true,
          state: searchEdit ? ({ searchEdit } satisfies NoticeState) : null,
        },
      );
    },
    [pathname, state, current, navigate],
  );

  return {
    /**
     * False while the URL names agents the directory (still loading) has not confirmed:
     * asking the API for an agent it does not have is an error, not an empty list.
     */
    settled: !directory.isPending || !namesAgents(view.filters),
    filters: view.filters,
    notices: readNotices(location.state),
    search: view.search,
    setFilters,
  };
}

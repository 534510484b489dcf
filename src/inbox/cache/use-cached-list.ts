import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.tsx';
import type { InboxFilters, Page } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';

/**
 * A view's list as the list itself loaded it, for the parts around it (the count line, the
 * category suggestions, the offline notice): a selector of the cached pages, never a fetch
 * of its own. Such a part may mount long after the list (the filters panel, going offline);
 * with `enabled` it would refetch every loaded page of a stale view just by appearing.
 * Each part re-renders only when what it selects, or reads of the result, changes.
 */
export function useCachedList<T>(filters: InboxFilters, select: (data: InfiniteData<Page>) => T) {
  const api = useApi();
  return useInfiniteQuery({ ...conversationQueries.list(api, filters), select, enabled: false });
}

/** A selector for parts that need to know whether the view has data, not what it is. */
export const loaded = (): true => true;

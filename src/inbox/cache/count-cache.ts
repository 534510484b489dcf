import type { QueryClient } from '@tanstack/react-query';
import type { InboxFilters } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';

type CountKey = ReturnType<typeof conversationKeys.count>;

export interface CachedCount {
  /** The view it counts. */
  filters: InboxFilters;
  count: number;
  /** Sets the cached count (until the server's next answer). */
  set: (count: number) => void;
}

/** Every view count of this connection in the cache, with the filters it counts. */
export function cachedCounts(queryClient: QueryClient, api: Api): CachedCount[] {
  return queryClient
    .getQueriesData<number>({ queryKey: conversationKeys.counts(api) })
    .flatMap(([key, count]) => {
      if (count === undefined) return [];
      const [{ filters }] = key as CountKey;
      return [{ filters, count, set: (next) => queryClient.setQueryData<number>(key, next) }];
    });
}

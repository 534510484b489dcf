import { queryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { InboxFilters, Page } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';

/** How many of the newest conversations a poll asks for: enough to see a burst. */
export const headSize = 25;
/** Often enough to feel live; one small request per view and tab. */
export const headPollMs = 15_000;

/** The newest of a view, and when they were asked for (absent: taken from the list). */
export type Head = Page & { askedAt?: number };

/**
 * The live poll of a view's newest conversations (decision 0008). Its answer is its own
 * data only; applying it to the rows on screen is the live view's business.
 */
export const headQuery = (queryClient: QueryClient, api: Api, filters: InboxFilters) => {
  const listKey = conversationKeys.list(api, filters);
  return queryOptions({
    queryKey: conversationKeys.head(api, filters),
    queryFn: async ({ signal }): Promise<Head> => {
      const askedAt = Date.now();
      const page = await api.provider.list({ filters, cursor: null, limit: headSize, signal });
      return { ...page, askedAt };
    },
    // No request on open: the list's first page is the head as of now.
    initialData: (): Head | undefined => {
      const first = queryClient.getQueryData<InfiniteData<Page>>(listKey)?.pages[0];
      return first ? { ...first, items: first.items.slice(0, headSize) } : undefined;
    },
    initialDataUpdatedAt: () => queryClient.getQueryState(listKey)?.dataUpdatedAt,
    // The interval is the schedule: not on focus, and paused while the tab is hidden.
    refetchInterval: headPollMs,
    refetchOnWindowFocus: false,
    // Back online, the view on screen catches up at once (in place, and with the pill).
    refetchOnReconnect: 'always',
    staleTime: headPollMs,
  });
};

/** Shows a view from its newest rows again, and asks every count anew. */
export function reloadView(queryClient: QueryClient, api: Api, filters: InboxFilters): void {
  void queryClient.resetQueries({ queryKey: conversationKeys.list(api, filters) });
  void queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) });
}

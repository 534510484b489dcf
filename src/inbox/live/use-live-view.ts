import {
  queryOptions,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Conversation, InboxFilters, Page } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { patchCachedConversation } from '../actions/conversation-cache.ts';
import { ledgerFor, writeKey } from '../actions/use-update-conversation.ts';

/** How many of the newest conversations a poll asks for: enough to see a burst. */
export const headSize = 25;
/** Often enough to feel live; one small request per view and tab. */
export const headPollMs = 15_000;

/** What another agent or the customer can change on a row that is already shown. */
const changed = (shown: Conversation, now: Conversation) =>
  shown.isUnread !== now.isUnread ||
  shown.unreadCount !== now.unreadCount ||
  shown.starred !== now.starred ||
  shown.assigneeId !== now.assigneeId ||
  shown.lifecycle !== now.lifecycle ||
  shown.snippet !== now.snippet ||
  shown.lastActivityAt !== now.lastActivityAt;

/**
 * Rows already shown take the server's newer state where they stand: nothing moves under
 * the agent's pointer. A row the agent changed after the poll was sent keeps the agent's
 * change (the poll's answer is older than it).
 */
function updateInPlace(queryClient: QueryClient, api: Api, items: Conversation[], askedAt: number) {
  const ledger = ledgerFor(queryClient);
  const shown = new Map<string, Conversation>();
  for (const [, data] of queryClient.getQueriesData<InfiniteData<Page>>({
    queryKey: conversationKeys.lists(api),
  })) {
    for (const page of data?.pages ?? []) for (const c of page.items) shown.set(c.id, c);
  }
  for (const now of items) {
    const before = shown.get(now.id);
    if (!before || !changed(before, now)) continue;
    if ((ledger.lastChangedAt(writeKey(api, now.id)) ?? 0) >= askedAt) continue;
    patchCachedConversation(queryClient, api, now.id, (c) => ({ ...c, ...now }));
  }
}

const headQuery = (api: Api, filters: InboxFilters) =>
  queryOptions({
    queryKey: conversationKeys.head(api, filters),
    queryFn: async ({ signal, client }) => {
      const askedAt = Date.now();
      const page = await api.provider.list({ filters, cursor: null, limit: headSize, signal });
      updateInPlace(client, api, page.items, askedAt);
      return page;
    },
    // The interval is the schedule: not on focus, and paused while the tab is hidden.
    refetchInterval: headPollMs,
    refetchOnWindowFocus: false,
    // Back online, the view on screen catches up at once (in place, and with the pill).
    refetchOnReconnect: 'always',
    staleTime: headPollMs,
  });

const noIds: ReadonlySet<string> = new Set();

/**
 * Live updates for the view on screen (issue 5): polls its head and reports how many
 * conversations are new since the list was loaded. The list itself does not change until
 * the agent asks for them with `showNew`.
 */
export function useLiveView(filters: InboxFilters, shownIds: ReadonlySet<string> | null) {
  const api = useApi();
  const queryClient = useQueryClient();
  const listKey = conversationKeys.list(api, filters);
  const head = useQuery({
    ...headQuery(api, filters),
    // No request on open: the list's first page is the head as of now.
    enabled: shownIds !== null,
    initialData: () => {
      const first = queryClient.getQueryData<InfiniteData<Page>>(listKey)?.pages[0];
      return first ? { ...first, items: first.items.slice(0, headSize) } : undefined;
    },
    initialDataUpdatedAt: () => queryClient.getQueryState(listKey)?.dataUpdatedAt,
  });

  const ids = shownIds ?? noIds;
  const fresh = useMemo(
    () => (head.data?.items ?? []).filter((c) => !ids.has(c.id)).length,
    [head.data, ids],
  );

  const showNew = useCallback(() => {
    void queryClient.resetQueries({ queryKey: listKey });
    void queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) });
  }, [queryClient, listKey, api]);

  return { fresh, more: fresh >= headSize, showNew };
}

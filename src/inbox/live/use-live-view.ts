import {
  hashKey,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Conversation, InboxFilters, Page } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { cachedConversations, patchCachedConversation } from '../cache/conversation-cache.ts';
import { headQuery, headSize, reloadView, type Head } from '../cache/head-query.ts';
import { selectListData } from '../cache/list-data.ts';
import { ledgerFor, writeKey } from '../cache/write-ledger.ts';
import { missingFromHead } from './left-the-head.ts';

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
 * the agent's pointer. A row the agent changed after `askedAt` keeps the agent's change
 * (the server's answer is older than it). Says whether any row changed.
 */
function updateInPlace(
  queryClient: QueryClient,
  api: Api,
  items: Conversation[],
  askedAt: number,
): boolean {
  const ledger = ledgerFor(queryClient);
  const shown = cachedConversations(queryClient, api);
  let any = false;
  for (const now of items) {
    const before = shown.get(now.id);
    if (!before || !changed(before, now)) continue;
    if ((ledger.lastChangedAt(writeKey(api, now.id)) ?? 0) >= askedAt) continue;
    patchCachedConversation(queryClient, api, now.id, (c) => ({ ...c, ...now }));
    any = true;
  }
  return any;
}

/**
 * Shown rows the head's answer left out although it covers them have left the view (read,
 * assigned or closed by someone else): each is asked for alone, so it shows its new state,
 * labelled as no longer in the view, instead of staying as it was. Rows the list already
 * knows have left are not asked for again.
 */
async function refreshLeavers(
  queryClient: QueryClient,
  api: Api,
  filters: InboxFilters,
  answer: Conversation[],
  hasLeft: (row: Conversation) => boolean,
): Promise<boolean> {
  const data = queryClient.getQueryData<InfiniteData<Page>>(conversationKeys.list(api, filters));
  if (!data) return false;
  const stillIn = selectListData(data).rows.filter((row) => !hasLeft(row));
  const missing = missingFromHead(stillIn, answer, headSize, filters.sort);
  if (missing.length === 0) return false;
  const askedAt = Date.now();
  const found = await Promise.allSettled(missing.map((row) => api.provider.get(row.id)));
  // One that cannot be read now (gone, or the network) keeps its row; the next poll asks again.
  const now = found.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  return updateInPlace(queryClient, api, now, askedAt);
}

/**
 * One answer of the poll applied: shown rows updated, leavers asked for, and every count
 * asked anew when the view changed (its total, or any row's state), so the view counts,
 * the unread total and "select all N matching" follow what other agents did.
 */
async function applyHead(
  queryClient: QueryClient,
  api: Api,
  filters: InboxFilters,
  head: Head,
  hasLeft: (row: Conversation) => boolean,
) {
  if (head.askedAt === undefined) return;
  const updated = updateInPlace(queryClient, api, head.items, head.askedAt);
  const left = await refreshLeavers(queryClient, api, filters, head.items, hasLeft);
  const counted = queryClient.getQueryData<number>(conversationKeys.count(api, filters));
  if (updated || left || (counted !== undefined && counted !== head.total)) {
    void queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) });
  }
}

const noIds: ReadonlySet<string> = new Set();

/**
 * Live updates for the view on screen (decision 0008): polls its head and reports how
 * many conversations are new since the list was loaded. The list itself does not change
 * until the agent asks for them with `showNew`; rows it shows take each answer in place.
 */
export function useLiveView(
  filters: InboxFilters,
  shownIds: ReadonlySet<string> | null,
  hasLeft: (row: Conversation) => boolean,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  const options = headQuery(queryClient, api, filters);
  const head = useQuery({ ...options, enabled: shownIds !== null });

  // Each answer of the poll (not its data on every render, nor a remount's cached one)
  // brings the shown rows up to date: the cache is the world outside React.
  const headHash = hashKey(options.queryKey);
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'success') return;
        if (event.query.queryHash !== headHash) return;
        const answer = event.query.state.data as Head | undefined;
        if (answer) void applyHead(queryClient, api, filters, answer, hasLeft);
      }),
    [queryClient, api, headHash, filters, hasLeft],
  );

  const ids = shownIds ?? noIds;
  const fresh = useMemo(
    () => (head.data?.items ?? []).filter((c) => !ids.has(c.id)).length,
    [head.data, ids],
  );

  const showNew = useCallback(
    () => reloadView(queryClient, api, filters),
    [queryClient, api, filters],
  );

  return { fresh, more: fresh >= headSize, showNew };
}

import { hashKey, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Conversation, InboxFilters } from '../../api/model.ts';
import type { Api } from '../../api/queries.ts';
import { cachedConversations, patchCachedConversation } from '../cache/conversation-cache.ts';
import { headQuery, headSize, reloadView, type Head } from '../cache/head-query.ts';
import { ledgerFor, writeKey } from '../cache/write-ledger.ts';

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
  const shown = cachedConversations(queryClient, api);
  for (const now of items) {
    const before = shown.get(now.id);
    if (!before || !changed(before, now)) continue;
    if ((ledger.lastChangedAt(writeKey(api, now.id)) ?? 0) >= askedAt) continue;
    patchCachedConversation(queryClient, api, now.id, (c) => ({ ...c, ...now }));
  }
}

const noIds: ReadonlySet<string> = new Set();

/**
 * Live updates for the view on screen (decision 0008): polls its head and reports how
 * many conversations are new since the list was loaded. The list itself does not change
 * until the agent asks for them with `showNew`; rows it shows take each answer in place.
 */
export function useLiveView(filters: InboxFilters, shownIds: ReadonlySet<string> | null) {
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
        if (answer?.askedAt !== undefined) {
          updateInPlace(queryClient, api, answer.items, answer.askedAt);
        }
      }),
    [queryClient, api, headHash],
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

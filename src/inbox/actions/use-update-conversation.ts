import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/client.ts';
import type { Conversation, ConversationPatch, InboxFilters } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { showToast } from '../../ui/toaster.tsx';
import { matchesFilters } from '../filters/matches-filters.ts';
import { findCachedConversation, patchCachedConversation } from './conversation-cache.ts';

interface Variables {
  id: string;
  patch: ConversationPatch;
}

/** The fields a patch can change, to restore exactly those on failure. */
type Mutable = Pick<Conversation, 'starred' | 'isUnread' | 'unreadCount'>;

const pickMutable = ({ starred, isUnread, unreadCount }: Conversation): Mutable => ({
  starred,
  isUnread,
  unreadCount,
});

function applyPatch(conversation: Conversation, patch: ConversationPatch): Conversation {
  const next = { ...conversation };
  if (patch.starred !== undefined) next.starred = patch.starred;
  if (patch.read !== undefined) {
    next.isUnread = !patch.read;
    // A count API marks unread as 1 (HighLevel's PUT); a boolean API has no count.
    if (next.unreadCount !== null)
      next.unreadCount = patch.read ? 0 : Math.max(1, next.unreadCount);
  }
  return next;
}

/** Moves every cached view count by what this change does to the view's membership. */
function shiftCounts(
  queryClient: QueryClient,
  api: Api,
  before: Conversation,
  after: Conversation,
) {
  for (const [key, count] of queryClient.getQueriesData<number>({
    queryKey: conversationKeys.counts(api),
  })) {
    const filters = key[2] as InboxFilters | undefined;
    if (count === undefined || !filters) continue;
    const was = matchesFilters(before, filters, api.meId);
    const is = matchesFilters(after, filters, api.meId);
    if (was === null || is === null || was === is) continue;
    queryClient.setQueryData<number>(key, count + (is ? 1 : -1));
  }
}

function describePatch(patch: ConversationPatch): string {
  if (patch.starred !== undefined) return patch.starred ? 'star' : 'unstar';
  return patch.read ? 'mark as read' : 'mark as unread';
}

/**
 * Star / read changes: optimistic in every cached list and detail at once, reconciled
 * with the server's answer, rolled back with a visible message on failure. Counts move
 * at once too, and are refetched after the server answers: only it knows every total.
 */
export function useUpdateConversation() {
  const api = useApi();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: ({ id, patch }: Variables) => api.provider.update(id, patch),
    onMutate: async ({ id, patch }) => {
      await queryClient.cancelQueries({ queryKey: conversationKeys.detail(api, id) });
      await queryClient.cancelQueries({ queryKey: conversationKeys.counts(api) });
      const before = findCachedConversation(queryClient, api, id);
      if (before) shiftCounts(queryClient, api, before, applyPatch(before, patch));
      patchCachedConversation(queryClient, api, id, (c) => applyPatch(c, patch));
      return { before: before ? pickMutable(before) : undefined, name: before?.contactName };
    },
    onError: (error, { id, patch }, context) => {
      if (context?.before) {
        const restore = context.before;
        patchCachedConversation(queryClient, api, id, (c) => ({ ...c, ...restore }));
      }
      const who = context?.name ? ` the conversation with ${context.name}` : ' the conversation';
      showToast(`Could not ${describePatch(patch)}${who}. ${describeError(error)}`, 'error');
    },
    onSuccess: (server, { id }) => {
      patchCachedConversation(queryClient, api, id, (c) => ({ ...c, ...pickMutable(server) }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) }),
  });
}

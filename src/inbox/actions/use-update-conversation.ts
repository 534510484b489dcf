import {
  onlineManager,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ApiError, describeError } from '../../api/client.ts';
import type { Conversation, ConversationPatch } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { showToast } from '../../ui/toaster.tsx';
import { matchesFilters } from '../filters/matches-filters.ts';
import { cachedCounts } from '../cache/count-cache.ts';
import { findCachedConversation, patchCachedConversation } from '../cache/conversation-cache.ts';
import {
  ledgerFor,
  writeKey,
  type Snapshot,
  type Write,
  type WriteField,
} from '../cache/write-ledger.ts';

/** Every conversation write carries this key, so the app can tell when any is in flight. */
export const conversationWriteKey = ['conversation-write'] as const;

interface Variables {
  id: string;
  contactId: string | null;
  patch: ConversationPatch;
  write: Write;
  name: string | undefined;
  /** Part of a bulk run, which reports failures and refreshes counts once, at the end. */
  batch: boolean;
}

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
  for (const { filters, count, set } of cachedCounts(queryClient, api)) {
    const was = matchesFilters(before, filters, api.meId);
    const is = matchesFilters(after, filters, api.meId);
    if (was === null || is === null || was === is) continue;
    set(count + (is ? 1 : -1));
  }
}

const offlineError = new ApiError('network', ['You are offline.']);
const offlineMessage = (what: string, name: string | undefined) =>
  `You are offline: Parley did not ${what} ${name ? `the conversation with ${name}` : 'the conversation'}. Try again when the connection is back.`;

function describePatch(patch: ConversationPatch): string {
  if (patch.starred !== undefined) return patch.starred ? 'star' : 'unstar';
  return patch.read ? 'mark as read' : 'mark as unread';
}

/**
 * Star / read changes: optimistic in every cached list and detail at once, sent one at a
 * time per conversation (see write-ledger.ts), reconciled with the server's answer, and
 * rolled back with a visible message on failure. Counts move at once too, and are
 * refetched after the server answers: only it knows every total.
 */
export function useUpdateConversation() {
  const api = useApi();
  const queryClient = useQueryClient();
  const ledger = ledgerFor(queryClient);
  const patchFields = (id: string, fields: Snapshot) => {
    if (Object.keys(fields).length === 0) return;
    patchCachedConversation(queryClient, api, id, (c) => ({ ...c, ...fields }));
  };

  const { mutateAsync: send } = useMutation({
    mutationKey: conversationWriteKey,
    mutationFn: ({ id, contactId, patch, write }: Variables) =>
      ledger.run(write, () => api.provider.update({ id, contactId }, patch)),
    onError: (error, { id, patch, write, name, batch }) => {
      const { apply, report } = ledger.settle(write, undefined);
      patchFields(id, apply);
      if (!report || batch) return;
      const who = name ? ` the conversation with ${name}` : ' the conversation';
      showToast(`Could not ${describePatch(patch)}${who}. ${describeError(error)}`, 'error');
    },
    onSuccess: (server, { id, write }) => {
      patchFields(id, ledger.settle(write, server).apply);
    },
    onSettled: (_data, _error, { batch }) =>
      batch ? undefined : queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) }),
  });

  /**
   * Changes one conversation; resolves when the server has it (or a newer change to the
   * same fields superseded it), rejects when it failed and was rolled back.
   */
  const update = useCallback(
    async (id: string, patch: ConversationPatch, { batch = false } = {}): Promise<void> => {
      const before = findCachedConversation(queryClient, api, id);
      // Offline, a change is refused rather than queued (decision 0008): nothing on screen
      // may claim a state the server does not have.
      if (!onlineManager.isOnline()) {
        if (!batch) showToast(offlineMessage(describePatch(patch), before?.contactName), 'error');
        throw offlineError;
      }
      const write = ledger.begin(writeKey(api, id), patch, before);
      // Optimistic at once, in the click's own task: the next click reads this state.
      if (before) shiftCounts(queryClient, api, before, applyPatch(before, patch));
      patchCachedConversation(queryClient, api, id, (c) => applyPatch(c, patch));
      // An answer already on its way predates this change; drop it. (A cancelled fetch
      // reverts to the latest data set by hand, so the patch above stays.)
      void queryClient.cancelQueries({ queryKey: conversationKeys.detail(api, id) });
      void queryClient.cancelQueries({ queryKey: conversationKeys.counts(api) });
      await send({
        id,
        contactId: before?.contactId ?? null,
        patch,
        write,
        name: before?.contactName,
        batch,
      });
    },
    [queryClient, api, ledger, send],
  );

  /** Fire and forget: a failure is rolled back and reported by the mutation itself. */
  const mutate = useCallback(
    ({ id, patch }: { id: string; patch: ConversationPatch }) => {
      update(id, patch).catch(() => undefined);
    },
    [update],
  );

  /**
   * Flips a field from what the cache holds at the moment of the click, not from what the
   * last render showed: two clicks faster than a render still mean two toggles.
   */
  const toggle = useCallback(
    (id: string, field: WriteField) => {
      const current = findCachedConversation(queryClient, api, id);
      if (!current) return;
      mutate({
        id,
        patch:
          field === 'starred' ? { starred: current.starred !== true } : { read: current.isUnread },
      });
    },
    [queryClient, api, mutate],
  );
  return { update, mutate, toggle };
}

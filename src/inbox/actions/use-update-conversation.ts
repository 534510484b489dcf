import {
  onlineManager,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ApiError, describeError } from '../../api/client.ts';
import type { Agent, Conversation, ConversationPatch, WriteTarget } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { showToast } from '../../ui/toaster.tsx';
import { matchesFilters } from '../filters/matches-filters.ts';
import { cachedCounts } from '../cache/count-cache.ts';
import {
  cachedConversations,
  findCachedConversation,
  patchCachedConversation,
} from '../cache/conversation-cache.ts';
import { ledgerFor, writeKey, type Snapshot, type Write } from '../cache/write-ledger.ts';
import { applyPatch, describePatch, type NameOf } from './patches.ts';

/** Every conversation write carries this key, so the app can tell when any is in flight. */
export const conversationWriteKey = ['conversation-write'] as const;

/** Another conversation a write changes too (HighLevel: the contact's), as it was before. */
interface Sibling {
  before: Conversation;
  /** What the write set on it. */
  assigneeId: string | null;
}

interface Variables {
  id: string;
  contactId: string | null;
  patch: ConversationPatch;
  write: Write;
  name: string | undefined;
  /** Part of a bulk run, which reports failures and refreshes counts once, at the end. */
  batch: boolean;
  siblings: Sibling[];
}

/** Moves every cached view count by what this change does to the view's membership. */
export function shiftCounts(
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

/** Agents by name from the cached directory; an id the directory does not know stays an id. */
export function namesFrom(queryClient: QueryClient, api: Api): NameOf {
  const agents = queryClient.getQueryData<Agent[]>(conversationKeys.agents(api)) ?? [];
  return (id) => (id === api.meId ? 'you' : (agents.find((agent) => agent.id === id)?.name ?? id));
}

const offlineError = new ApiError('network', ['You are offline.']);
const offlineMessage = (what: string) =>
  `You are offline: Parley did not ${what}. Try again when the connection is back.`;
/** What a message calls the conversation. */
const called = (name: string | undefined) =>
  name ? `the conversation with ${name}` : 'the conversation';

/**
 * The contact's other cached conversations, which an assignment moves with it where the
 * API assigns contacts (Capabilities.assignMovesContact).
 */
function siblingsOf(
  queryClient: QueryClient,
  api: Api,
  target: WriteTarget,
  patch: ConversationPatch,
): Conversation[] {
  if (patch.assignee === undefined || !api.provider.capabilities.assignMovesContact) return [];
  if (target.contactId === null) return [];
  return [...cachedConversations(queryClient, api).values()].filter(
    (c) => c.contactId === target.contactId && c.id !== target.id,
  );
}

/**
 * The one write path for a conversation's fields (star, read, assignee, status):
 * optimistic in every cached list and detail at once, sent one at a time per conversation
 * (see write-ledger.ts), reconciled with the server's answer, and rolled back with a
 * visible message on failure. Counts move at once too, and are refetched after the server
 * answers: only it knows every total. Where assigning a conversation assigns its contact
 * (HighLevel), the contact's other cached conversations move with it, and back on failure.
 */
export function useUpdateConversation() {
  const api = useApi();
  const queryClient = useQueryClient();
  const ledger = ledgerFor(queryClient);
  const patchFields = (id: string, fields: Snapshot) => {
    if (Object.keys(fields).length === 0) return;
    patchCachedConversation(queryClient, api, id, (c) => ({ ...c, ...fields }));
  };

  // A sibling keeps a later change of its own: only what this write set is put back.
  const settleSiblings = (siblings: Sibling[], to: (s: Sibling) => string | null) => {
    for (const sibling of siblings) {
      patchCachedConversation(queryClient, api, sibling.before.id, (c) =>
        c.assigneeId === sibling.assigneeId ? { ...c, assigneeId: to(sibling) } : c,
      );
    }
  };

  const { mutateAsync: send } = useMutation({
    mutationKey: conversationWriteKey,
    mutationFn: ({ id, contactId, patch, write }: Variables) =>
      ledger.run(write, () => api.provider.update({ id, contactId }, patch)),
    onError: (error, { id, patch, write, name, batch, siblings }) => {
      const { apply, report } = ledger.settle(write, undefined);
      patchFields(id, apply);
      // Rolled back only where this write was the newest assignment.
      if (apply.assigneeId !== undefined) settleSiblings(siblings, (s) => s.before.assigneeId);
      if (!report || batch) return;
      const what = describePatch(patch, namesFrom(queryClient, api), called(name));
      showToast(`Could not ${what}. ${describeError(error)}`, 'error');
    },
    onSuccess: (server, { id, write, siblings }) => {
      const { apply } = ledger.settle(write, server);
      patchFields(id, apply);
      const confirmed = apply.assigneeId;
      if (confirmed !== undefined) settleSiblings(siblings, () => confirmed);
    },
    onSettled: (_data, _error, { batch }) =>
      batch ? undefined : queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) }),
  });

  /**
   * Changes one conversation; resolves when the server has it (or a newer change to the
   * same fields superseded it), rejects when it failed and was rolled back. `target` may be
   * a conversation the cache does not hold (a bulk run over every matching one): it names
   * the contact an assignment goes through.
   */
  const update = useCallback(
    async (
      target: WriteTarget | string,
      patch: ConversationPatch,
      { batch = false } = {},
    ): Promise<void> => {
      const id = typeof target === 'string' ? target : target.id;
      const before = findCachedConversation(queryClient, api, id);
      // Offline, a change is refused rather than queued (decision 0008): nothing on screen
      // may claim a state the server does not have.
      if (!onlineManager.isOnline()) {
        if (!batch) {
          const what = describePatch(
            patch,
            namesFrom(queryClient, api),
            called(before?.contactName),
          );
          showToast(offlineMessage(what), 'error');
        }
        throw offlineError;
      }
      const contactId = before?.contactId ?? (typeof target === 'string' ? null : target.contactId);
      const write = ledger.begin(writeKey(api, id), patch, before);
      // Optimistic at once, in the click's own task: the next click reads this state.
      if (before) shiftCounts(queryClient, api, before, applyPatch(before, patch));
      patchCachedConversation(queryClient, api, id, (c) => applyPatch(c, patch));
      const siblings = siblingsOf(queryClient, api, { id, contactId }, patch).map((c) => {
        ledger.touch(writeKey(api, c.id));
        shiftCounts(queryClient, api, c, applyPatch(c, patch));
        patchCachedConversation(queryClient, api, c.id, (s) => applyPatch(s, patch));
        return { before: c, assigneeId: patch.assignee ?? null };
      });
      // An answer already on its way predates this change; drop it. (A cancelled fetch
      // reverts to the latest data set by hand, so the patch above stays.)
      void queryClient.cancelQueries({ queryKey: conversationKeys.detail(api, id) });
      void queryClient.cancelQueries({ queryKey: conversationKeys.counts(api) });
      await send({ id, contactId, patch, write, name: before?.contactName, batch, siblings });
    },
    [queryClient, api, ledger, send],
  );

  /** Fire and forget: a failure is rolled back and reported by the mutation itself. */
  const mutate = useCallback(
    ({ target, patch }: { target: WriteTarget | string; patch: ConversationPatch }) => {
      update(target, patch).catch(() => undefined);
    },
    [update],
  );

  /**
   * Flips a field from what the cache holds at the moment of the click, not from what the
   * last render showed: two clicks faster than a render still mean two toggles.
   */
  const toggle = useCallback(
    (id: string, field: 'starred' | 'read') => {
      const current = findCachedConversation(queryClient, api, id);
      if (!current) return;
      mutate({
        target: current,
        patch:
          field === 'starred' ? { starred: current.starred !== true } : { read: current.isUnread },
      });
    },
    [queryClient, api, mutate],
  );
  return { update, mutate, toggle };
}

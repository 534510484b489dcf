import { onlineManager, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/client.ts';
import type { Conversation, ConversationPatch, InboxFilters } from '../../api/model.ts';
import { conversationKeys } from '../../api/queries.ts';
import { deferredParts } from '../deferred-parts.tsx';
import type { BulkOutcome } from './bulk-run.ts';
import { useUpdateConversation } from './use-update-conversation.ts';

const offlineRefusal =
  'You are offline: nothing was changed. Try again when the connection is back.';
const unloaded =
  'Parley could not load the code for this (the connection dropped?): nothing was changed. Try again.';

/**
 * What a bulk action applies to: the loaded rows the agent selected (or the focused one),
 * or every conversation matching the view, loaded or not.
 */
export type BulkTarget =
  | { kind: 'loaded'; conversations: readonly Conversation[] }
  | { kind: 'matching'; filters: InboxFilters };

export type BulkRun =
  | { phase: 'finding'; found: number; total: number | null }
  | { phase: 'applying'; patch: ConversationPatch; undo: boolean; done: number; todo: number }
  | { phase: 'finished'; patch: ConversationPatch; undo: boolean; outcome: BulkOutcome }
  | { phase: 'failed'; reason: string };

/**
 * One change to many conversations (the selected rows, or every one of a view), with
 * progress, cancel, per-item results and undo of what succeeded. Each write goes through
 * the ordinary optimistic path, so loaded rows change at once and a failed one is rolled
 * back; the counts refresh once, at the end.
 */
export function useBulkRun() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { update } = useUpdateConversation();
  const [run, setRun] = useState<BulkRun | null>(null);
  const controller = useRef<AbortController | null>(null);

  const apply = useCallback(
    async (
      conversations: readonly Conversation[],
      patch: ConversationPatch,
      undo: boolean,
      signal: AbortSignal,
    ) => {
      setRun({ phase: 'applying', patch, undo, done: 0, todo: conversations.length });
      const caps = api.provider.capabilities;
      const { applyEach, undoPatch, unlessApplied } = await deferredParts();
      const outcome = await applyEach(
        conversations,
        undo ? (c) => undoPatch(c, patch, caps.lifecycleWrites) : unlessApplied(patch),
        (c, p) => update(c, p, { batch: true }),
        signal,
        (done, todo) => setRun({ phase: 'applying', patch, undo, done, todo }),
        // One assignment per contact where the contact is what is assigned (HighLevel).
        patch.assignee !== undefined && caps.assignMovesContact ? (c) => c.contactId : undefined,
      );
      void queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) });
      setRun({ phase: 'finished', patch, undo, outcome });
    },
    [api, queryClient, update],
  );

  const start = useCallback(
    async (target: BulkTarget, patch: ConversationPatch) => {
      if (!onlineManager.isOnline()) {
        setRun({ phase: 'failed', reason: offlineRefusal });
        return;
      }
      const { signal } = (controller.current = new AbortController());
      let conversations = target.kind === 'loaded' ? target.conversations : null;
      try {
        await deferredParts();
      } catch {
        setRun({ phase: 'failed', reason: unloaded });
        return;
      }
      if (target.kind === 'matching') {
        const { filters } = target;
        setRun({ phase: 'finding', found: 0, total: null });
        try {
          const { collectMatching } = await deferredParts();
          conversations = await collectMatching(
            (cursor, s, limit) => api.provider.list({ filters, cursor, limit, signal: s }),
            signal,
            (found, total) => setRun({ phase: 'finding', found, total }),
          );
        } catch (error) {
          setRun(
            signal.aborted
              ? null
              : {
                  phase: 'failed',
                  reason: `Could not list the conversations. ${describeError(error)}`,
                },
          );
          return;
        }
      }
      await apply(conversations ?? [], patch, false, signal);
    },
    [api, apply],
  );

  const undo = useCallback(async () => {
    if (run?.phase !== 'finished' || run.undo) return;
    const { signal } = (controller.current = new AbortController());
    // The runner's code is loaded: the run that is undone used it.
    await apply(run.outcome.succeeded, run.patch, true, signal);
  }, [run, apply]);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const dismiss = useCallback(() => setRun(null), []);

  return { run, start, undo, cancel, dismiss };
}

import { useCallback } from 'react';
import type { Conversation, ConversationPatch, InboxFilters } from '../../api/model.ts';
import { needsChange } from './bulk-run.ts';
import { useMatchingRun } from './use-matching-run.ts';
import { useUpdateConversation } from './use-update-conversation.ts';

/**
 * What a bulk action applies to: the loaded rows the agent selected (or the focused one),
 * or every conversation matching the view, loaded or not.
 */
export type BulkTarget =
  | { kind: 'loaded'; conversations: readonly Conversation[] }
  | { kind: 'matching'; filters: InboxFilters };

/** The targets the patch would change: the others cost no request. */
export const needingChange = (
  conversations: readonly Conversation[],
  patch: ConversationPatch,
): Conversation[] => conversations.filter((c) => needsChange(c, patch));

/** `s` on several: star them all unless every one is starred already (Gmail's rule). */
export const starPatch = (conversations: readonly Conversation[]): ConversationPatch => ({
  starred: conversations.some((c) => c.starred !== true),
});

/**
 * Applies one patch to every target through the single-conversation mutation, so each
 * write stays optimistic, rolled back and reported on its own. Targets already in that
 * state cost no request. All matching ones go through a run with progress and undo.
 */
export function useBulkUpdate() {
  const { mutate } = useUpdateConversation();
  const matching = useMatchingRun();
  const { start } = matching;
  const apply = useCallback(
    (target: BulkTarget, patch: ConversationPatch) => {
      if (target.kind === 'matching') {
        void start(target.filters, patch);
        return;
      }
      for (const c of needingChange(target.conversations, patch)) mutate({ id: c.id, patch });
    },
    [mutate, start],
  );
  return { apply, matching };
}

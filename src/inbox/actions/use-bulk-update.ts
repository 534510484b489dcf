import { useCallback } from 'react';
import type { Conversation, ConversationPatch } from '../../api/model.ts';
import { useUpdateConversation } from './use-update-conversation.ts';

/**
 * What a bulk action applies to. Today only the loaded rows the agent selected (or the
 * focused one). Seam for "all N matching": add a `{ kind: 'matching'; filters; total }`
 * member and a paged runner with progress / cancel / undo; the toolbar and the keyboard
 * already go through `applyBulk`, so neither changes.
 */
export type BulkTarget = { kind: 'loaded'; conversations: readonly Conversation[] };

/** The targets the patch would change: the others cost no request. */
export const needingChange = (
  conversations: readonly Conversation[],
  patch: ConversationPatch,
): Conversation[] =>
  conversations.filter(
    (c) =>
      (patch.starred !== undefined && c.starred !== patch.starred) ||
      (patch.read !== undefined && c.isUnread !== !patch.read),
  );

/** `s` on several: star them all unless every one is starred already (Gmail's rule). */
export const starPatch = (conversations: readonly Conversation[]): ConversationPatch => ({
  starred: conversations.some((c) => c.starred !== true),
});

/**
 * Applies one patch to every target through the single-conversation mutation, so each
 * write stays optimistic, rolled back and reported on its own. Targets already in that
 * state cost no request.
 */
export function useBulkUpdate() {
  const { mutate } = useUpdateConversation();
  return useCallback(
    (target: BulkTarget, patch: ConversationPatch) => {
      for (const c of needingChange(target.conversations, patch)) mutate({ id: c.id, patch });
    },
    [mutate],
  );
}

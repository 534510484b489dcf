import { useCallback } from 'react';
import type { Conversation, ConversationPatch } from '../../api/model.ts';
import { needsChange } from './patches.ts';
import { useBulkRun, type BulkTarget } from './use-bulk-run.ts';
import { useUpdateConversation } from './use-update-conversation.ts';

export type { BulkTarget };

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
 * Applies one patch to the targets. One conversation is an ordinary change (a failure is
 * its own message); several go through a bulk run, whose summary lists each failure and
 * offers undo. Either way each write is optimistic and rolled back on its own, and
 * targets already in that state cost no request.
 */
export function useBulkUpdate() {
  const { mutate } = useUpdateConversation();
  const bulk = useBulkRun();
  const { start } = bulk;
  const apply = useCallback(
    (target: BulkTarget, patch: ConversationPatch) => {
      const [only, ...others] = target.kind === 'loaded' ? target.conversations : [];
      if (only && others.length === 0) {
        if (needsChange(only, patch)) mutate({ target: only, patch });
        return;
      }
      void start(target, patch);
    },
    [mutate, start],
  );
  return { apply, bulk };
}

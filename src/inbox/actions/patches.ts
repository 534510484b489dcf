/**
 * What a patch does to a conversation, and how an agent reads it: pure, so the one write
 * path (use-update-conversation.ts) and the bulk runner (bulk-run.ts) agree on every field
 * a write can set. (A bulk run's summary is worded in bulk-run-panel.tsx, in the deferred
 * chunk.)
 */
import type { Conversation, ConversationPatch, Lifecycle } from '../../api/model.ts';

/** The conversation as it is once the patch is made (what the cache shows at once). */
export function applyPatch(conversation: Conversation, patch: ConversationPatch): Conversation {
  const next = { ...conversation };
  if (patch.starred !== undefined) next.starred = patch.starred;
  if (patch.read !== undefined) {
    next.isUnread = !patch.read;
    // A count API marks unread as 1 (HighLevel's PUT); a boolean API has no count.
    if (next.unreadCount !== null)
      next.unreadCount = patch.read ? 0 : Math.max(1, next.unreadCount);
  }
  if (patch.assignee !== undefined) next.assigneeId = patch.assignee;
  if (patch.lifecycle !== undefined) next.lifecycle = patch.lifecycle;
  return next;
}

/** Whether the patch would change the conversation: if not, it costs no request. */
export const needsChange = (c: Conversation, patch: ConversationPatch): boolean =>
  (patch.starred !== undefined && c.starred !== patch.starred) ||
  (patch.read !== undefined && c.isUnread !== !patch.read) ||
  (patch.assignee !== undefined && c.assigneeId !== patch.assignee) ||
  (patch.lifecycle !== undefined && c.lifecycle !== patch.lifecycle);

/** An agent's name by id, as the directory knows it (the id itself when it does not). */
export type NameOf = (agentId: string) => string;

/** `close`, `reopen`: what setting a status is called. */
const lifecycleVerb: Record<Lifecycle, string> = {
  active: 'reopen',
  archived: 'archive',
  closed: 'close',
  draft: 'make a draft of',
};

/**
 * The change done to `object`, as an agent reads it: "assign the conversation with Zoë to
 * Avery", "close the conversation".
 */
export function describePatch(patch: ConversationPatch, nameOf: NameOf, object: string): string {
  if (patch.assignee !== undefined) {
    return patch.assignee === null
      ? `unassign ${object}`
      : `assign ${object} to ${nameOf(patch.assignee)}`;
  }
  if (patch.lifecycle !== undefined) return `${lifecycleVerb[patch.lifecycle]} ${object}`;
  if (patch.starred !== undefined) return `${patch.starred ? 'star' : 'unstar'} ${object}`;
  return `mark as ${patch.read ? 'read' : 'unread'} ${object}`;
}

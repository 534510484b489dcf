/**
 * Which conversations have a reply draft in this browser, for the list's "Draft" marker:
 * the small part of the drafts that the first rows need (reply-drafts.ts, loaded with the
 * reading pane, reads and writes the drafts themselves).
 *
 * Typing must not re-render the list: this store changes only when a conversation gains
 * or loses its draft, not on every key.
 */
import { useSyncExternalStore } from 'react';
import { createExternalStore } from '../../ui/external-store.ts';

/** Whose draft: the connection (its scope names it), the agent, the conversation. */
export interface DraftOwner {
  scope: string;
  agent: string | null;
}

const draftPrefix = 'parley.draft:';
export const draftKey = (owner: DraftOwner, conversationId: string) =>
  `${draftPrefix}${JSON.stringify([owner.scope, owner.agent ?? '', conversationId])}`;

/** Every key of this browser that holds a draft. */
function scanDrafts(): ReadonlySet<string> {
  const keys = new Set<string>();
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(draftPrefix)) keys.add(key);
    }
  } catch {
    // No storage: only this tab's drafts.
  }
  return keys;
}

export const draftMarks = createExternalStore(scanDrafts, (set) => {
  // A draft written or sent in another tab shows (or goes) here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(draftPrefix)) set(scanDrafts());
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
});

/** Whether this conversation has a draft; re-renders only when that changes. */
export function useHasDraft(owner: DraftOwner, conversationId: string): boolean {
  const key = draftKey(owner, conversationId);
  return useSyncExternalStore(
    draftMarks.subscribe,
    () => draftMarks.get().has(key),
    // The server's first paint has no storage.
    () => false,
  );
}

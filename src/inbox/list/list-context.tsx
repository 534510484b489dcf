import { createContext, use } from 'react';
import type { Agent, Conversation, Lifecycle } from '../../api/model.ts';
import type { DraftOwner } from '../actions/draft-marks.ts';

/**
 * What every row needs from its surroundings, provided once by the list: no row holds
 * its own query, router or clock subscription, so a scroll or a navigation renders only
 * the rows whose props changed.
 */
export interface ListContextValue {
  /** The agent directory; null while it loads, so no known agent reads as unknown. */
  agents: ReadonlyMap<string, Agent> | null;
  /** The current view's search string, kept on links so opening a row keeps the view. */
  search: string;
  /** Opens a conversation in the reading pane, keeping the view. */
  open: (id: string) => void;
  /** The shared minute clock times are shown against. */
  now: number;
  toggleStar: (conversation: Conversation) => void;
  /** Toggles a row's selection, or with `extend` selects the range up to it. */
  select: (id: string, options: { extend: boolean }) => void;
  /** A row that changed after it was loaded and no longer matches the view's filters. */
  outOfView: (conversation: Conversation) => boolean;
  /** Opens the assignee picker on one conversation; null where the API cannot assign. */
  assign: ((conversation: Conversation) => void) | null;
  /** Sets one conversation's status; null where the API has none to set. */
  setLifecycle: ((conversation: Conversation, lifecycle: Lifecycle) => void) | null;
  /** Whose reply drafts the rows mark (this connection and agent); null: none are marked. */
  draftOwner: DraftOwner | null;
  /** Columns the list is too narrow for (columns.tsx): the row's second line says them. */
  folded: ReadonlySet<string>;
  /** One line a row (the compact density), not the comfortable two or three. */
  compact: boolean;
}

export const ListContext = createContext<ListContextValue | null>(null);

export function useListContext(): ListContextValue {
  const value = use(ListContext);
  if (!value) throw new Error('useListContext must be used inside <ListContext>');
  return value;
}

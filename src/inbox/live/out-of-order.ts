import type { Conversation, InboxFilters } from '../../api/model.ts';

/**
 * How many shown rows the view's order has moved since they were loaded: a reply or
 * another agent's change made a row newer than the one above it, and the list keeps it
 * where it stands until the agent asks (decision 0008). Only the last-activity order moves
 * on its own; a row that left the view (`left`) is not counted, it is labelled instead.
 */
export function movedRows(
  rows: readonly Conversation[],
  sort: InboxFilters['sort'],
  left: (row: Conversation) => boolean,
): number {
  if (sort.field !== 'lastActivity') return 0;
  const later = sort.direction === 'desc' ? -1 : 1;
  let moved = 0;
  let previous: number | null = null;
  for (const row of rows) {
    if (left(row)) continue;
    const at = Date.parse(row.lastActivityAt);
    if (Number.isNaN(at)) continue;
    if (previous !== null && Math.sign(at - previous) === -later) moved += 1;
    previous = at;
  }
  return moved;
}

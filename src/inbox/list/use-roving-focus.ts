import { useEffect, useMemo, useRef, useState } from 'react';
import type { Conversation } from '../../api/model.ts';

/** Asks the list's window to scroll row `index` into view; a new object per request. */
export interface Reveal {
  index: number;
}

/**
 * Roving focus: the focused row is the grid's one tab stop. An id, so it survives
 * reloads and reordering; a row that is gone falls back to the first.
 */
export function useRovingFocus(rows: readonly Conversation[], selectedId: string | null) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const indexById = useMemo(() => new Map(rows.map((row, i) => [row.id, i])), [rows]);
  const focusIndex = focusedId === null ? 0 : (indexById.get(focusedId) ?? 0);
  /** Whether DOM focus belongs on the focused row (the agent is working in the list). */
  const focusOwned = useRef(false);

  /** Focuses the row at `index` and scrolls it into view. */
  const focusAt = (index: number) => {
    const row = rows[index];
    if (!row) return;
    focusOwned.current = true;
    setFocusedId(row.id);
    setReveal({ index });
  };

  // However the pane closes (Esc, Close, Back, the browser's Back), focus returns to the
  // row that was open, scrolled into view.
  const lastOpen = useRef(selectedId);
  useEffect(() => {
    const closed = lastOpen.current;
    lastOpen.current = selectedId;
    if (selectedId !== null || closed === null) return;
    const index = indexById.get(closed);
    if (index === undefined) return;
    focusOwned.current = true;
    setFocusedId(closed);
    setReveal({ index });
  }, [selectedId, indexById]);

  return {
    focusedRow: rows[focusIndex],
    /** Where a move starts: before any move, above the first row, so j lands on it. */
    moveFrom: focusedId === null || !indexById.has(focusedId) ? -1 : focusIndex,
    has: (id: string | null) => id !== null && indexById.has(id),
    focusOwned,
    /** The agent works in the list again: focus goes back to the row (a pane closing). */
    takeFocus: () => {
      focusOwned.current = true;
    },
    setFocusedId,
    focusAt,
    reveal,
    /** Scrolls to the top (new conversations shown). */
    revealTop: () => setReveal({ index: 0 }),
  };
}

import type { RowSelectionState } from '@tanstack/react-table';

/**
 * Shift+click and Shift+j/k: select every row from the anchor to `to`, inclusive, in
 * list order, keeping what was already selected. Without a loaded anchor only `to` is
 * added. One function for the mouse and the keyboard, so both extend the same way.
 */
export function selectRange(
  order: readonly string[],
  anchor: string | null,
  to: string,
  current: RowSelectionState,
): RowSelectionState {
  const end = order.indexOf(to);
  if (end < 0) return current;
  const start = anchor === null ? -1 : order.indexOf(anchor);
  const next: RowSelectionState = { ...current };
  const [from, until] = start < 0 ? [end, end] : [Math.min(start, end), Math.max(start, end)];
  for (let i = from; i <= until; i++) {
    const id = order[i];
    if (id !== undefined) next[id] = true;
  }
  return next;
}

/** Adds or removes one id (x, a plain click on its checkbox). */
export function toggleOne(current: RowSelectionState, id: string): RowSelectionState {
  if (!current[id]) return { ...current, [id]: true };
  return Object.fromEntries(Object.entries(current).filter(([key]) => key !== id));
}

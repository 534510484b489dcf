import type { RowSelectionState, Updater } from '@tanstack/react-table';
import { useState } from 'react';
import type { Conversation } from '../../api/model.ts';

const noSelection: RowSelectionState = {};

/**
 * The rows the agent selected, and whether "Select all N matching" made it the whole view.
 * A selection belongs to the view it was made in: derived from `search`, not reset by an
 * effect when the view changes.
 */
export function useListSelection(search: string) {
  const [selection, setSelection] = useState({ view: search, ids: noSelection, all: false });
  const current = selection.view === search;
  return {
    rowSelection: current ? selection.ids : noSelection,
    /** The selection is every conversation of the view, loaded or not. */
    allMatching: current && selection.all,
    /** For the table: any change to the rows selected ends "all matching". */
    onRowSelectionChange: (updater: Updater<RowSelectionState>) =>
      setSelection((prev) => {
        const ids = prev.view === search ? prev.ids : noSelection;
        return {
          view: search,
          ids: typeof updater === 'function' ? updater(ids) : updater,
          all: false,
        };
      }),
    selectAllMatching: (rows: readonly Conversation[]) =>
      setSelection({
        view: search,
        ids: Object.fromEntries(rows.map((row) => [row.id, true])),
        all: true,
      }),
  };
}

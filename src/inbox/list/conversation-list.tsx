import { useInfiniteQuery } from '@tanstack/react-query';
import { useTable, type RowSelectionState } from '@tanstack/react-table';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type Ref,
} from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/client.ts';
import { describeRetry } from '../../api/read-retries.ts';
import type { Agent, Conversation, InboxFilters, SortField } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { ErrorPanel } from '../../ui/error-panel.tsx';
import { showToast } from '../../ui/toaster.tsx';
import { smallScreen, useMediaQuery } from '../../ui/use-media-query.ts';
import { useNow } from '../../ui/use-now.ts';
import { starPatch, useBulkUpdate, type BulkTarget } from '../actions/use-bulk-update.ts';
import { useUpdateConversation } from '../actions/use-update-conversation.ts';
import {
  BulkRunPanel,
  Deferred,
  preloadDeferredParts,
  SelectionToolbar,
} from '../deferred-parts.tsx';
import { filterChips } from '../filters/filter-chips.ts';
import { matchesFilters } from '../filters/matches-filters.ts';
import type { Command } from '../keyboard/shortcuts.ts';
import { NewConversationsPill } from '../live/new-conversations-pill.tsx';
import { useLiveView } from '../live/use-live-view.ts';
import { columnsFor, gridTemplate, listFeatures } from './columns.tsx';
import { conversationPath } from './conversation-link.tsx';
import { ListContext, type ListContextValue } from './list-context.tsx';
import { ListWindow, type ListWindowHandle } from './list-window.tsx';
import { selectListData } from './list-row.ts';
import { selectRange, toggleOne } from './selection-range.ts';

const noRows: Conversation[] = [];
const noAgents: ReadonlyMap<string, Agent> = new Map();
const noSelection: RowSelectionState = {};
const allLoaded = (rows: readonly Conversation[]): RowSelectionState =>
  Object.fromEntries(rows.map((row) => [row.id, true]));

/** What the inbox asks of the list from the keyboard. */
export interface ListHandle {
  /** Runs a list command: move, open, toggle-select, star, mark. */
  run: (command: Command) => void;
  clearSelection: () => void;
}

interface Props {
  filters: InboxFilters;
  selectedId: string | null;
  search: string;
  /** The agent directory; null while it loads. */
  agents: ReadonlyMap<string, Agent> | null;
  onSort: (sort: InboxFilters['sort']) => void;
  ref?: Ref<ListHandle>;
}

/** Column → the sort field its header orders by, where the API can. */
const sortableColumns: Partial<Record<string, SortField>> = {
  conversation: 'subject',
  time: 'lastActivity',
};

/**
 * Memoized: the inbox re-renders when a count or the agent directory arrives, and the list
 * (its table, its window of rows) need not follow unless its own props changed.
 */
export const ConversationList = memo(function ConversationList({
  filters,
  selectedId,
  search,
  agents,
  onSort,
  ref,
}: Props) {
  const api = useApi();
  const navigate = useNavigate();
  const list = useInfiniteQuery({
    ...conversationQueries.list(api, filters),
    select: selectListData,
  });
  const { toggle } = useUpdateConversation();
  const { apply: applyBulk, bulk } = useBulkUpdate();

  const rows = list.data?.rows ?? noRows;
  const shownIds = useMemo(
    () => (list.data ? new Set(rows.map((row) => row.id)) : null),
    [list.data, rows],
  );
  const live = useLiveView(filters, shownIds);
  const narrow = useMediaQuery(smallScreen);
  const width = narrow ? 'narrow' : selectedId !== null ? 'compact' : 'wide';
  const columns = useMemo(
    () => columnsFor(api.provider.capabilities, width),
    [api.provider.capabilities, width],
  );

  // Selection belongs to the view it was made in: derived, not reset by an effect.
  const [selection, setSelection] = useState({ view: search, ids: noSelection, all: false });
  const rowSelection = selection.view === search ? selection.ids : noSelection;
  /** "Select all N matching": the selection is the whole view, loaded or not. */
  const allMatching = selection.view === search && selection.all;
  const table = useTable({
    features: listFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { rowSelection },
    onRowSelectionChange: (updater) =>
      setSelection((prev) => {
        const current = prev.view === search ? prev.ids : noSelection;
        const ids = typeof updater === 'function' ? updater(current) : updater;
        return { view: search, ids, all: false };
      }),
    // Ranges go through selectRange, one rule for Shift+click and Shift+j/k.
    enableRowRangeSelection: false,
  });
  const tableRows = table.getRowModel().rows;
  const template = gridTemplate(
    table.getAllLeafColumns().map((c) => ({ id: c.id, size: c.getSize() })),
  );
  // One style object per column layout, so memoized rows see an unchanged prop.
  const gridStyle = useMemo<CSSProperties>(() => ({ gridTemplateColumns: template }), [template]);
  const selectedRows = table.getSelectedRowModel().rows.map((row) => row.original);

  // Roving focus: the focused row is the grid's one tab stop. An id, so it survives
  // reloads and reordering; a row that is gone falls back to the first.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const indexById = useMemo(() => new Map(rows.map((row, i) => [row.id, i])), [rows]);
  const focusIndex = focusedId === null ? 0 : (indexById.get(focusedId) ?? 0);
  const focusedRow = rows[focusIndex];
  /** Whether DOM focus belongs on the focused row (the agent is working in the list). */
  const focusOwned = useRef(false);
  /** Where Shift ranges start: the row last toggled, or where a Shift move began. */
  const anchor = useRef<string | null>(null);

  const select = useCallback(
    (id: string, { extend }: { extend: boolean }) => {
      if (extend) {
        table.setRowSelection((current) =>
          selectRange(
            rows.map((row) => row.id),
            anchor.current,
            id,
            current,
          ),
        );
      } else {
        anchor.current = id;
        table.setRowSelection((current) => toggleOne(current, id));
      }
    },
    [table, rows],
  );

  const open = useCallback(
    (id: string) => void navigate(conversationPath(id, search)),
    [navigate, search],
  );
  const now = useNow();
  const context = useMemo<ListContextValue>(
    () => ({
      agents,
      search,
      open,
      now,
      toggleStar: (c) => toggle(c.id, 'starred'),
      select,
      outOfView: (c) => matchesFilters(c, filters, api.meId) === false,
    }),
    [agents, search, open, now, toggle, select, filters, api.meId],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<ListWindowHandle>(null);

  const moveFocus = (index: number) => {
    const row = rows[index];
    if (!row) return;
    focusOwned.current = true;
    setFocusedId(row.id);
    windowRef.current?.scrollToIndex(index);
  };

  useImperativeHandle(ref, () => {
    /** The selection (maybe every matching conversation), or else the focused row. */
    const targets = (): BulkTarget =>
      allMatching
        ? { kind: 'matching', filters }
        : {
            kind: 'loaded',
            conversations: selectedRows.length > 0 ? selectedRows : focusedRow ? [focusedRow] : [],
          };
    return {
      run: (command) => {
        if (!focusedRow) return;
        switch (command.type) {
          case 'move': {
            // Before any move the first row counts as focused, so j lands on it.
            const from = focusedId === null || !indexById.has(focusedId) ? -1 : focusIndex;
            const to = Math.min(Math.max(from + command.by, 0), rows.length - 1);
            const target = rows[to];
            if (command.extend && target) {
              const start = rows[Math.max(from, 0)]?.id ?? target.id;
              if (anchor.current === null || !indexById.has(anchor.current)) anchor.current = start;
              select(target.id, { extend: true });
            }
            moveFocus(to);
            return;
          }
          case 'open':
            focusOwned.current = true;
            open(focusedRow.id);
            return;
          case 'toggle-select':
            select(focusedRow.id, { extend: false });
            return;
          case 'star': {
            if (!api.provider.capabilities.star) {
              showToast('This API has no stars.');
              return;
            }
            const target = targets();
            applyBulk(
              target,
              target.kind === 'matching' ? { starred: true } : starPatch(target.conversations),
            );
            return;
          }
          case 'mark':
            applyBulk(targets(), { read: command.read });
            return;
        }
      },
      clearSelection: () => table.resetRowSelection(true),
    };
  });

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
    windowRef.current?.scrollToIndex(index);
  }, [selectedId, indexById]);

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;
  // The window calls this whenever its rows near the end: one page at a time, and not
  // again after a failure until the agent presses Retry.
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  // The first rows are on screen: fetch the code of what the agent may reach for next.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (hasRows) preloadDeferredParts();
  }, [hasRows]);

  // While a read is retried, say why it is taking longer (a 429's wait, a 5xx).
  const retrying = list.failureCount > 0 ? describeRetry(list.failureReason) : null;
  if (list.isError && rows.length === 0) {
    return (
      <ErrorPanel
        title="Could not load conversations."
        detail={describeError(list.error)}
        onRetry={() => void list.refetch()}
      />
    );
  }
  if (!list.isPending && rows.length === 0) {
    const active = filterChips(filters, agents ?? noAgents).map((chip) => chip.label);
    return (
      <div role="status" className="p-6 text-ink-muted">
        <p className="font-semibold">No conversations match this view.</p>
        <p className="mt-1 text-sm">
          {active.length > 0 ? `Active filters: ${active.join(' · ')}.` : 'The inbox is empty.'}
        </p>
      </div>
    );
  }

  // The row after the data: the view loading, the next page loading, an error with
  // retry, or the end of the list.
  const footer = list.isPending ? (
    // A new view loads under the same grid, so only rows change when it arrives.
    // Announced by the inbox's live region.
    <span>
      {list.fetchStatus === 'paused'
        ? 'You are offline. This view will load when the connection is back.'
        : (retrying ?? 'Loading conversations…')}
    </span>
  ) : isFetchNextPageError ? (
    <span role="alert">
      Could not load more conversations. {describeError(list.error)}{' '}
      <button
        type="button"
        className="font-semibold text-accent underline"
        onClick={() => void fetchNextPage()}
      >
        Retry
      </button>
    </span>
  ) : hasNextPage ? (
    <span role="status">{(isFetchingNextPage && retrying) || 'Loading more conversations…'}</span>
  ) : (
    <span>End of list · {rows.length.toLocaleString('en')} conversations</span>
  );

  return (
    <ListContext value={context}>
      {list.isRefetchError ? (
        <div
          role="alert"
          className="flex items-center gap-3 border-b border-danger-line bg-danger-soft px-4 py-2 text-sm text-on-danger-soft"
        >
          <p className="flex-1">
            Could not refresh this view; the rows below may be out of date.{' '}
            {describeError(list.error)}
          </p>
          <button
            type="button"
            className="font-semibold underline"
            onClick={() => void list.refetch()}
          >
            Try again
          </button>
        </div>
      ) : null}
      {bulk.run ? (
        <Deferred name="bulk action panel">
          <BulkRunPanel
            run={bulk.run}
            onCancel={bulk.cancel}
            onUndo={() => void bulk.undo()}
            onDismiss={bulk.dismiss}
          />
        </Deferred>
      ) : null}
      {selectedRows.length > 0 ? (
        <Deferred name="selection toolbar">
          <SelectionToolbar
            count={selectedRows.length}
            total={list.data?.total ?? rows.length}
            allMatching={allMatching}
            onSelectAllMatching={() =>
              setSelection({ view: search, ids: allLoaded(rows), all: true })
            }
            canStar={api.provider.capabilities.star}
            onApply={(patch) => {
              if (allMatching) {
                applyBulk({ kind: 'matching', filters }, patch);
                table.resetRowSelection(true);
              } else {
                applyBulk({ kind: 'loaded', conversations: selectedRows }, patch);
              }
            }}
            onClear={() => table.resetRowSelection(true)}
          />
        </Deferred>
      ) : null}
      <div className="relative flex min-h-0 flex-1 flex-col">
        <NewConversationsPill
          fresh={live.fresh}
          more={live.more}
          onShow={() => {
            live.showNew();
            scrollRef.current?.scrollTo({ top: 0 });
          }}
        />
        <div
          role="grid"
          aria-label="Conversations"
          aria-multiselectable="true"
          aria-rowcount={list.data ? list.data.total + 1 : -1}
          className="flex min-h-0 flex-1 flex-col"
        >
          <div role="rowgroup" className="border-b border-line bg-surface-muted">
            <div
              role="row"
              aria-rowindex={1}
              className="grid items-center gap-3 px-3 py-2 text-xs font-semibold text-ink-muted uppercase"
              style={gridStyle}
            >
              {table.getHeaderGroups()[0]?.headers.map((header) => {
                const field = sortableColumns[header.id];
                const sortable =
                  field !== undefined && api.provider.capabilities.sortFields.includes(field);
                const active = sortable && filters.sort.field === field;
                const direction = active ? filters.sort.direction : undefined;
                return (
                  <div
                    role="columnheader"
                    key={header.id}
                    aria-sort={
                      direction === 'asc'
                        ? 'ascending'
                        : direction === 'desc'
                          ? 'descending'
                          : undefined
                    }
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="flex items-center gap-1 uppercase hover:text-ink"
                        onClick={() =>
                          onSort({
                            field,
                            direction: active && direction === 'desc' ? 'asc' : 'desc',
                          })
                        }
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">
                          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </div>
                );
              })}
            </div>
          </div>
          <ListWindow
            ref={windowRef}
            rows={tableRows}
            selectedId={selectedId}
            focusedId={focusedRow?.id}
            focusOwned={focusOwned}
            onFocusRow={setFocusedId}
            gridStyle={gridStyle}
            footer={footer}
            pending={list.isPending}
            onNearEnd={loadMore}
            scrollRef={scrollRef}
          />
        </div>
      </div>
    </ListContext>
  );
});

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/client.ts';
import type { Agent, Conversation, InboxFilters, SortField } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { ErrorPanel } from '../../ui/error-panel.tsx';
import { useUpdateConversation } from '../actions/use-update-conversation.ts';
import { filterChips } from '../filters/filter-chips.ts';
import { columnsFor, gridTemplate, listFeatures } from './columns.tsx';
import { ListContext, type ListContextValue } from './list-context.tsx';
import { selectListData } from './list-row.ts';

/** Fixed row height: no per-row measuring, and scroll positions are exact. */
export const rowHeight = 68;
/** Rows rendered beyond the viewport on each side. */
export const overscan = 6;
/** Request the next page this many rows before the end is reached. */
const prefetchDistance = 25;

const noRows: Conversation[] = [];

interface Props {
  filters: InboxFilters;
  selectedId: string | null;
  search: string;
  agents: ReadonlyMap<string, Agent>;
  onSort: (sort: InboxFilters['sort']) => void;
}

/** Column → the sort field its header orders by, where the API can. */
const sortableColumns: Partial<Record<string, SortField>> = {
  conversation: 'subject',
  time: 'lastActivity',
};

export function ConversationList({ filters, selectedId, search, agents, onSort }: Props) {
  const api = useApi();
  const list = useInfiniteQuery({
    ...conversationQueries.list(api, filters),
    select: selectListData,
  });
  const update = useUpdateConversation();
  const { mutate } = update;

  const rows = list.data?.rows ?? noRows;
  const compact = selectedId !== null;
  const columns = useMemo(
    () => columnsFor(api.provider.capabilities, compact),
    [api.provider.capabilities, compact],
  );
  const table = useTable({
    features: listFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
  });
  const tableRows = table.getRowModel().rows;

  const context = useMemo<ListContextValue>(
    () => ({
      agents,
      search,
      toggleStar: (c) => mutate({ id: c.id, patch: { starred: c.starred !== true } }),
    }),
    [agents, search, mutate],
  );

  // One footer row after the data: loading, error with retry, or end of list.
  const count = tableRows.length + 1;
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((index: number) => tableRows[index]?.id ?? 'footer', [tableRows]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;
  // Scrolling is the outside world: when the rendered range nears the end (also when
  // the first page is shorter than the viewport), ask for the next cursor page.
  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !isFetchNextPageError &&
      lastIndex >= count - prefetchDistance
    ) {
      void fetchNextPage();
    }
  }, [lastIndex, count, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  if (list.isPending) {
    return (
      <p role="status" className="p-6 text-slate-600">
        Loading conversations…
      </p>
    );
  }
  if (list.isError && rows.length === 0) {
    return (
      <ErrorPanel
        title="Could not load conversations."
        detail={describeError(list.error)}
        onRetry={() => void list.refetch()}
      />
    );
  }
  if (rows.length === 0) {
    const active = filterChips(filters, context.agents).map((chip) => chip.label);
    return (
      <div role="status" className="p-6 text-slate-700">
        <p className="font-semibold">No conversations match this view.</p>
        <p className="mt-1 text-sm">
          {active.length > 0 ? `Active filters: ${active.join(' · ')}.` : 'The inbox is empty.'}
        </p>
      </div>
    );
  }

  const template = gridTemplate(
    table.getAllLeafColumns().map((c) => ({ id: c.id, size: c.getSize() })),
  );
  const gridStyle: CSSProperties = { gridTemplateColumns: template };

  return (
    <ListContext value={context}>
      <div
        role="grid"
        aria-label="Conversations"
        aria-rowcount={list.data ? list.data.total + 1 : -1}
        className="flex min-h-0 flex-1 flex-col"
      >
        <div role="rowgroup" className="border-b border-slate-200 bg-slate-50">
          <div
            role="row"
            aria-rowindex={1}
            className="grid items-center gap-3 px-3 py-2 text-xs font-semibold text-slate-600 uppercase"
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
                      className="flex items-center gap-1 uppercase hover:text-slate-900"
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
        <div
          ref={scrollRef}
          role="rowgroup"
          data-testid="list-scroller"
          className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]"
        >
          <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = tableRows[item.index];
              const position: CSSProperties = {
                height: rowHeight,
                transform: `translateY(${item.start}px)`,
              };
              if (!row) {
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="absolute top-0 left-0 grid w-full place-items-center text-sm text-slate-600"
                    style={position}
                  >
                    <div role="gridcell">
                      {isFetchNextPageError ? (
                        <span role="alert">
                          Could not load more conversations. {describeError(list.error)}{' '}
                          <button
                            type="button"
                            className="font-semibold text-indigo-700 underline"
                            onClick={() => void fetchNextPage()}
                          >
                            Retry
                          </button>
                        </span>
                      ) : hasNextPage ? (
                        <span role="status">Loading more conversations…</span>
                      ) : (
                        <span>End of list · {rows.length.toLocaleString('en')} conversations</span>
                      )}
                    </div>
                  </div>
                );
              }
              const c = row.original;
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={c.id === selectedId}
                  data-row-index={item.index}
                  className={`absolute top-0 left-0 grid w-full items-center gap-3 border-b border-slate-100 px-3 hover:bg-slate-50 ${
                    c.id === selectedId
                      ? 'bg-indigo-50'
                      : c.isUnread
                        ? 'bg-white'
                        : 'bg-slate-50/60'
                  } ${c.isUnread ? 'border-l-4 border-l-indigo-600' : 'border-l-4 border-l-transparent'}`}
                  style={{ ...position, ...gridStyle }}
                >
                  {row.getAllCells().map((cell) => (
                    <div role="gridcell" key={cell.id} className="min-w-0">
                      <table.FlexRender cell={cell} />
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </ListContext>
  );
}

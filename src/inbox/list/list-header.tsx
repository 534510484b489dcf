import { ArrowUp } from 'lucide';
import { Icon } from '../../ui/icon.tsx';
import type { CSSProperties } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { InboxFilters, SortField } from '../../api/model.ts';
import type { ListController } from './use-conversation-list.ts';

/** Column → the sort field its header orders by, where the API can. */
const sortableColumns: Partial<Record<string, SortField>> = {
  conversation: 'subject',
  time: 'lastActivity',
};

const ariaSort = { asc: 'ascending', desc: 'descending' } as const;

/** The grid's header row; a sortable column's header orders the view by it. */
export function ListHeader({
  table,
  gridStyle,
  sort,
  onSort,
}: {
  table: ListController['table'];
  gridStyle: CSSProperties;
  sort: InboxFilters['sort'];
  onSort: (sort: InboxFilters['sort']) => void;
}) {
  const { sortFields } = useApi().provider.capabilities;
  return (
    <div role="rowgroup" className="border-b border-line bg-surface-muted">
      <div
        role="row"
        aria-rowindex={1}
        className="grid items-center gap-3 px-3 py-2 text-xs font-semibold text-ink-muted uppercase"
        style={gridStyle}
      >
        {table.getHeaderGroups()[0]?.headers.map((header) => {
          const field = sortableColumns[header.id];
          const sortable = field !== undefined && sortFields.includes(field);
          const direction = sortable && sort.field === field ? sort.direction : undefined;
          return (
            <div role="columnheader" key={header.id} aria-sort={direction && ariaSort[direction]}>
              {sortable ? (
                <button
                  type="button"
                  className="flex items-center gap-1 uppercase hover:text-ink"
                  onClick={() =>
                    onSort({ field, direction: direction === 'desc' ? 'asc' : 'desc' })
                  }
                >
                  <table.FlexRender header={header} />
                  {direction ? (
                    <Icon
                      icon={ArrowUp}
                      className={`size-3.5 ${direction === 'desc' ? 'rotate-180' : ''}`}
                    />
                  ) : null}
                </button>
              ) : (
                <table.FlexRender header={header} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * The list's column model (TanStack Table): which cells a row has, their widths, and how
 * each renders. Rows are laid out as a CSS grid built from these sizes.
 */
import {
  columnSizingFeature,
  createColumnHelper,
  rowSelectionFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { Capabilities, Conversation } from '../../api/model.ts';
import { Timestamp } from '../../ui/timestamp.tsx';
import { ChannelIcon } from './channel-icon.tsx';
import { ConversationLink } from './conversation-link.tsx';
import { SelectAllCheckbox, SelectRowCheckbox } from './select-checkbox.tsx';
import { useListContext } from './list-context.tsx';
import { AssigneeCell, StatusCell } from './row-actions.tsx';
import { StarButton } from './star-button.tsx';
import { UnreadBadge } from './unread-badge.tsx';

export const listFeatures = tableFeatures({ columnSizingFeature, rowSelectionFeature });
const column = createColumnHelper<typeof listFeatures, Conversation>();

function TimeCell({ conversation }: { conversation: Conversation }) {
  const { now, compact } = useListContext();
  return (
    <div
      className={`flex items-end gap-1 text-xs text-ink-muted ${compact ? 'items-center justify-end gap-2' : 'flex-col'}`}
    >
      {/* Above the row's link (which covers the row), so the pointer reaches it and its
          full date shows on hover. */}
      <Timestamp
        iso={conversation.lastActivityAt}
        now={now}
        className="relative"
        waiting={conversation.lastMessageDirection === 'inbound'}
      />
      <UnreadBadge conversation={conversation} />
    </div>
  );
}

const allColumns = [
  column.display({
    id: 'select',
    header: ({ table }) => (
      <SelectAllCheckbox
        all={table.getIsAllRowsSelected()}
        some={table.getIsSomeRowsSelected()}
        onToggle={() => table.toggleAllRowsSelected()}
      />
    ),
    size: 44,
    cell: ({ row }) => (
      <SelectRowCheckbox conversation={row.original} selected={row.getIsSelected()} />
    ),
  }),
  column.display({
    id: 'star',
    header: () => <span className="sr-only">Star</span>,
    size: 44,
    cell: ({ row }) => <StarButton conversation={row.original} />,
  }),
  column.display({
    id: 'conversation',
    header: 'Conversation',
    cell: ({ row }) => <ConversationLink conversation={row.original} />,
  }),
  column.display({
    id: 'channel',
    header: 'Channel',
    size: 84,
    cell: ({ row }) => (
      <ChannelIcon channel={row.original.channel} label={row.original.channelLabel} />
    ),
  }),
  column.display({
    id: 'status',
    header: 'Status',
    size: 92,
    cell: ({ row }) => <StatusCell conversation={row.original} />,
  }),
  column.display({
    id: 'assignee',
    header: 'Assignee',
    size: 150,
    cell: ({ row }) => <AssigneeCell conversation={row.original} />,
  }),
  column.display({
    id: 'labels',
    header: 'Labels',
    size: 170,
    cell: ({ row }) => (
      <ul className="flex flex-wrap gap-1 overflow-hidden text-xs" aria-label="Labels">
        {row.original.labels.slice(0, 3).map((label) => (
          <li
            key={label}
            className="max-w-24 truncate rounded bg-accent-soft px-1.5 py-0.5 text-on-accent-soft"
          >
            {label}
          </li>
        ))}
      </ul>
    ),
  }),
  column.display({
    id: 'time',
    header: 'Activity',
    size: 80,
    cell: ({ row }) => <TimeCell conversation={row.original} />,
  }),
];

/** The least the Conversation column keeps beside the others: a name and a few words. */
export const minConversationPx = 240;
/** Never below this, even on the narrowest phone, where only the essentials are left. */
const floorConversationPx = 120;
/** A row's own width outside its cells: its padding, its unread border, the gaps. */
const rowPaddingPx = 12 * 2 + 4;
const gapPx = 12;
/**
 * Columns that give way when the list is narrow, in this order; what they said folds into
 * the row's second line (conversation-link.tsx), except the status, which the pane shows.
 */
export const givesWay = ['labels', 'channel', 'status', 'assignee'] as const;

/**
 * The columns the connected API can fill (a control that does nothing is never shown)
 * that fit in `listPx`, and the ones that gave way for the Conversation column.
 */
export function columnsFor(caps: Capabilities, listPx: number) {
  let columns = allColumns.filter(
    (c) => (c.id !== 'star' || caps.star) && (c.id !== 'status' || caps.lifecycle),
  );
  const folded = new Set<string>();
  const need = () =>
    rowPaddingPx +
    gapPx * (columns.length - 1) +
    columns.reduce((sum, c) => sum + (c.id === 'conversation' ? 0 : (c.size ?? 0)), 0);
  for (const id of givesWay) {
    if (need() + minConversationPx <= listPx) break;
    if (!columns.some((c) => c.id === id)) continue;
    columns = columns.filter((c) => c.id !== id);
    folded.add(id);
  }
  return { columns, folded: folded as ReadonlySet<string> };
}

/** The flexible column takes the remaining width; the others are fixed. */
export function gridTemplate(columns: { id?: string; size?: number }[]): string {
  return columns
    .map((c) =>
      c.id === 'conversation' ? `minmax(${floorConversationPx}px,1fr)` : `${c.size ?? 100}px`,
    )
    .join(' ');
}

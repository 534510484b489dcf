import { FlexRender, type Row } from '@tanstack/react-table';
import { memo, type CSSProperties } from 'react';
import type { Conversation } from '../../api/model.ts';
import type { listFeatures } from './columns.tsx';

interface Props {
  row: Row<typeof listFeatures, Conversation>;
  /** Position in the list (0-based); the header is row 1 for assistive tech. */
  index: number;
  /** Pixel offset from the virtualizer. */
  start: number;
  height: number;
  checked: boolean;
  /** The conversation open in the reading pane. */
  current: boolean;
  /** The grid's one tab stop (roving focus). */
  focused: boolean;
  gridStyle: CSSProperties;
}

/**
 * One conversation row. Memoized: moving focus, selecting or scrolling re-renders only
 * the rows whose props changed, not every mounted row's cells (docs/performance.md: j/k →
 * paint within a frame).
 */
export const ConversationRow = memo(function ConversationRow({
  row,
  index,
  start,
  height,
  checked,
  current,
  focused,
  gridStyle,
}: Props) {
  const c = row.original;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      aria-current={current ? 'true' : undefined}
      tabIndex={focused ? 0 : -1}
      data-id={c.id}
      data-row-index={index}
      className={`group absolute top-0 left-0 grid w-full items-center gap-3 border-b border-line px-3 hover:bg-surface-hover focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus ${
        checked || current ? 'bg-accent-soft' : c.isUnread ? 'bg-surface' : 'bg-surface-muted'
      } ${c.isUnread ? 'border-l-4 border-l-accent' : 'border-l-4 border-l-transparent'}`}
      style={{ height, transform: `translateY(${start}px)`, ...gridStyle }}
    >
      {row.getAllCells().map((cell) => (
        <div role="gridcell" key={cell.id} className="min-w-0">
          <FlexRender cell={cell} />
        </div>
      ))}
    </div>
  );
}, sameRow);

/**
 * Whether a row would render the same. The table makes a new Row object for every row
 * whenever any row's data changes (a write, a page arriving), so comparing it by identity
 * re-rendered every mounted row for each of a bulk run's writes; its conversation keeps its
 * identity unless that conversation changed (src/inbox/cache/conversation-cache.ts), and
 * its selection and the columns come in as props of their own (checked, gridStyle).
 */
export function sameRow(before: Props, after: Props): boolean {
  return (
    before.row.original === after.row.original &&
    before.index === after.index &&
    before.start === after.start &&
    before.height === after.height &&
    before.checked === after.checked &&
    before.current === after.current &&
    before.focused === after.focused &&
    before.gridStyle === after.gridStyle
  );
}

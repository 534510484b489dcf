import type { Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Conversation } from '../../api/model.ts';
import type { listFeatures } from './columns.tsx';
import { ConversationRow } from './conversation-row.tsx';
import { overscan, rowHeights, unmeasuredHeight } from './list-geometry.ts';
import { useCompact } from './use-compact.ts';
import type { Reveal } from './use-roving-focus.ts';

/** Ask for the next page this many rows before the end is reached. */
const prefetchDistance = 25;

interface Props {
  rows: Row<typeof listFeatures, Conversation>[];
  /** The conversation open in the reading pane. */
  selectedId: string | null;
  /** The grid's one tab stop (roving focus). */
  focusedId: string | undefined;
  /** Whether DOM focus belongs on the focused row (the agent is working in the list). */
  focusOwned: RefObject<boolean>;
  onFocusRow: (id: string) => void;
  /** The row to scroll into view, just enough to show it (a move, a pane closing). */
  reveal: Reveal | null;
  gridStyle: CSSProperties;
  /** The row after the data: the view or the next page loading, an error, the end. */
  footer: ReactNode;
  /** While the view has no data, the footer stands where no data row is. */
  pending: boolean;
  /** Called when the rendered rows near the end (also when the first page is short). */
  onNearEnd: () => void;
}

/**
 * The scrolling window of rows. Its own component, so a scroll frame re-renders this and
 * the rows entering the window, not the list around it (its table, queries and toolbars).
 */
export function ListWindow({
  rows,
  selectedId,
  focusedId,
  focusOwned,
  onFocusRow,
  reveal,
  gridStyle,
  footer,
  pending,
  onNearEnd,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = rows.length + 1;
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? 'footer', [rows]);
  // Only the virtualizer's first render reads it: not worth a read of the window per frame.
  const [initialRect] = useState(() => ({ width: 0, height: unmeasuredHeight() }));
  const rowHeight = rowHeights[useCompact() ? 'compact' : 'comfortable'];
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan,
    initialRect,
  });
  // Another density: every row's place changes at once.
  useLayoutEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  // Scrolling is the world outside React; before the focus below, so it finds the row.
  useLayoutEffect(() => {
    if (reveal) virtualizer.scrollToIndex(reveal.index, { align: 'auto' });
  }, [reveal, virtualizer]);

  // Scrolling is the outside world: near the end of what is loaded, ask for more.
  useEffect(() => {
    if (lastIndex >= count - prefetchDistance) onNearEnd();
  }, [lastIndex, count, onNearEnd]);

  // Focus is the world outside React. After every render (a move, a pane closing, the
  // virtualizer remounting a recycled row) put DOM focus back on the focused row, unless
  // the agent has taken it somewhere else or is using a control inside that row.
  useLayoutEffect(() => {
    if (!focusOwned.current || focusedId === undefined) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(
      `[data-id="${CSS.escape(focusedId)}"]`,
    );
    const active = document.activeElement;
    const lost = active === null || active === document.body;
    if (el && !el.contains(active) && (lost || scrollRef.current?.contains(active))) {
      el.focus({ preventScroll: true });
    }
  });

  return (
    <div
      ref={scrollRef}
      role="rowgroup"
      data-testid="list-scroller"
      className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]"
      onFocus={(event) => {
        // A click or Tab into a row makes it the focused row.
        focusOwned.current = true;
        const id = event.target.closest<HTMLElement>('[data-id]')?.dataset.id;
        if (id !== undefined) onFocusRow(id);
      }}
      onBlur={(event) => {
        // Focus leaving for another control gives it up; focus lost to nothing (a
        // recycled row, a closed pane) keeps it, so it comes back.
        const next = event.relatedTarget;
        if (next instanceof Node && !scrollRef.current?.contains(next)) {
          focusOwned.current = false;
        }
      }}
    >
      {/* The rows' box has its size set, so it is contained: a new view's rows are laid out
          and painted without the page around them. On the scroller itself, containment
          cost a repaint of the window on every scroll frame. */}
      <div
        className="relative w-full contain-strict"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) {
            return (
              <div
                key={item.key}
                role="row"
                // While the view loads this is not a data row's place: no index, so
                // "row 2" means the first conversation, also to the bench's probe.
                aria-rowindex={pending ? undefined : item.index + 2}
                className="absolute top-0 left-0 grid w-full place-items-center text-sm text-ink-muted"
                style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                <div role="gridcell">{footer}</div>
              </div>
            );
          }
          const id = row.original.id;
          return (
            <ConversationRow
              key={item.key}
              row={row}
              index={item.index}
              start={item.start}
              height={rowHeight}
              checked={row.getIsSelected()}
              current={id === selectedId}
              focused={id === focusedId}
              gridStyle={gridStyle}
            />
          );
        })}
      </div>
      {pending ? <SkeletonRows height={rowHeight} /> : null}
    </div>
  );
}

/** How many placeholder rows stand for the first page: a laptop screen's worth. */
const skeletonRows = 9;

/**
 * Placeholders while a view's first page loads, shaped and sized as rows (name, preview,
 * time), so the rows take their places without moving anything. Hidden from screen
 * readers: the loading row above and the inbox's live region say it.
 */
function SkeletonRows({ height }: { height: number }) {
  return (
    <div aria-hidden="true" data-testid="skeleton-rows" className="motion-safe:animate-pulse">
      {Array.from({ length: skeletonRows }, (_, i) => (
        <div
          key={i}
          className="flex items-center gap-3 border-b border-line px-4"
          style={{ height }}
        >
          <div className="size-8 shrink-0 rounded-full bg-surface-hover" />
          <div className="flex flex-1 flex-col gap-2">
            <div className="h-3 w-1/3 rounded bg-surface-hover" />
            <div className="h-3 w-2/3 rounded bg-surface-hover" />
          </div>
          <div className="h-3 w-10 rounded bg-surface-hover" />
        </div>
      ))}
    </div>
  );
}

import { useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { fetchParleyConfig, resolveConnection, settingsStore } from '../../src/api/connection.ts';
import {
  defaultFilters,
  type Agent,
  type Conversation,
  type Provider,
} from '../../src/api/model.ts';
import { createProvider } from '../../src/api/providers/create-provider.ts';
import '../../src/index.css';
import { columnsFor, gridTemplate, listFeatures } from '../../src/inbox/list/columns.tsx';
import { ConversationRow } from '../../src/inbox/list/conversation-row.tsx';
import { ListContext, type ListContextValue } from '../../src/inbox/list/list-context.tsx';
import { overscan, rowHeight } from '../../src/inbox/list/list-geometry.ts';
import './bare.css';

/**
 * The bench's comparison lists (decision 0009). Both render Parley's own row, columns and
 * styles over the same adapters and embedded API, so each differs from the app in one way:
 *   ?variant=b  the same rows virtualized, with no router, no Query and no app around them:
 *               A ÷ B is the app's own overhead;
 *   ?variant=e  the same rows, every one rendered (no virtualization), capped at 5,000:
 *               E ÷ A is what virtualization saves.
 * `?read=unread` opens the unread view; the All/Unread buttons change the filter.
 */

const PREFETCH_DISTANCE = 25;
const E_CAP = 5_000;
const E_PAGE_SIZE = 100;

type Read = 'all' | 'unread';
const filtersFor = (read: Read) => ({ ...defaultFilters, read });
const ignore = () => undefined;
const noneFolded: ReadonlySet<string> = new Set();

function Toolbar({ onRead }: { onRead: (read: Read) => void }) {
  return (
    <div>
      <button type="button" onClick={() => onRead('all')}>
        All
      </button>
      <button type="button" onClick={() => onRead('unread')}>
        Unread
      </button>
    </div>
  );
}

/** What the app's row needs around it, minus everything the app does with it. */
function Rows({
  provider,
  rows,
  children,
}: {
  provider: Provider;
  rows: Conversation[];
  children: (render: (index: number, start: number) => ReactNode) => ReactNode;
}) {
  const [agents, setAgents] = useState<ReadonlyMap<string, Agent> | null>(null);
  useEffect(() => {
    void provider.agents().then((list) => setAgents(new Map(list.map((a) => [a.id, a]))));
  }, [provider]);
  const context = useMemo<ListContextValue>(
    () => ({
      agents,
      search: location.search,
      open: ignore,
      now: Date.now(),
      toggleStar: ignore,
      select: ignore,
      outOfView: () => false,
      assign: null,
      setLifecycle: null,
      draftOwner: null,
      folded: noneFolded,
      compact: false,
    }),
    [agents],
  );
  // Every column, as the app shows them at the bench's viewport.
  const columns = useMemo(
    () => columnsFor(provider.capabilities, Number.POSITIVE_INFINITY).columns,
    [provider],
  );
  const table = useTable({
    features: listFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { rowSelection: {} },
  });
  const tableRows = table.getRowModel().rows;
  const gridStyle = useMemo(
    () => ({ gridTemplateColumns: gridTemplate(columns.map((c) => ({ id: c.id, size: c.size }))) }),
    [columns],
  );
  const render = (index: number, start: number) => {
    const row = tableRows[index];
    return row ? (
      <ConversationRow
        key={row.id}
        row={row}
        index={index}
        start={start}
        height={rowHeight}
        checked={false}
        current={false}
        focused={index === 0}
        gridStyle={gridStyle}
      />
    ) : null;
  };
  return (
    <ListContext value={context}>
      <div className="page bg-surface text-ink" role="grid" aria-label="Conversations">
        {children(render)}
      </div>
    </ListContext>
  );
}

/** Variant B: cursor pages into a virtualizer, fetched straight from the adapter. */
function VirtualList({ provider, initial }: { provider: Provider; initial: Read }) {
  const [read, setRead] = useState(initial);
  const [state, setState] = useState<{ rows: Conversation[]; next: string | null; read: Read }>({
    rows: [],
    next: null,
    read: initial,
  });
  const loading = useRef(false);

  const load = useCallback(
    async (forRead: Read, cursor: string | null) => {
      loading.current = true;
      const page = await provider.list({ filters: filtersFor(forRead), cursor });
      loading.current = false;
      setState((prev) => ({
        read: forRead,
        rows: cursor === null || prev.read !== forRead ? page.items : [...prev.rows, ...page.items],
        next: page.nextCursor,
      }));
    },
    [provider],
  );
  useEffect(() => void load(read, null), [load, read]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const count = state.rows.length + 1;
  const getItemKey = useCallback(
    (index: number) => state.rows[index]?.id ?? 'footer',
    [state.rows],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan: overscan,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (state.next !== null && !loading.current && lastIndex >= count - PREFETCH_DISTANCE) {
      void load(state.read, state.next);
    }
  }, [lastIndex, count, state.next, state.read, load]);

  return (
    <Rows provider={provider} rows={state.rows}>
      {(render) => (
        <>
          <Toolbar onRead={setRead} />
          <div ref={scrollRef} className="scroller" role="rowgroup">
            <div style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
              {items.map((item) =>
                item.index < state.rows.length ? (
                  render(item.index, item.start)
                ) : (
                  <div
                    key={item.key}
                    role="row"
                    className="absolute top-0 left-0 w-full"
                    style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                  >
                    {state.next === null ? 'End of list' : 'Loading more conversations…'}
                  </div>
                ),
              )}
            </div>
          </div>
        </>
      )}
    </Rows>
  );
}

/** Variant E: fetch up to 5,000 rows in the biggest pages the API allows, render them all. */
function EveryRow({ provider, initial }: { provider: Provider; initial: Read }) {
  const [read, setRead] = useState(initial);
  const [rows, setRows] = useState<Conversation[]>([]);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const all: Conversation[] = [];
      let cursor: string | null = null;
      do {
        const page = await provider.list({
          filters: filtersFor(read),
          cursor,
          limit: E_PAGE_SIZE,
        });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && all.length < E_CAP && !cancelled);
      if (!cancelled) setRows(all.slice(0, E_CAP));
    })();
    return () => {
      cancelled = true;
    };
  }, [provider, read]);
  return (
    <Rows provider={provider} rows={rows}>
      {(render) => (
        <>
          <Toolbar onRead={setRead} />
          <div className="scroller" role="rowgroup">
            <div style={{ position: 'relative', height: rows.length * rowHeight }}>
              {rows.map((_, index) => render(index, index * rowHeight))}
            </div>
          </div>
        </>
      )}
    </Rows>
  );
}

async function start() {
  const params = new URLSearchParams(location.search);
  const read: Read = params.get('read') === 'unread' ? 'unread' : 'all';
  const connection = resolveConnection(await fetchParleyConfig(), settingsStore.get());
  if (connection === null) throw new Error('the embedded server offers no API');
  const provider = createProvider(connection);
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    params.get('variant') === 'e' ? (
      <EveryRow provider={provider} initial={read} />
    ) : (
      <VirtualList provider={provider} initial={read} />
    ),
  );
}

void start();

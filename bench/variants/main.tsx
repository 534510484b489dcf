import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { fetchParleyConfig, resolveConnection, settingsStore } from '../../src/api/connection.ts';
import { defaultFilters, type Conversation, type Provider } from '../../src/api/model.ts';
import { createProvider } from '../../src/api/providers/create-provider.ts';
import { formatRelative } from '../../src/ui/relative-time.tsx';
import './bare.css';

/**
 * The bench's comparison lists, over the same adapters and the same embedded API as the
 * app, with none of the app around them:
 *   ?variant=b  a bare virtualized list (no router, no Query): the floor the app is measured
 *               against, so A/B is the app's own overhead;
 *   ?variant=e  every row rendered, no virtualization, capped at 5,000 rows: a naive table.
 * `?read=unread` opens the unread view; the All/Unread buttons change the filter.
 */

// The app's geometry (src/inbox/list/conversation-list.tsx), so windows match row for row.
const ROW_HEIGHT = 68;
const OVERSCAN = 6;
const PREFETCH_DISTANCE = 25;
const E_CAP = 5_000;
const E_PAGE_SIZE = 100;

type Read = 'all' | 'unread';
const filtersFor = (read: Read) => ({ ...defaultFilters, read });

function Row({ c, index, top }: { c: Conversation; index: number; top?: number }) {
  const style = top === undefined ? undefined : positioned(top);
  return (
    <div className="row" role="row" aria-rowindex={index + 2} style={style}>
      <a className="cell" role="gridcell" href={`/conversations/${encodeURIComponent(c.id)}`}>
        {c.contactName}
        {c.isUnread ? ' (unread)' : ''}
      </a>
      <span className="cell" role="gridcell">
        {c.subject ?? c.snippet}
      </span>
      <span className="cell" role="gridcell">
        {c.channel}
      </span>
      <span className="cell" role="gridcell">
        {formatRelative(c.lastActivityAt, now)}
      </span>
    </div>
  );
}

const now = Date.now();
const positioned = (top: number) =>
  ({ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${top}px)` }) as const;

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
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (state.next !== null && !loading.current && lastIndex >= count - PREFETCH_DISTANCE) {
      void load(state.read, state.next);
    }
  }, [lastIndex, count, state.next, state.read, load]);

  return (
    <div className="page" role="grid" aria-label="Conversations">
      <Toolbar onRead={setRead} />
      <div ref={scrollRef} className="scroller" role="rowgroup">
        <div style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const c = state.rows[item.index];
            return c ? (
              <Row key={item.key} c={c} index={item.index} top={item.start} />
            ) : (
              <div key={item.key} className="row" role="row" style={positioned(item.start)}>
                {state.next === null ? 'End of list' : 'Loading more conversations…'}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Variant E: fetch up to 5,000 rows in the biggest pages the API allows, render them all. */
function EveryRow({ provider, initial }: { provider: Provider; initial: Read }) {
  const [read, setRead] = useState(initial);
  const [rows, setRows] = useState<Conversation[] | null>(null);
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
    <div className="page" role="grid" aria-label="Conversations">
      <Toolbar onRead={setRead} />
      <div className="scroller" role="rowgroup">
        {(rows ?? []).map((c, index) => (
          <Row key={c.id} c={c} index={index} />
        ))}
      </div>
    </div>
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

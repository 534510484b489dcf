import { useInfiniteQuery, useQuery, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Outlet, useNavigate, useParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Agent, InboxFilters, Page } from '../api/model.ts';
import { conversationQueries } from '../api/queries.ts';
import { FilterBar } from './filters/filter-bar.tsx';
import { useInboxFilters } from './filters/use-inbox-filters.ts';
import { Deferred, ShortcutHelp } from './deferred-parts.tsx';
import type { Command } from './keyboard/shortcuts.ts';
import { useShortcuts } from './keyboard/use-shortcuts.ts';
import { ConversationList, type ListHandle } from './list/conversation-list.tsx';
import { OfflineNotice } from './live/offline-notice.tsx';
import { useOnline } from './live/use-online.ts';
import { builtInViews } from './views/view-filters.ts';

const toAgentMap = (agents: Agent[]): ReadonlyMap<string, Agent> =>
  new Map(agents.map((a) => [a.id, a]));
const noAgents: ReadonlyMap<string, Agent> = new Map();
const selectLabels = (data: InfiniteData<Page>) =>
  [...new Set(data.pages.flatMap((page) => page.items.flatMap((item) => item.labels)))].sort();
const noLabels: string[] = [];

/**
 * The inbox: filters, the list, and the reading pane as a child route. The list stays
 * mounted while the pane opens and closes, so it keeps its scroll position.
 */
export function InboxPage() {
  const api = useApi();
  const { conversationId = null } = useParams();
  const { filters, notices, search, setFilters } = useInboxFilters();
  const directory = useQuery({ ...conversationQueries.agents(api), select: toAgentMap }).data;
  const agents = directory ?? noAgents;
  // The same query as the list's (shared by key): its labels feed the category filter,
  // its status the announcement below.
  const listQuery = useInfiniteQuery({
    ...conversationQueries.list(api, filters),
    select: selectLabels,
  });
  const labels = listQuery.data ?? noLabels;
  const listUpdatedAt = listQuery.dataUpdatedAt || undefined;
  const online = useOnline();
  // HighLevel cannot count the unread among starred: show no number rather than a wrong one.
  const unreadCountable = !filters.starred || api.provider.capabilities.readWithStar;
  const unread = useQuery({
    ...conversationQueries.count(api, { ...filters, read: 'unread' }),
    enabled: unreadCountable,
  });
  const total = useQuery(conversationQueries.count(api, filters));

  // Stable, so the memoized list does not re-render when only a count arrives.
  const onSort = useCallback(
    (sort: InboxFilters['sort']) => setFilters({ ...filters, sort }),
    [filters, setFilters],
  );

  const navigate = useNavigate();
  const listRef = useRef<ListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const views = builtInViews.filter((view) => view.shown(api.provider.capabilities));
  useShortcuts(
    views.map((view) => view.shortcut),
    (command: Command) => {
      switch (command.type) {
        case 'focus-search':
          searchRef.current?.focus();
          searchRef.current?.select();
          return;
        case 'help':
          setHelpOpen(true);
          return;
        case 'go-view': {
          const view = views.find((v) => v.shortcut === command.shortcut);
          if (view) void navigate({ pathname: '/', search: view.search });
          return;
        }
        case 'close':
          // Esc: close the pane (the list then focuses its row); else drop the selection.
          if (conversationId !== null) {
            void navigate({ pathname: '/', search });
          } else {
            listRef.current?.clearSelection();
          }
          return;
        default:
          listRef.current?.run(command);
      }
    },
  );

  // The tab title is outside React: keep it in step with the view's unread count.
  useEffect(() => {
    document.title = unread.data ? `(${unread.data.toLocaleString('en')}) Parley` : 'Parley';
  }, [unread.data]);

  return (
    <div className="relative flex min-h-0 min-w-0 flex-1">
      <section
        aria-label="Conversation list"
        // On a phone the open pane covers the list; hidden, not unmounted, so it keeps
        // its scroll position and focus can return to the row.
        className={`flex min-h-0 min-w-0 flex-1 flex-col ${conversationId !== null ? 'max-md:invisible' : ''}`}
      >
        <FilterBar
          filters={filters}
          search={search}
          onChange={setFilters}
          agents={agents}
          knownCategories={labels}
          searchRef={searchRef}
        />
        {notices.length > 0 ? (
          <div
            role="status"
            className="border-b border-warning-line bg-warning-soft px-4 py-2 text-sm text-on-warning-soft"
          >
            {notices.join(' · ')}
          </div>
        ) : null}
        {online ? null : <OfflineNotice updatedAt={listUpdatedAt} />}
        {/* The one polite live region of the list: loading, how many, or that it failed.
            Screen-reader only: the same facts are on screen where sighted agents look. */}
        <p role="status" className="sr-only">
          {listQuery.isPending
            ? 'Loading conversations…'
            : listQuery.isError && listQuery.data === undefined
              ? 'Could not load conversations.'
              : total.data !== undefined
                ? `${total.data.toLocaleString('en')} conversations`
                : ''}
        </p>
        <p className="px-4 py-2 text-sm text-ink-muted">
          {total.data !== undefined ? `${total.data.toLocaleString('en')} conversations` : ' '}
          {unread.data !== undefined ? (
            <span data-testid="unread-count"> · {unread.data.toLocaleString('en')} unread</span>
          ) : null}
        </p>
        <ConversationList
          ref={listRef}
          filters={filters}
          selectedId={conversationId}
          search={search}
          agents={directory ?? null}
          onSort={onSort}
        />
      </section>
      <Outlet />
      {helpOpen ? (
        <Deferred name="shortcut sheet">
          <ShortcutHelp onClose={() => setHelpOpen(false)} />
        </Deferred>
      ) : null}
    </div>
  );
}

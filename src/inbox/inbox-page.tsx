import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Outlet, useNavigate, useParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Agent, InboxFilters } from '../api/model.ts';
import { conversationQueries } from '../api/queries.ts';
import { FilterBar } from './filters/filter-bar.tsx';
import { useInboxFilters } from './filters/use-inbox-filters.ts';
import { Deferred, ShortcutHelp } from './deferred-parts.tsx';
import { ShortcutContext, useShortcuts } from './keyboard/use-shortcuts.ts';
import { ConversationList } from './list/conversation-list.tsx';
import { ListSummary } from './list/list-summary.tsx';
import { OfflineNotice } from './live/offline-notice.tsx';
import { useOnline } from './live/use-online.ts';
import { builtInViews } from './views/built-in-views.ts';
import { SaveViewForm } from './views/save-view-form.tsx';

const toAgentMap = (agents: Agent[]): ReadonlyMap<string, Agent> =>
  new Map(agents.map((a) => [a.id, a]));
const noAgents: ReadonlyMap<string, Agent> = new Map();

/**
 * The inbox: filters, the list, and the reading pane as a child route. The list stays
 * mounted while the pane opens and closes, so it keeps its scroll position. The page reads
 * no list or count itself: what shows them subscribes to them, so a response re-renders
 * only its own part.
 */
export function InboxPage() {
  const api = useApi();
  const { conversationId = null } = useParams();
  const { filters, notices, search, setFilters, settled } = useInboxFilters();
  const directory = useQuery({ ...conversationQueries.agents(api), select: toAgentMap }).data;
  const agents = directory ?? noAgents;
  const online = useOnline();

  // Stable, so the memoized list does not re-render when the page does.
  const onSort = useCallback(
    (sort: InboxFilters['sort']) => setFilters({ ...filters, sort }),
    [filters, setFilters],
  );

  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);
  const views = builtInViews.filter((view) => view.shown(api.provider.capabilities));
  // The page's own commands; the list and the search box handle their own.
  const shortcuts = useShortcuts(
    views.map((view) => view.shortcut),
    {
      help: () => setHelpOpen(true),
      'go-view': ({ shortcut }) => {
        const view = views.find((v) => v.shortcut === shortcut);
        if (view) void navigate({ pathname: '/', search: view.search });
      },
    },
  );

  return (
    <div className="relative flex min-h-0 min-w-0 flex-1">
      <ShortcutContext value={shortcuts}>
        <section
          aria-label="Conversation list"
          // On a phone the open pane covers the list; hidden, not unmounted, so it keeps
          // its scroll position and focus can return to the row.
          className={`flex min-h-0 min-w-0 flex-1 flex-col ${conversationId !== null ? 'max-md:invisible' : ''}`}
        >
          <FilterBar filters={filters} search={search} onChange={setFilters} agents={agents}>
            <SaveViewForm search={search} />
          </FilterBar>
          {notices.length > 0 ? (
            <div
              role="status"
              className="border-b border-warning-line bg-warning-soft px-4 py-2 text-sm text-on-warning-soft"
            >
              {notices.join(' · ')}
            </div>
          ) : null}
          {online ? null : <OfflineNotice filters={filters} />}
          {settled ? (
            <>
              <ListSummary filters={filters} />
              <ConversationList
                filters={filters}
                selectedId={conversationId}
                search={search}
                agents={directory ?? null}
                onSort={onSort}
              />
            </>
          ) : (
            <p role="status" className="p-4 text-sm text-ink-muted">
              Checking the agents this view names…
            </p>
          )}
        </section>
        {/* Inside the scope: the reading pane handles its own keys (`r`). */}
        <Outlet />
      </ShortcutContext>
      {helpOpen ? (
        <Deferred name="shortcut sheet">
          <ShortcutHelp caps={api.provider.capabilities} onClose={() => setHelpOpen(false)} />
        </Deferred>
      ) : null}
    </div>
  );
}

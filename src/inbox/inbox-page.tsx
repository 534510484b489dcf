import { useQuery } from '@tanstack/react-query';
import { Outlet, useParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { conversationQueries } from '../api/queries.ts';
import { FilterBar } from './filters/filter-bar.tsx';
import { useInboxFilters } from './filters/use-inbox-filters.ts';
import { ConversationList } from './list/conversation-list.tsx';

/**
 * The inbox: filters, the list, and the reading pane as a child route. The list stays
 * mounted while the pane opens and closes, so it keeps its scroll position.
 */
export function InboxPage() {
  const api = useApi();
  const { conversationId = null } = useParams();
  const { filters, notices, search, setFilters } = useInboxFilters();
  const unread = useQuery(conversationQueries.count(api, { ...filters, read: 'unread', starred: false }));
  const total = useQuery(conversationQueries.count(api, filters));

  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <section aria-label="Conversation list" className="flex min-h-0 min-w-0 flex-1 flex-col">
        <FilterBar filters={filters} onChange={setFilters} canStar={api.provider.capabilities.star} />
        {notices.length > 0 ? (
          <div role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
            {notices.join(' · ')}
          </div>
        ) : null}
        <p className="px-4 py-2 text-sm text-slate-600" aria-live="polite">
          {total.data !== undefined ? `${total.data.toLocaleString('en')} conversations` : ' '}
          {unread.data !== undefined ? (
            <span data-testid="unread-count"> · {unread.data.toLocaleString('en')} unread</span>
          ) : null}
        </p>
        <ConversationList filters={filters} selectedId={conversationId} search={search} />
      </section>
      <Outlet />
    </div>
  );
}

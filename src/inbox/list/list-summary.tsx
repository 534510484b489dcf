import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { InboxFilters } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { loaded, useCachedList } from '../cache/use-cached-list.ts';

/**
 * How many conversations the view holds and how many are unread, the list's one polite
 * live region, and the tab title. Its own component, so a count or a list response
 * re-renders these few lines and not the inbox around them.
 */
export function ListSummary({ filters }: { filters: InboxFilters }) {
  const api = useApi();
  const list = useCachedList(filters, loaded);
  // HighLevel cannot count the unread among starred: show no number rather than a wrong one.
  const unreadCountable = !filters.starred || api.provider.capabilities.readWithStar;
  const unread = useQuery({
    ...conversationQueries.count(api, { ...filters, read: 'unread' }),
    enabled: unreadCountable,
  });
  const total = useQuery(conversationQueries.count(api, filters));
  const howMany =
    total.data !== undefined ? `${total.data.toLocaleString('en')} conversations` : undefined;

  // The tab title is outside React: keep it in step with the view's unread count.
  useEffect(() => {
    document.title = unread.data ? `(${unread.data.toLocaleString('en')}) Parley` : 'Parley';
  }, [unread.data]);

  return (
    <>
      {/* Screen-reader only: the same facts are on screen where sighted agents look. */}
      <p role="status" className="sr-only">
        {list.isPending
          ? 'Loading conversations…'
          : list.isError && list.data === undefined
            ? 'Could not load conversations.'
            : (howMany ?? '')}
      </p>
      <p className="px-4 py-2 text-sm text-ink-muted">
        {howMany ?? ' '}
        {unread.data !== undefined ? (
          <span data-testid="unread-count"> · {unread.data.toLocaleString('en')} unread</span>
        ) : null}
      </p>
    </>
  );
}

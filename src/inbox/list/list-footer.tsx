import { describeError } from '../../api/client.ts';
import type { ListController } from './use-conversation-list.ts';

/**
 * The row after the data: the view loading, the next page loading, an error with retry,
 * or the end of the list.
 */
export function ListFooter({
  list,
  retrying,
  count,
}: Pick<ListController, 'list' | 'retrying'> & { count: number }) {
  if (list.isPending) {
    // A new view loads under the same grid, so only rows change when it arrives.
    // Announced by the inbox's live region.
    return (
      <span>
        {list.fetchStatus === 'paused'
          ? 'You are offline. This view will load when the connection is back.'
          : (retrying ?? 'Loading conversations…')}
      </span>
    );
  }
  if (list.isFetchNextPageError) {
    return (
      <span role="alert">
        Could not load more conversations. {describeError(list.error)}{' '}
        <button
          type="button"
          className="font-semibold text-accent underline"
          onClick={() => void list.fetchNextPage()}
        >
          Retry
        </button>
      </span>
    );
  }
  if (list.hasNextPage) {
    return (
      <span role="status">
        {(list.isFetchingNextPage && retrying) || 'Loading more conversations…'}
      </span>
    );
  }
  return <span>End of list · {count.toLocaleString('en')} conversations</span>;
}

import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { conversationQueries } from '../../api/queries.ts';
import { viewOf } from '../filters/view-of.ts';

/**
 * How often a view's count is refreshed. One small request (one item) per view; React
 * Query pauses the interval while the tab is hidden and shares the request with the
 * inbox when it shows the same view.
 */
const countRefreshMs = 60_000;

function ViewCount({ search }: { search: string }) {
  const api = useApi();
  const count = useQuery({
    ...conversationQueries.count(api, viewOf(search, api.provider.capabilities).filters),
    refetchInterval: countRefreshMs,
  });
  if (count.data === undefined) return null;
  return (
    <span className="ml-auto text-xs tabular-nums text-ink-muted">
      {count.data.toLocaleString('en')}
    </span>
  );
}

export function ViewLink({
  name,
  search,
  current,
}: {
  name: string;
  search: string;
  current: boolean;
}) {
  return (
    <Link
      to={{ pathname: '/', search }}
      aria-current={current ? 'page' : undefined}
      className={`flex min-w-0 flex-1 items-center gap-2 rounded-md px-3 py-2 text-sm whitespace-nowrap max-md:min-h-11 ${
        current
          ? 'bg-accent-soft font-semibold text-on-accent-soft'
          : 'text-ink-muted hover:bg-surface-hover'
      }`}
    >
      <span className="truncate">{name}</span>
      <ViewCount search={search} />
    </Link>
  );
}

import { Link } from 'react-router';
import type { Agent, InboxFilters } from '../../api/model.ts';
import { describeError } from '../../api/client.ts';
import type { ListData } from '../cache/list-data.ts';
import { filterChips } from '../filters/filter-chips.ts';

const noAgents: ReadonlyMap<string, Agent> = new Map();

/** A view with no conversations, and which filters made it so. */
export function EmptyView({
  filters,
  agents,
}: {
  filters: InboxFilters;
  agents: ReadonlyMap<string, Agent> | null;
}) {
  const active = filterChips(filters, agents ?? noAgents).map((chip) => chip.label);
  return (
    <div role="status" className="p-6 text-ink-muted">
      <p className="font-semibold">No conversations match this view.</p>
      <p className="mt-1 text-sm">
        {active.length > 0 ? `Active filters: ${active.join(' · ')}.` : 'The inbox is empty.'}
      </p>
      {active.length > 0 ? (
        // The way out: the whole inbox (a new history entry, so Back returns here).
        <Link to="/" className="mt-3 inline-block text-sm font-medium text-accent underline">
          Clear the filters
        </Link>
      ) : null}
    </div>
  );
}

/** The view's rows stay while a refresh failed; this says they may be stale. */
export function RefreshFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div
      role="alert"
      className="flex items-center gap-3 border-b border-danger-line bg-danger-soft px-4 py-2 text-sm text-on-danger-soft"
    >
      <p className="flex-1">
        Could not refresh this view; the rows below may be out of date. {describeError(error)}
      </p>
      <button type="button" className="font-semibold underline" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

const SHOWN_UNREADABLE = 3;

/**
 * What the loaded pages could not show (decision 0012): items the adapter could not read,
 * named by id so someone can look them up, and conversations the API could not page
 * through. The rest of the view is shown; this says it is not the whole of it.
 */
export function ListGaps({ unreadable, gaps }: Pick<ListData, 'unreadable' | 'gaps'>) {
  if (unreadable.length === 0 && gaps.length === 0) return null;
  const named = unreadable
    .slice(0, SHOWN_UNREADABLE)
    .map((item) => (item.id === null ? item.reason : `${item.id} (${item.reason})`));
  const more = unreadable.length - named.length;
  return (
    <div
      role="status"
      className="border-b border-warning-line bg-warning-soft px-4 py-2 text-sm text-on-warning-soft"
    >
      {unreadable.length > 0 ? (
        <p>
          {unreadable.length === 1
            ? '1 conversation could not be shown'
            : `${unreadable.length.toLocaleString('en')} conversations could not be shown`}
          : {named.join('; ')}
          {more > 0 ? `; and ${more.toLocaleString('en')} more` : ''}. The API sent{' '}
          {unreadable.length === 1 ? 'it' : 'them'} in a shape Parley cannot read; the rest of the
          view is complete.
        </p>
      ) : null}
      {gaps.map((gap) => (
        <p key={gap}>{gap}</p>
      ))}
    </div>
  );
}

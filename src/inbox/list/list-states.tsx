import type { Agent, InboxFilters } from '../../api/model.ts';
import { describeError } from '../../api/client.ts';
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

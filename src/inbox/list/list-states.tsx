import { Link } from 'react-router';
import type { Agent, InboxFilters } from '../../api/model.ts';
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

import { useEffect, useState } from 'react';
import type { InboxFilters } from '../../api/model.ts';

interface Props {
  filters: InboxFilters;
  onChange: (next: InboxFilters) => void;
  canStar: boolean;
}

const searchDelayMs = 250;

/** Search and read state; the full filter panel builds on this (issue 4). */
export function FilterBar({ filters, onChange, canStar }: Props) {
  // The draft text is local while typing; the URL gets it after a pause.
  const [draft, setDraft] = useState(filters.q);
  const [lastQ, setLastQ] = useState(filters.q);
  if (filters.q !== lastQ) {
    // The URL changed under us (back/forward, a view link): adopt it.
    setLastQ(filters.q);
    setDraft(filters.q);
  }

  useEffect(() => {
    if (draft.trim() === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: draft.trim() }), searchDelayMs);
    return () => clearTimeout(timer);
  }, [draft, filters, onChange]);

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
      <label className="flex min-w-56 flex-1 items-center gap-2">
        <span className="sr-only">Search conversations</span>
        <input
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="Search conversations"
          className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Read state
        <select
          value={filters.read}
          onChange={(event) => onChange({ ...filters, read: event.target.value as InboxFilters['read'] })}
          className="rounded-md border border-slate-300 px-2 py-1.5"
        >
          <option value="all">All</option>
          <option value="unread">Unread</option>
          <option value="read">Read</option>
        </select>
      </label>
      {canStar ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={filters.starred}
            onChange={(event) => onChange({ ...filters, starred: event.target.checked })}
          />
          Starred only
        </label>
      ) : null}
    </div>
  );
}

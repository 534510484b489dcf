import { useId, useState, type ReactNode } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { shareableSearch } from '../../api/connection.ts';
import { defaultFilters, type Agent, type InboxFilters, type SortField } from '../../api/model.ts';
import { showToast } from '../../ui/toaster.tsx';
import { smallScreen, useMediaQuery } from '../../ui/use-media-query.ts';
import { Deferred, FilterPanel, ModalDialog } from '../deferred-parts.tsx';
import { filterChips } from './filter-chips.ts';
import { SearchBox } from './search-box.tsx';

interface Props {
  filters: InboxFilters;
  search: string;
  onChange: (next: InboxFilters) => void;
  agents: ReadonlyMap<string, Agent>;
  /** More actions on the view, after Copy link (Save view). */
  children?: ReactNode;
}

const sortLabels: Record<SortField, [string, string]> = {
  lastActivity: ['Newest activity first', 'Oldest activity first'],
  created: ['Newest created first', 'Oldest created first'],
  subject: ['Subject Z–A', 'Subject A–Z'],
};
const button =
  'rounded-md border border-line-strong bg-surface px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-hover max-md:min-h-11';

export function FilterBar({ filters, search, onChange, agents, children }: Props) {
  const api = useApi();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  // On a phone the filters are a sheet over the list instead of a panel above it.
  const asSheet = useMediaQuery(smallScreen);

  const chips = filterChips(filters, agents);
  const panel = (
    <Deferred
      name="filters panel"
      fallback={<p className="px-4 py-3 text-sm text-ink-muted">Loading filters…</p>}
    >
      <FilterPanel id={panelId} filters={filters} onChange={onChange} />
    </Deferred>
  );
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(
        `${window.location.origin}${window.location.pathname}${shareableSearch(search, api.provider.id)}`,
      );
      showToast('Link to this view copied.');
    } catch {
      showToast(
        'Could not copy the link: your browser did not allow it. Copy the address bar instead.',
        'error',
      );
    }
  };

  return (
    <div className="border-b border-line">
      <div className="flex flex-wrap items-center gap-2 px-4 py-3">
        <SearchBox q={filters.q} onSearch={(q) => onChange({ ...filters, q })} />
        <button
          type="button"
          className={button}
          aria-expanded={asSheet ? undefined : open}
          aria-controls={asSheet ? undefined : panelId}
          aria-haspopup={asSheet ? 'dialog' : undefined}
          onClick={() => setOpen(!open)}
        >
          Filters{chips.length > 0 ? ` (${chips.length})` : ''}
        </button>
        <label className="text-sm text-ink-muted">
          <span className="sr-only">Sort</span>
          <select
            className="rounded-md border border-line-strong px-2 py-1.5 max-md:min-h-11"
            value={`${filters.sort.field}:${filters.sort.direction}`}
            onChange={(e) => {
              const [field, direction] = e.target.value.split(':') as [SortField, 'asc' | 'desc'];
              onChange({ ...filters, sort: { field, direction } });
            }}
          >
            {api.provider.capabilities.sortFields.flatMap((field) =>
              (['desc', 'asc'] as const).map((direction) => (
                <option key={`${field}:${direction}`} value={`${field}:${direction}`}>
                  {sortLabels[field][direction === 'desc' ? 0 : 1]}
                </option>
              )),
            )}
          </select>
        </label>
        <button type="button" className={button} onClick={() => void copyLink()}>
          Copy link
        </button>
        {children}
      </div>
      {chips.length > 0 ? (
        <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2 px-4 pb-3">
          {chips.map((chip) => (
            <li
              key={chip.key}
              className="flex items-center gap-1 rounded-full bg-accent-soft py-0.5 pr-1 pl-3 text-sm text-on-accent-soft"
            >
              <span className="max-w-64 truncate">{chip.label}</span>
              <button
                type="button"
                aria-label={`Remove filter ${chip.label}`}
                onClick={() => onChange(chip.without)}
                className="grid size-6 place-items-center rounded-full hover:bg-accent-soft-hover"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="text-sm font-medium text-accent underline"
              onClick={() => onChange(defaultFilters)}
            >
              Clear all
            </button>
          </li>
        </ul>
      ) : null}
      {open && asSheet ? (
        <Deferred name="filters sheet">
          <ModalDialog
            title="Filters"
            closeLabel="Show conversations"
            placement="sheet"
            onClose={() => setOpen(false)}
          >
            <div className="touch-targets -mx-5">{panel}</div>
          </ModalDialog>
        </Deferred>
      ) : open ? (
        panel
      ) : null}
    </div>
  );
}

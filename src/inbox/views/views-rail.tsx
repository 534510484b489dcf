import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { conversationQueries } from '../../api/queries.ts';
import { viewOf } from '../filters/view-of.ts';
import { builtInViews } from './built-in-views.ts';
import { Deferred, ViewNameForm } from '../deferred-parts.tsx';
import { savedViews, useSavedViews, type SavedView } from './saved-views.ts';

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

function ViewLink({ name, search, current }: { name: string; search: string; current: boolean }) {
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

function SavedViewItem({ view, current }: { view: SavedView; current: boolean }) {
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <Deferred name="view name form">
        <ViewNameForm
          label={`New name for ${view.name}`}
          defaultValue={view.name}
          className={{
            input: 'min-w-0 flex-1 rounded border border-line-strong px-2 py-1 text-sm',
            submit: 'rounded px-2 text-sm text-accent',
          }}
          onDone={(name) => {
            if (name !== null) savedViews.rename(view.id, name);
            setRenaming(false);
          }}
        />
      </Deferred>
    );
  }
  return (
    <div className="group flex items-center">
      <ViewLink name={view.name} search={view.search} current={current} />
      <button
        type="button"
        aria-label={`Rename view ${view.name}`}
        onClick={() => setRenaming(true)}
        className="rounded px-1 text-xs text-ink-muted hover:bg-surface-hover"
      >
        ✎
      </button>
      <button
        type="button"
        aria-label={`Delete view ${view.name}`}
        onClick={() => savedViews.remove(view.id)}
        className="rounded px-1 text-xs text-ink-muted hover:bg-surface-hover"
      >
        ✕
      </button>
    </div>
  );
}

export function ViewsRail() {
  const api = useApi();
  const location = useLocation();
  const saved = useSavedViews();
  const paneOpen = location.pathname.startsWith('/conversations/');
  // A conversation open over a view is still that view (its link carries the view's query).
  const isCurrent = (search: string) =>
    (location.pathname === '/' || paneOpen) && location.search === search;

  return (
    <nav
      aria-label="Views"
      // Beside the list and an open conversation, under 1,100 px the list needs the room.
      className={`shrink-0 border-line bg-surface-muted p-3 ${paneOpen ? 'md:max-[1099.98px]:hidden' : ''} max-md:flex max-md:items-center max-md:gap-2 max-md:overflow-x-auto max-md:border-b max-md:py-1 md:w-56 md:overflow-y-auto md:border-r`}
    >
      {/* A column beside the list; on a phone, one row that scrolls sideways. */}
      <ul className="flex gap-1 max-md:shrink-0 md:flex-col">
        {builtInViews.map((view) =>
          view.shown(api.provider.capabilities) ? (
            <li key={view.name} className="flex">
              <ViewLink name={view.name} search={view.search} current={isCurrent(view.search)} />
            </li>
          ) : view.whyNot ? (
            // Said rather than hidden: the agent learns it is this API, not a missing view.
            <li key={view.name} className="px-3 py-2 text-sm text-ink-muted max-md:hidden">
              <span className="block">{view.name}: not offered</span>
              <span className="block text-xs">{view.whyNot}</span>
            </li>
          ) : null,
        )}
      </ul>
      <h2 className="px-3 text-xs max-md:shrink-0 md:mt-5 md:mb-1 font-semibold tracking-wide text-ink-muted uppercase">
        Saved views
      </h2>
      {saved.length === 0 ? (
        <p className="px-3 text-xs text-ink-muted max-md:hidden">
          Filter the list, then “Save view”.
        </p>
      ) : (
        <ul className="flex gap-1 max-md:shrink-0 md:flex-col">
          {saved.map((view) => (
            <li key={view.id}>
              <SavedViewItem view={view} current={isCurrent(view.search)} />
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

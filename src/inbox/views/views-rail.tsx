import { useLocation } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { Deferred, SavedViewItem } from '../deferred-parts.tsx';
import { builtInViews } from './built-in-views.ts';
import { useSavedViews } from './saved-views.ts';
import { ViewLink } from './view-link.tsx';

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
        <Deferred name="saved views">
          <ul className="flex gap-1 max-md:shrink-0 md:flex-col">
            {saved.map((view) => (
              <li key={view.id}>
                <SavedViewItem view={view} current={isCurrent(view.search)} />
              </li>
            ))}
          </ul>
        </Deferred>
      )}
    </nav>
  );
}

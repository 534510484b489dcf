import { Pencil, X } from 'lucide';
import { useState } from 'react';
import { Icon } from '../../ui/icon.tsx';
import { savedViews, type SavedView } from './saved-views.ts';
import { ViewLink } from './view-link.tsx';
import { ViewNameForm } from './view-name-form.tsx';

/**
 * A saved view in the rail, with rename and delete. In the deferred chunk
 * (../deferred-parts.tsx): only views the agent saved show it, and it is there a moment
 * after the rail.
 */
export function SavedViewItem({ view, current }: { view: SavedView; current: boolean }) {
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
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
    );
  }
  return (
    <div className="group flex items-center">
      <ViewLink name={view.name} search={view.search} current={current} />
      <button
        type="button"
        aria-label={`Rename view ${view.name}`}
        onClick={() => setRenaming(true)}
        className="rounded p-1 text-ink-muted hover:bg-surface-hover"
      >
        <Icon icon={Pencil} className="size-3.5" />
      </button>
      <button
        type="button"
        aria-label={`Delete view ${view.name}`}
        onClick={() => savedViews.remove(view.id)}
        className="rounded p-1 text-ink-muted hover:bg-surface-hover"
      >
        <Icon icon={X} className="size-3.5" />
      </button>
    </div>
  );
}

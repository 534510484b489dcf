import { useState } from 'react';
import { showToast } from '../../ui/toaster.tsx';
import { Deferred, ViewNameForm } from '../deferred-parts.tsx';
import { savedViews } from './saved-views.ts';

const button =
  'rounded-md border border-line-strong bg-surface px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-hover max-md:min-h-11';

/** "Save view": names the view on screen and keeps it in the rail. */
export function SaveViewForm({ search }: { search: string }) {
  const [naming, setNaming] = useState(false);
  if (!naming) {
    return (
      <button type="button" className={button} onClick={() => setNaming(true)}>
        Save view
      </button>
    );
  }
  return (
    <Deferred name="view name form">
      <ViewNameForm
        label="View name"
        className={{
          input: 'w-36 rounded-md border border-line-strong px-2 py-1.5 text-sm',
          submit: button,
        }}
        onDone={(name) => {
          if (name !== null) {
            savedViews.add(name, search);
            showToast(`Saved the view “${name}”.`);
          }
          setNaming(false);
        }}
      />
    </Deferred>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { showToast } from '../../ui/toaster.tsx';
import { savedViews } from './saved-views.ts';

const button =
  'rounded-md border border-line-strong bg-surface px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-hover max-md:min-h-11';

/** The name a view's name form was submitted with, trimmed; null when blank. */
export function submittedName(event: FormEvent<HTMLFormElement>): string | null {
  event.preventDefault();
  const name = new FormData(event.currentTarget).get('name');
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

/** "Save view": names the view on screen and keeps it in the rail. */
export function SaveViewForm({ search }: { search: string }) {
  const nameId = useId();
  const [naming, setNaming] = useState(false);
  if (!naming) {
    return (
      <button type="button" className={button} onClick={() => setNaming(true)}>
        Save view
      </button>
    );
  }
  return (
    <form
      className="flex gap-1"
      onSubmit={(event) => {
        const name = submittedName(event);
        if (name !== null) {
          savedViews.add(name, search);
          showToast(`Saved the view “${name}”.`);
        }
        setNaming(false);
      }}
    >
      <label className="sr-only" htmlFor={nameId}>
        View name
      </label>
      <input
        id={nameId}
        name="name"
        autoFocus
        placeholder="View name"
        className="w-36 rounded-md border border-line-strong px-2 py-1.5 text-sm"
      />
      <button type="submit" className={button}>
        Save
      </button>
    </form>
  );
}

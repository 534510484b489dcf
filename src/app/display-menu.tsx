import { Suspense, use, useId, useState } from 'react';
import { loadPages } from './load-pages.ts';

/**
 * The header's Display menu (theme and density), in a native popover: the browser gives
 * it Escape, a click outside to close, and the top layer; the header's room goes to who
 * is signed in and what is connected. Its choices (display-choices.tsx) load with the
 * first opening.
 */
export function DisplayMenu() {
  const id = useId();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        className="flex items-center rounded px-2 py-1 hover:underline max-md:min-h-11"
      >
        Display
      </button>
      <div
        id={id}
        popover="auto"
        onToggle={(event) => {
          if (event.newState === 'open') setOpened(true);
        }}
        // No display class here: it would override the browser's hiding of a closed popover.
        className="inset-auto top-12 right-4 m-0 rounded-lg border border-line bg-surface p-3 text-sm text-ink shadow-lg"
      >
        {opened ? (
          <Suspense fallback={<p role="status">Loading…</p>}>
            <LoadedChoices />
          </Suspense>
        ) : null}
      </div>
    </>
  );
}

function LoadedChoices() {
  const { DisplayChoices } = use(loadPages());
  return <DisplayChoices />;
}

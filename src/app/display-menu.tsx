import { useId } from 'react';
import { ThemeChoices } from '../ui/theme/theme-choices.tsx';

/**
 * The header's Display menu (the theme), in a native popover: the browser gives it Escape,
 * a click outside to close, and the top layer; the header's room goes to who is signed in
 * and what is connected.
 */
export function DisplayMenu() {
  const id = useId();
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
        className="inset-auto top-12 right-4 m-0 rounded-lg border border-line bg-surface p-3 text-sm text-ink shadow-lg"
      >
        <ThemeChoices />
      </div>
    </>
  );
}

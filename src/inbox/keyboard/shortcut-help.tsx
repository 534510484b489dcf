import { useEffect, useId, useRef, useState } from 'react';
import { shortcutHelp } from './shortcuts.ts';

/**
 * The `?` cheat sheet: a native modal <dialog>, so focus is trapped, the page behind is
 * inert and Esc closes it without our help. Focus goes back where it was.
 */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Where focus was when the sheet opened, to give it back on close.
  const [opener] = useState(() => document.activeElement);

  // showModal() is the DOM's API for a modal: the world outside React.
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={() => {
        onClose();
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      }}
      className="m-auto w-[32rem] max-w-[calc(100vw-2rem)] rounded-lg border border-line bg-surface p-5 text-ink shadow-xl backdrop:bg-black/50"
    >
      <h2 id={titleId} className="mb-3 text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <table className="w-full text-sm">
        <thead className="sr-only">
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {shortcutHelp.map(({ keys, does }) => (
            <tr key={does} className="border-t border-line">
              <td className="py-1.5 pr-4 whitespace-nowrap">
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' or ' : null}
                    <kbd className="rounded border border-line-strong bg-surface-muted px-1.5 font-mono text-xs">
                      {k}
                    </kbd>
                  </span>
                ))}
              </td>
              <td className="py-1.5">{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-ink-muted">
        Shortcuts are off while typing in a field. Press Esc to close.
      </p>
      <form method="dialog" className="mt-4 text-right">
        <button
          type="submit"
          className="min-h-9 rounded-md bg-accent-strong px-4 text-sm font-medium text-on-accent-strong"
        >
          Close
        </button>
      </form>
    </dialog>
  );
}

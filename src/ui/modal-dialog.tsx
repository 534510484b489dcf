import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Label of the closing button at the bottom. */
  closeLabel?: string;
  /** `sheet` sits at the bottom edge on small screens (filters); `centered` does not. */
  placement?: 'centered' | 'sheet';
  /** What takes focus on opening, when not the dialog itself (a picker's type-ahead). */
  initialFocus?: RefObject<HTMLElement | null>;
}

/**
 * The one modal: a native <dialog> opened with showModal(), so focus is trapped, the page
 * behind is inert and Esc closes it without our help. Focus goes back where it was.
 */
export function ModalDialog({
  title,
  onClose,
  children,
  closeLabel = 'Close',
  placement = 'centered',
  initialFocus,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Where focus was when the dialog opened, to give it back on close.
  const [opener] = useState(() => document.activeElement);

  // showModal() is the DOM's API for a modal: the world outside React.
  // Focus the dialog itself, not its first field (unless asked): on a phone that would pop
  // up the keyboard, and a screen reader starts from the dialog's name.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    (initialFocus?.current ?? dialog).focus();
    // Once, on opening.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <dialog
      ref={ref}
      tabIndex={-1}
      aria-labelledby={titleId}
      onClose={() => {
        onClose();
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      }}
      className={`m-auto max-h-[85vh] w-[32rem] max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-line bg-surface p-5 text-ink shadow-xl backdrop:bg-black/50 ${
        placement === 'sheet'
          ? 'max-md:mb-0 max-md:w-full max-md:max-w-full max-md:rounded-b-none'
          : ''
      }`}
    >
      <h2 id={titleId} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
      <form method="dialog" className="mt-4 text-right">
        <button
          type="submit"
          className="min-h-9 rounded-md bg-accent-strong px-4 text-sm font-medium text-on-accent-strong max-md:min-h-11"
        >
          {closeLabel}
        </button>
      </form>
    </dialog>
  );
}

/**
 * Keyboard triage, as data and one pure function: which key press means which command.
 * No DOM here, so every binding and every suppression rule is unit-tested without a
 * browser; `use-shortcuts.ts` only feeds it events.
 */

export type Command =
  | { type: 'move'; by: 1 | -1; extend: boolean }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'toggle-select' }
  | { type: 'star' }
  | { type: 'mark'; read: boolean }
  | { type: 'assign' }
  | { type: 'lifecycle' }
  | { type: 'reply' }
  | { type: 'focus-search' }
  | { type: 'help' }
  | { type: 'go-view'; shortcut: string };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The event's target takes text (input, textarea, select, contenteditable). */
  editable: boolean;
  /** The target is a link or button that Enter already activates natively. */
  activatable: boolean;
}

/** A `g` waiting for its second key, and when it was pressed. */
export interface Pending {
  since: number;
}

export interface Resolution {
  command: Command | null;
  pending: Pending | null;
}

/** How long `g` waits for the view letter (Gmail's sequences feel like about this). */
export const sequenceTimeoutMs = 1500;

const none: Resolution = { command: null, pending: null };
const run = (command: Command): Resolution => ({ command, pending: null });

/**
 * Resolves one key press. `viewShortcuts` are the letters `g` can be followed by (the
 * built-in views the connected API shows), so `g` + an unknown letter does nothing.
 */
export function resolveShortcut(
  press: KeyPress,
  pending: Pending | null,
  now: number,
  viewShortcuts: readonly string[],
): Resolution {
  // Typing, and chords that belong to the browser or the OS, are never shortcuts.
  if (press.editable || press.ctrlKey || press.metaKey || press.altKey) return none;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;

  if (pending && now - pending.since <= sequenceTimeoutMs) {
    return !press.shiftKey && viewShortcuts.includes(key)
      ? run({ type: 'go-view', shortcut: key })
      : none;
  }

  switch (key) {
    case 'j':
    case 'ArrowDown':
      return run({ type: 'move', by: 1, extend: press.shiftKey });
    case 'k':
    case 'ArrowUp':
      return run({ type: 'move', by: -1, extend: press.shiftKey });
    case 'Enter':
      return press.activatable || press.shiftKey ? none : run({ type: 'open' });
    case 'o':
      return press.shiftKey ? none : run({ type: 'open' });
    case 'Escape':
      return run({ type: 'close' });
    case 'x':
      return press.shiftKey ? none : run({ type: 'toggle-select' });
    case 's':
      return press.shiftKey ? none : run({ type: 'star' });
    case 'u':
      return press.shiftKey ? run({ type: 'mark', read: false }) : none;
    case 'i':
      return press.shiftKey ? run({ type: 'mark', read: true }) : none;
    case 'a':
      return press.shiftKey ? none : run({ type: 'assign' });
    case 'e':
      return press.shiftKey ? none : run({ type: 'lifecycle' });
    case 'r':
      return press.shiftKey ? none : run({ type: 'reply' });
    case '/':
      return run({ type: 'focus-search' });
    case '?':
      return run({ type: 'help' });
    case 'g':
      return press.shiftKey ? none : { command: null, pending: { since: now } };
    default:
      return none;
  }
}

/** Input types that take no text: keys pressed on them are still shortcuts. */
const nonTextInputs = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range']);

/** Whether keys pressed on this element are typing. Duck-typed, so it stays testable. */
export function isEditable(target: {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}): boolean {
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  return tag === 'input' && !nonTextInputs.has(target.type ?? 'text');
}

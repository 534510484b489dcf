import { createContext, use, useEffect, useEffectEvent, useRef, useState } from 'react';
import { isEditable, resolveShortcut, type Command, type Pending } from './shortcuts.ts';

type CommandType = Command['type'];

/** What a part does for each command it handles, by command type. */
export type CommandHandlers = {
  [T in CommandType]?: (command: Extract<Command, { type: T }>) => void;
};

interface Handler {
  types: ReadonlySet<CommandType>;
  run: (command: Command) => void;
}

/**
 * Where the parts of a page (the list, the reading pane) take the commands they handle
 * themselves. One key press is resolved once, for the whole page, and goes to the one part
 * that handles it: of two that handle the same command, the one that mounted last (the
 * reading pane's `r` focuses its composer; with no pane open, the list's opens one).
 */
export interface ShortcutScope {
  add: (handler: Handler) => () => void;
}

export const ShortcutContext = createContext<ShortcutScope | null>(null);

/** Runs a command with whichever of the handlers is for its type. */
const runWith = (handlers: CommandHandlers, command: Command) =>
  (handlers[command.type] as ((c: Command) => void) | undefined)?.(command);

/**
 * Feeds every key press on the document to `resolveShortcut` and runs what it resolves
 * to: with a part's handler (useCommands) for that command, else with `handlers`, the
 * page's own. The document is the world outside React, hence an effect. Keys inside an
 * open dialog belong to the dialog (its own Esc, its own focus). Returns the scope to
 * provide (ShortcutContext) to the parts.
 */
/** Whether a popover is open (the browser closes it on Escape, which must reach it). */
function popoverOpen(): boolean {
  try {
    return document.querySelector(':popover-open') !== null;
  } catch {
    // A DOM without popovers (jsdom) has none open.
    return false;
  }
}

export function useShortcuts(
  viewShortcuts: readonly string[],
  handlers: CommandHandlers,
): ShortcutScope {
  const pending = useRef<Pending | null>(null);
  const [parts] = useState(() => new Set<Handler>());
  const [scope] = useState<ShortcutScope>(() => ({
    add: (handler) => {
      parts.add(handler);
      return () => parts.delete(handler);
    },
  }));

  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    // A dialog or popover (the Display menu) has its own keys: Escape closes it, not a view.
    if (target?.closest('dialog, [role="dialog"], [popover]') || popoverOpen()) return;
    const { command, pending: next } = resolveShortcut(
      {
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        editable: target !== null && isEditable(target),
        activatable: target?.closest('a[href], button') != null,
      },
      pending.current,
      event.timeStamp,
      viewShortcuts,
    );
    pending.current = next;
    if (!command) return;
    // The part that registered last wins: the reading pane's `r` over the list's.
    const part = [...parts].reverse().find((p) => p.types.has(command.type));
    if (!part && !handlers[command.type]) return;
    // The key did its job: no "/" typed into the search, no arrow scrolling the page.
    event.preventDefault();
    if (part) part.run(command);
    else runWith(handlers, command);
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => handle(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return scope;
}

/**
 * A part of the page handles these commands itself (the list: moving, opening,
 * selecting, starring). `handlers` must handle the same command types on every render.
 */
export function useCommands(handlers: CommandHandlers): void {
  const scope = use(ShortcutContext);
  const run = useEffectEvent((command: Command) => runWith(handlers, command));
  const types = Object.keys(handlers).join(' ');
  useEffect(() => {
    if (!scope) return;
    return scope.add({
      types: new Set(types.split(' ') as CommandType[]),
      run: (command) => run(command),
    });
  }, [scope, types]);
}

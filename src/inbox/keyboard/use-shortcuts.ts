import { useEffect, useEffectEvent, useRef } from 'react';
import { isEditable, resolveShortcut, type Command, type Pending } from './shortcuts.ts';

/**
 * Feeds every key press on the document to `resolveShortcut` and runs what it resolves
 * to. The document is the world outside React, hence an effect. Keys inside an open
 * dialog belong to the dialog (its own Esc, its own focus).
 */
export function useShortcuts(viewShortcuts: readonly string[], onCommand: (c: Command) => void) {
  const pending = useRef<Pending | null>(null);
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (target?.closest('dialog, [role="dialog"]')) return;
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
    if (command) {
      // The key did its job: no "/" typed into the search, no arrow scrolling the page.
      event.preventDefault();
      onCommand(command);
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => handle(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}

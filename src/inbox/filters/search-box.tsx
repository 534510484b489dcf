import { useEffect, useLayoutEffect, useRef } from 'react';
import { useCommands } from '../keyboard/use-shortcuts.ts';

const searchDelayMs = 250;

/**
 * The search field. The URL holds the search: the box shows it, and what the agent types
 * reaches the URL after a pause (one request for a word, not one per key). Until then the
 * text is the input's own (it is uncontrolled), not a copy kept in state.
 */
export function SearchBox({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // What a pause ends with: the URL as it is then, not as it was at the keystroke.
  const latest = useRef({ q, onSearch });
  useLayoutEffect(() => {
    latest.current = { q, onSearch };
  });
  // The URL's search changed under the box (back/forward, a view, a chip): show it, and
  // drop what was waiting for a pause.
  useLayoutEffect(() => {
    const box = input.current;
    if (box && box.value.trim() !== q) {
      box.value = q;
      clearTimeout(timer.current);
    }
  }, [q]);
  useEffect(() => () => clearTimeout(timer.current), []);
  useCommands({
    'focus-search': () => {
      input.current?.focus();
      input.current?.select();
    },
  });

  return (
    <label className="min-w-48 flex-1">
      <span className="sr-only">Search conversations</span>
      <input
        ref={input}
        type="search"
        defaultValue={q}
        onChange={(event) => {
          const text = event.target.value.trim();
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            if (text !== latest.current.q) latest.current.onSearch(text);
          }, searchDelayMs);
        }}
        placeholder="Search conversations"
        className="w-full rounded-md border border-line-strong px-3 py-1.5 text-sm max-md:min-h-11"
      />
    </label>
  );
}

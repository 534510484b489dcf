import { useCallback, useSyncExternalStore } from 'react';

/** Below this width the list and the reading pane are two screens (Tailwind's `md`). */
export const smallScreen = '(max-width: 767.98px)';

// One live MediaQueryList per query: its `matches` follows the window, and calling
// matchMedia on every render of a scrolling list showed up in its profile.
const lists = new Map<string, MediaQueryList>();
function mediaList(query: string): MediaQueryList {
  let list = lists.get(query);
  if (list === undefined) {
    list = window.matchMedia(query);
    lists.set(query, list);
  }
  return list;
}

/**
 * Whether a media query matches now, re-rendering when it changes (window resize). On the
 * server (the first paint, src/app/render-first-paint.tsx) nothing matches: CSS still
 * adapts that markup to the screen.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      const list = mediaList(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => mediaList(query).matches,
    () => false,
  );
}

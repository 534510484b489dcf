import { useCallback, useSyncExternalStore } from 'react';

/** Below this width the list and the reading pane are two screens (Tailwind's `md`). */
export const smallScreen = '(max-width: 767.98px)';

/** Whether a media query matches now, re-rendering when it changes (window resize). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

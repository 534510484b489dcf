import { createExternalStore, useExternalStore, type ExternalStore } from './external-store.ts';

/** Below this width the list and the reading pane are two screens (Tailwind's `md`). */
export const smallScreen = '(max-width: 767.98px)';

// One store per query over one live MediaQueryList, made at the first read (the server
// has no window): calling matchMedia on every render of a scrolling list showed up in its
// profile.
const stores = new Map<string, ExternalStore<boolean>>();
function storeOf(query: string): ExternalStore<boolean> {
  let store = stores.get(query);
  if (store === undefined) {
    let list: MediaQueryList | undefined;
    const matches = () => (list ??= window.matchMedia(query)).matches;
    store = createExternalStore(matches, (set) => {
      const changed = () => set(matches());
      changed();
      list?.addEventListener('change', changed);
      return () => list?.removeEventListener('change', changed);
    });
    stores.set(query, store);
  }
  return store;
}

const noMatch = () => false;

/**
 * Whether a media query matches now, re-rendering when it changes (window resize). On the
 * server (the first paint, src/app/render-first-paint.tsx) nothing matches: CSS still
 * adapts that markup to the screen.
 */
export function useMediaQuery(query: string): boolean {
  return useExternalStore(storeOf(query), noMatch);
}

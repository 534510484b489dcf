import { useSyncExternalStore } from 'react';

/**
 * A value outside React that any code can set (a query cache's error handler, a timer,
 * a browser event) and any component can read: the one way Parley keeps the few bits of
 * state that are not server data and not in the URL (toasts, the theme, the clock, the
 * saved views, the viewport, the connection).
 */
export interface ExternalStore<T> {
  get: () => T;
  set: (next: T) => void;
  subscribe: (listener: () => void) => () => void;
}

/**
 * `initial` may be a function: it is then read at the first `get`, not at import (the
 * server's first paint has no storage and no window). `watch` connects the store to its
 * source (a timer, a browser event) while anyone listens: it runs at the first
 * subscription and its cleanup at the last; it may `set` the source's current value as
 * it starts, where that may have changed unwatched.
 */
export function createExternalStore<T>(
  initial: T | (() => T),
  watch?: (set: (next: T) => void) => () => void,
): ExternalStore<T> {
  let value: T;
  let read = false;
  let unwatch: (() => void) | undefined;
  const listeners = new Set<() => void>();
  const store: ExternalStore<T> = {
    get() {
      if (!read) {
        value = typeof initial === 'function' ? (initial as () => T)() : initial;
        read = true;
      }
      return value;
    },
    set(next) {
      if (Object.is(next, store.get())) return;
      value = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) unwatch = watch?.(store.set);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        unwatch?.();
        unwatch = undefined;
      };
    },
  };
  return store;
}

/**
 * The store's value, re-rendering when it changes. `onServer` is what the server's first
 * paint renders (it has no storage, clock or viewport of the agent's).
 */
export function useExternalStore<T>(store: ExternalStore<T>, onServer: () => T = store.get): T {
  return useSyncExternalStore(store.subscribe, store.get, onServer);
}

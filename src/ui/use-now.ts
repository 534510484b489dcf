import { useSyncExternalStore } from 'react';

// One shared minute clock, so relative times tick together and renders stay pure.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 60_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const read = () => now;
// The server (the first paint) renders once, at the time of the request.
const readServer = () => Date.now();

export function useNow(): number {
  return useSyncExternalStore(subscribe, read, readServer);
}

import { createExternalStore, useExternalStore } from './external-store.ts';

// One shared minute clock, so shown times move on together and renders stay pure. It
// ticks only while something shows a time.
const clock = createExternalStore(Date.now, (set) => {
  const timer = setInterval(() => set(Date.now()), 60_000);
  return () => clearInterval(timer);
});

// The server (the first paint) renders once, at the time of the request.
export function useNow(): number {
  return useExternalStore(clock, Date.now);
}

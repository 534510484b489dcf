import { createExternalStore, useExternalStore } from './external-store.ts';

/**
 * One of a few choices the agent makes for this browser (the theme, the list's density),
 * remembered in localStorage under `key`; the first choice is the default, and is not
 * stored. Storage can be blocked (privacy settings): the choice then holds for this visit.
 */
export function rememberedChoice<T extends string>(key: string, choices: readonly T[]) {
  const [fallback] = choices as [T];
  const store = createExternalStore<T>(() => {
    try {
      const value = localStorage.getItem(key);
      return choices.find((choice) => choice === value) ?? fallback;
    } catch {
      return fallback;
    }
  });
  return {
    get: store.get,
    set(choice: T): void {
      store.set(choice);
      try {
        if (choice === fallback) localStorage.removeItem(key);
        else localStorage.setItem(key, choice);
      } catch {
        // Not remembered, still applied for this visit.
      }
    },
    use: (): T => useExternalStore(store),
  };
}

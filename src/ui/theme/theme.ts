import { createExternalStore, useExternalStore } from '../external-store.ts';

/**
 * The colour scheme: the system's by default, or the agent's choice, remembered in this
 * browser. Applying it is one attribute on <html>; CSS does the rest (`color-scheme`
 * drives every light-dark() token in index.css). See decision 0006.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const storageKey = 'parley.theme';

function readStored(): ThemeChoice {
  try {
    const value = localStorage.getItem(storageKey);
    return themeChoices.find((choice) => choice === value) ?? 'system';
  } catch {
    // Storage can be blocked (privacy settings): follow the system.
    return 'system';
  }
}

const theme = createExternalStore(readStored);

/** Puts the choice on <html>, where the stylesheet reads it. */
export function applyTheme(choice: ThemeChoice = theme.get()): void {
  document.documentElement.dataset.theme = choice;
}

export function setTheme(choice: ThemeChoice): void {
  theme.set(choice);
  try {
    if (choice === 'system') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, choice);
  } catch {
    // Not remembered, still applied for this visit.
  }
  applyTheme(choice);
}

export function useTheme(): ThemeChoice {
  return useExternalStore(theme);
}

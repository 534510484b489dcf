import { rememberedChoice } from '../remembered-choice.ts';

/**
 * The colour scheme: the system's by default, or the agent's choice, remembered in this
 * browser. Applying it is one attribute on <html>; CSS does the rest (`color-scheme`
 * drives every light-dark() token in index.css). See decision 0006.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const theme = rememberedChoice('parley.theme', themeChoices);

/** Puts the choice on <html>, where the stylesheet reads it. */
export function applyTheme(choice: ThemeChoice = theme.get()): void {
  document.documentElement.dataset.theme = choice;
}

export function setTheme(choice: ThemeChoice): void {
  theme.set(choice);
  applyTheme(choice);
}

export const useTheme = theme.use;

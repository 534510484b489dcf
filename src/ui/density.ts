import { rememberedChoice } from './remembered-choice.ts';

/**
 * How tightly the list packs its rows: comfortable (name, preview and what the columns
 * had no room for, on lines of their own) or compact (one line a row, about twice as many
 * rows on a screen), remembered in this browser.
 */
export type Density = 'comfortable' | 'compact';

export const densities: readonly Density[] = ['comfortable', 'compact'];
const density = rememberedChoice('parley.density', densities);

export const setDensity = density.set;
export const useDensity = density.use;

import type { Rng } from './prng.ts';
import { MONTHS, WEEKDAYS } from './vocabulary.ts';

/** Fills `{n}` (a number), `{m}` (a month) and `{d}` (a weekday) placeholders. */
export function fillTemplate(rng: Rng, template: string): string {
  return template
    .replace(/\{n\}/g, () => String(rng.int(1000, 99999)))
    .replace(/\{m\}/g, () => rng.pick(MONTHS))
    .replace(/\{d\}/g, () => rng.pick(WEEKDAYS));
}

/**
 * Spreads `count` instants from `first` to `last` (both kept exactly), oldest first, on a
 * grid of `step` ms (Exante's ISO strings carry whole seconds only).
 */
export function spreadTimes(
  rng: Rng,
  count: number,
  first: number,
  last: number,
  step = 1,
): number[] {
  if (count <= 1) return [last];
  const slots = Math.floor((last - first) / step);
  const middle: number[] = [];
  for (let i = 0; i < count - 2; i++) middle.push(first + Math.floor(rng.next() * slots) * step);
  middle.sort((a, b) => a - b);
  return [first, ...middle, last];
}

import type { Rng } from './prng.ts';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from './vocabulary.ts';

export interface PersonName {
  first: string;
  last: string;
}

export function randomName(rng: Rng): PersonName {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

/** Email local parts are ASCII even when names are not, as real mailboxes mostly are. */
export function emailFor(rng: Rng, name: PersonName, domain = rng.pick(EMAIL_DOMAINS)): string {
  const first = asciiSlug(name.first) || `user${rng.int(10, 9999)}`;
  const last = asciiSlug(name.last);
  const suffix = rng.chance(0.3) ? String(rng.int(1, 99)) : '';
  return `${first}${last ? `.${last}` : ''}${suffix}@${domain}`;
}

/** E.164, in the 555 range that North American numbering reserves for fiction. */
export function phoneFor(rng: Rng): string {
  return `+1${rng.int(201, 989)}555${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * A tiny deterministic PRNG (mulberry32). The seed must reproduce byte-identical data on
 * every machine, so nothing here may touch Math.random or the clock.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; `entries` are [value, weight] pairs. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `count` distinct items, in pick order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A HighLevel-style id: 20 characters from [A-Za-z0-9]. */
  id20(): string;
  /** An RFC 4122 version-4 UUID, lower case. */
  uuid(): string;
  hex(length: number): string;
  /** A 32-bit integer, handy as the seed of a child generator. */
  uint32(): number;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[Math.floor(next() * 16)];
    return out;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    weighted: (entries) => {
      let total = 0;
      for (const [, weight] of entries) total += weight;
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (last === undefined) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    sample: (items, count) => {
      const pool = [...items];
      const out: (typeof items)[number][] = [];
      while (out.length < count && pool.length > 0) {
        const index = Math.floor(next() * pool.length);
        out.push(pool[index] as (typeof items)[number]);
        pool.splice(index, 1);
      }
      return out;
    },
    id20: () => {
      let out = '';
      for (let i = 0; i < 20; i++) out += ALPHANUMERIC[Math.floor(next() * ALPHANUMERIC.length)];
      return out;
    },
    uuid: () => {
      const variant = HEX[8 + Math.floor(next() * 4)];
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
    hex,
    uint32: () => Math.floor(next() * 4294967296) >>> 0,
  };
}

/**
 * Derives an independent seed for a named stream, so adding a field to one provider's
 * generator never shifts the other provider's data.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = 2166136261 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/**
 * `id`, or the next draw that is not `taken`. Every mulberry32 stream is a window on the
 * same 2^32 cycle, so a stream derived later (the live test hook's) can replay a stretch
 * of the seed's own and repeat ids already stored.
 */
export function unusedId(id: string, draw: () => string, taken: (id: string) => boolean): string {
  while (taken(id)) id = draw();
  return id;
}

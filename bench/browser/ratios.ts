import { percentile, seededRandom } from '../api/stats.ts';

export const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export interface Spread {
  n: number;
  median: number;
  p10: number;
  p90: number;
  /** (p90 − p10) / median: how much the same measurement moved within the run. */
  relSpread: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const m = percentile(sorted, 50);
  const p10 = percentile(sorted, 10);
  const p90 = percentile(sorted, 90);
  return { n: sorted.length, median: m, p10, p90, relSpread: (p90 - p10) / m };
}

export interface PairedRatio {
  /** median(numerator) / median(denominator) over the blocks where both were measured. */
  ratio: number;
  /** 95 % bootstrap interval: blocks resampled with replacement, pairs kept together. */
  low: number;
  high: number;
  pairs: number;
}

/**
 * Ratio of medians of two measurements taken in the same blocks. Pairing by block means
 * drift on the machine (the other engineers' builds) hits both sides of each pair alike.
 */
export function pairedRatio(
  numerator: readonly number[],
  denominator: readonly number[],
  resamples = 2000,
  seed = 6,
): PairedRatio {
  const pairs = numerator
    .map((a, i) => [a, denominator[i] ?? Number.NaN] as const)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const ratioOf = (sample: readonly (readonly [number, number])[]) => {
    const top = median(sample.map(([a]) => a));
    const bottom = median(sample.map(([, b]) => b));
    // Both zero (e.g. no blocking time at all on either side) is "no difference".
    return top === 0 && bottom === 0 ? 1 : top / bottom;
  };
  if (pairs.length === 0) return { ratio: Number.NaN, low: Number.NaN, high: Number.NaN, pairs: 0 };
  const random = seededRandom(seed);
  const boot: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = pairs.map(() => pairs[Math.floor(random() * pairs.length)] as (typeof pairs)[0]);
    boot.push(ratioOf(sample));
  }
  boot.sort((a, b) => a - b);
  return {
    ratio: ratioOf(pairs),
    low: percentile(boot, 2.5),
    high: percentile(boot, 97.5),
    pairs: pairs.length,
  };
}

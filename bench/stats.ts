/**
 * The one statistics module of the load test (bench/load/) and the benches (bench/api/,
 * bench/browser/), so that a p95 means the same thing in every report.
 *
 * - Percentiles are **nearest-rank**, never interpolated: the p-th percentile of n sorted
 *   values is the value at rank ⌈p/100 · n⌉ (at least 1). Every figure reported is a value
 *   that was measured; the median of an even count is the lower of the two middle values.
 * - **No values, no statistic**: the percentile, median, min, max and mean of an empty list
 *   are NaN (reports print "–"), never 0, which would read as "instant".
 * - Summaries take samples in any order and leave out non-finite ones (a measurement that
 *   did not happen is recorded as NaN); `count` is the number kept.
 */

/** Nearest-rank percentile of ascending, finite values; NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be from 0 to 100 (got ${p})`);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** The finite values, ascending (numerically, unlike Array#sort's default). */
export function sortedFinite(values: Iterable<number>): Float64Array {
  const finite: number[] = [];
  for (const value of values) if (Number.isFinite(value)) finite.push(value);
  return Float64Array.from(finite).sort();
}

/** Nearest-rank median of the finite values: the lower middle of an even count. */
export function median(values: Iterable<number>): number {
  return percentile(sortedFinite(values), 50);
}

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: Iterable<number>): Summary {
  const sorted = sortedFinite(values);
  let sum = 0;
  for (const value of sorted) sum += value;
  const n = sorted.length;
  return {
    count: n,
    min: n === 0 ? Number.NaN : (sorted[0] as number),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n === 0 ? Number.NaN : (sorted[n - 1] as number),
    mean: n === 0 ? Number.NaN : sum / n,
  };
}

/** A summary's figures rounded to `digits` decimals, for a report (NaN stays NaN). */
export function rounded<T extends object>(summary: T, digits = 2): T {
  const scale = 10 ** digits;
  return Object.fromEntries(
    Object.entries(summary).map(([key, value]) => [
      key,
      typeof value === 'number' && Number.isFinite(value)
        ? Math.round(value * scale) / scale
        : value,
    ]),
  ) as T;
}

export interface Spread {
  n: number;
  median: number;
  p10: number;
  p90: number;
  /** (p90 − p10) / median: how much the same measurement moved within the run. */
  relSpread: number;
}

export function spread(values: Iterable<number>): Spread {
  const sorted = sortedFinite(values);
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
 * The interval is the 2.5th and 97.5th nearest-rank percentiles of `resamples` bootstrap
 * ratios, from a seeded generator: the same samples always give the same interval.
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

/**
 * The most events in any window of `windowMs`, as a sliding-log rate limit counts them
 * (server/highlevel/rate-limit.ts): an event at t and one at u < t share a window when
 * t − u < windowMs. `times` in any order.
 */
export function maxInWindow(times: Iterable<number>, windowMs: number): number {
  const sorted = sortedFinite(times);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[first] as number) <= (sorted[last] as number) - windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/** Fisher–Yates with a seeded generator, so a run's interleaving can be reproduced. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** mulberry32: small, fast, good enough to order benchmark blocks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

import { describe, expect, it } from 'vitest';
import {
  maxInWindow,
  median,
  pairedRatio,
  percentile,
  rounded,
  seededRandom,
  shuffled,
  spread,
  summarize,
} from './stats.ts';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('percentile (nearest rank, the one rule of every report)', () => {
  it('has no value for an empty list: NaN, not 0', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile(new Float64Array(0), 99)).toBeNaN();
  });

  it('is the one value of a one-value list, at any p', () => {
    for (const p of [0, 1, 50, 95, 99, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('takes the value at rank ⌈p/100 · n⌉ and never interpolates', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 99.5)).toBe(100);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0)).toBe(1);
    // Four values: p50 is the 2nd (the lower middle), not 25; p95 is the 4th.
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
    expect(percentile([10, 20, 30, 40], 25)).toBe(10);
    expect(percentile([10, 20, 30, 40], 95)).toBe(40);
    // A bootstrap interval's ends out of 2000 ratios: ranks 50 and 1950.
    const boot = Array.from({ length: 2000 }, (_, i) => i);
    expect([percentile(boot, 2.5), percentile(boot, 97.5)]).toEqual([49, 1949]);
  });

  it('refuses a p outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summaries', () => {
  it('summarize takes any order, sorts numerically and leaves out non-finite samples', () => {
    expect(summarize([30, 10, 20, 40, Number.NaN, 100, 9])).toEqual({
      count: 6,
      min: 9,
      p50: 20,
      p95: 100,
      p99: 100,
      max: 100,
      mean: 209 / 6,
    });
  });

  it('summarize of nothing is a count of 0 and NaN figures', () => {
    const empty = summarize([]);
    expect(empty.count).toBe(0);
    for (const key of ['min', 'p50', 'p95', 'p99', 'max', 'mean'] as const) {
      expect(empty[key]).toBeNaN();
    }
  });

  it('median is the p50: the lower middle of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('spread is p10 to p90 over the median', () => {
    expect(spread(oneToHundred)).toEqual({
      n: 100,
      median: 50,
      p10: 10,
      p90: 90,
      relSpread: 80 / 50,
    });
    expect(spread([]).n).toBe(0);
  });

  it('rounded rounds every finite figure and keeps NaN', () => {
    expect(rounded({ count: 3, p50: 1.23456, max: Number.NaN })).toEqual({
      count: 3,
      p50: 1.23,
      max: Number.NaN,
    });
  });
});

describe('pairedRatio', () => {
  it('is the ratio of medians, with a reproducible bootstrap interval around it', () => {
    const a = [10, 12, 11, 13, 12];
    const b = [5, 6, 5, 6, 6];
    const r = pairedRatio(a, b);
    expect(r.ratio).toBe(12 / 6);
    expect(r.pairs).toBe(5);
    expect(r.low).toBeLessThanOrEqual(r.ratio);
    expect(r.high).toBeGreaterThanOrEqual(r.ratio);
    expect(pairedRatio(a, b)).toEqual(r);
  });

  it('pairs by block, dropping blocks where either side is missing', () => {
    expect(pairedRatio([2, Number.NaN, 4], [1, 1, Number.NaN]).pairs).toBe(1);
    expect(pairedRatio([], []).ratio).toBeNaN();
    expect(pairedRatio([0, 0], [0, 0]).ratio).toBe(1);
  });
});

describe('maxInWindow (a sliding-log rate limit’s count)', () => {
  it('counts events less than the window apart', () => {
    expect(maxInWindow([], 10_000)).toBe(0);
    expect(maxInWindow([5], 10_000)).toBe(1);
    // 0 and 10 000 are a full window apart: the first has left when the second arrives.
    expect(maxInWindow([0, 10_000], 10_000)).toBe(1);
    expect(maxInWindow([0, 9_999], 10_000)).toBe(2);
    expect(maxInWindow([30_000, 0, 1, 2, 15_000, 15_001, 24_999], 10_000)).toBe(3);
  });

  it('finds the densest window in a steady stream', () => {
    const everyTenth = Array.from({ length: 1000 }, (_, i) => i * 100);
    expect(maxInWindow(everyTenth, 10_000)).toBe(100);
  });
});

describe('seeded shuffles', () => {
  it('are reproducible permutations', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const once = shuffled(items, seededRandom(3));
    expect(shuffled(items, seededRandom(3))).toEqual(once);
    expect([...once].sort((x, y) => x - y)).toEqual(items);
    expect(once).not.toEqual(items);
  });
});

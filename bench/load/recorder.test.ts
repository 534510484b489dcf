import { describe, expect, it } from 'vitest';
import { Recorder, isSuccess, percentile, summarize } from './stats.ts';

describe('load-test statistics', () => {
  it('percentiles are nearest-rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('summarizes unsorted latencies', () => {
    expect(summarize([30, 10, 20, 40])).toEqual({
      count: 4,
      p50: 20,
      p95: 40,
      p99: 40,
      max: 40,
      mean: 25,
    });
  });

  it('counts anything but a 2xx as an error, by status or failure name', () => {
    const recorder = new Recorder();
    recorder.record('a', 1, 200);
    recorder.record('a', 2, 201);
    recorder.record('b', 3, 503);
    recorder.record('b', 4, 'ECONNRESET');
    const report = recorder.report(2000);
    expect(report.requests).toBe(4);
    expect(report.throughputPerSecond).toBe(2);
    expect(report.errors).toEqual({ total: 2, byStatus: { '503': 1, ECONNRESET: 1 } });
    expect(report.byKind.b).toMatchObject({ count: 2, errors: 2 });
    expect(report.byKind.a).toMatchObject({ count: 2, errors: 0 });
    expect([isSuccess(204), isSuccess(304), isSuccess('timeout')]).toEqual([true, false, false]);
  });
});

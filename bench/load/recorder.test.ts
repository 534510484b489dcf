import { describe, expect, it } from 'vitest';
import { Recorder, isSuccess, latencySummary } from './recorder.ts';

describe('load-test bookkeeping', () => {
  it('summarizes latencies with the shared statistics, rounded for the report', () => {
    expect(latencySummary([30.123, 10, 20, 40])).toEqual({
      count: 4,
      min: 10,
      p50: 20,
      p95: 40,
      p99: 40,
      max: 40,
      mean: 25.03,
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

import { rounded, summarize, type Summary } from '../stats.ts';

/** Latency and error bookkeeping of the load test's request mix, kept apart for its tests. */

/** What ended a request: its HTTP status, or the name of the network failure. */
export type Outcome = number | string;

/** A summary for a report: figures rounded to 0.01 ms. */
export const latencySummary = (values: Iterable<number>): Summary => rounded(summarize(values));

export class Recorder {
  private readonly latencies: number[] = [];
  private readonly byKind = new Map<string, { latencies: number[]; errors: number }>();
  private readonly errorCounts = new Map<string, number>();
  private readonly statusCounts = new Map<string, number>();

  record(kind: string, ms: number, outcome: Outcome): void {
    this.latencies.push(ms);
    let entry = this.byKind.get(kind);
    if (entry === undefined) {
      entry = { latencies: [], errors: 0 };
      this.byKind.set(kind, entry);
    }
    entry.latencies.push(ms);
    const key = String(outcome);
    this.statusCounts.set(key, (this.statusCounts.get(key) ?? 0) + 1);
    if (!isSuccess(outcome)) {
      entry.errors += 1;
      this.errorCounts.set(key, (this.errorCounts.get(key) ?? 0) + 1);
    }
  }

  get count(): number {
    return this.latencies.length;
  }

  get errorCount(): number {
    let total = 0;
    for (const n of this.errorCounts.values()) total += n;
    return total;
  }

  report(elapsedMs: number) {
    const sortedEntries = (map: Map<string, number>) =>
      Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return {
      requests: this.count,
      throughputPerSecond: Math.round((this.count / (elapsedMs / 1000)) * 10) / 10,
      latencyMs: latencySummary(this.latencies),
      statuses: sortedEntries(this.statusCounts),
      errors: { total: this.errorCount, byStatus: sortedEntries(this.errorCounts) },
      byKind: Object.fromEntries(
        [...this.byKind.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([kind, { latencies, errors }]) => [kind, { ...latencySummary(latencies), errors }]),
      ),
    };
  }
}

export type LoadReport = ReturnType<Recorder['report']>;

/** Every request of the mix is valid, so anything but a 2xx is an error. */
export function isSuccess(outcome: Outcome): boolean {
  return typeof outcome === 'number' && outcome >= 200 && outcome < 300;
}

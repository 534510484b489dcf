/** Latency and error bookkeeping of the load test, kept apart so it can be unit-tested. */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending values; 0 for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.length === 0 ? 0 : sum / sorted.length),
  };
}

/** What ended a request: its HTTP status, or the name of the network failure. */
export type Outcome = number | string;

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
      latencyMs: summarize(this.latencies),
      statuses: sortedEntries(this.statusCounts),
      errors: { total: this.errorCount, byStatus: sortedEntries(this.errorCounts) },
      byKind: Object.fromEntries(
        [...this.byKind.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([kind, { latencies, errors }]) => [kind, { ...summarize(latencies), errors }]),
      ),
    };
  }
}

export type LoadReport = ReturnType<Recorder['report']>;

/** Every request of the mix is valid, so anything but a 2xx is an error. */
export function isSuccess(outcome: Outcome): boolean {
  return typeof outcome === 'number' && outcome >= 200 && outcome < 300;
}

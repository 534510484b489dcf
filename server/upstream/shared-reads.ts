import { createHash } from 'node:crypto';

/**
 * Reads that many agents ask at once (a view's head poll, a view's count, the agent
 * directory) cost the location's budget once (decision 0013):
 *
 * - identical GETs in flight share one upstream request (coalescing);
 * - a successful answer is reused for `ttlMs` (a short cache).
 *
 * Both are keyed by the caller's credential as well as the URL, so no answer ever crosses
 * from one token to another; the credential is kept only as a hash. A write by a
 * credential starts a new generation of its keys: nothing cached or in flight from before
 * the write is served to its author again (other credentials may read it for at most
 * `ttlMs`, as HighLevel's own search lags writes by seconds anyway).
 */

export interface BufferedAnswer {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

interface Cached {
  answer: BufferedAnswer;
  expires: number;
}

export class SharedReads {
  private readonly inFlight = new Map<string, Promise<BufferedAnswer>>();
  private readonly cache = new Map<string, Cached>();
  /** Per credential hash: bumped by each write, part of every key. */
  private readonly generations = new Map<string, number>();
  /** Counters for the log and the load report. */
  readonly stats = { coalesced: 0, cached: 0, fetched: 0 };

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer to a GET: from the cache, from an identical request in flight, or `fetch`'s. */
  async read(
    credential: string | null,
    url: string,
    fetch: () => Promise<BufferedAnswer>,
  ): Promise<BufferedAnswer> {
    const who = hashOf(credential);
    const key = `${who}#${this.generations.get(who) ?? 0} ${url}`;
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.expires > this.now()) {
      this.stats.cached += 1;
      return cached.answer;
    }
    const pending = this.inFlight.get(key);
    if (pending !== undefined) {
      this.stats.coalesced += 1;
      return pending;
    }
    this.stats.fetched += 1;
    const started = this.now();
    const request = fetch().then(
      (answer) => {
        this.inFlight.delete(key);
        // Only whole successes are reused; an error is asked again next time.
        if (answer.status === 200 && this.ttlMs > 0) {
          this.cache.set(key, { answer, expires: started + this.ttlMs });
          this.prune();
        }
        return answer;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, request);
    return request;
  }

  /** A write by `credential` is on its way: what was read before it is not served again. */
  wrote(credential: string | null): void {
    const who = hashOf(credential);
    this.generations.set(who, (this.generations.get(who) ?? 0) + 1);
    const prefix = `${who}#`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  private prune(): void {
    if (this.cache.size < 1000) return;
    const now = this.now();
    for (const [key, entry] of this.cache) if (entry.expires <= now) this.cache.delete(key);
  }
}

function hashOf(credential: string | null): string {
  return credential === null ? '-' : createHash('sha256').update(credential).digest('base64url');
}

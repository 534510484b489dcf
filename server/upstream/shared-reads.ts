import { createHash } from 'node:crypto';

/**
 * Reads that many agents ask at once (a view's head poll, a view's count, the agent
 * directory) cost the location's budget once (decision 0013):
 *
 * - identical GETs in flight share one upstream request (coalescing);
 * - a successful answer is reused for `ttlMs` (a short cache).
 *
 * Both are keyed by the caller's credential as well as the URL, so no answer ever crosses
 * from one token to another; the credential is kept only as a hash. An answer is never
 * given to an author whose write came after it was asked for: each author (a browser tab,
 * named by its session id, or else its credential) has a time of its last write, and a
 * cached or in-flight read that started before it is not theirs to share — they ask anew,
 * and the fresher answer then serves everyone. Other agents may read what was true up to
 * `ttlMs` ago, as HighLevel's own search lags writes by seconds anyway.
 */

export interface BufferedAnswer {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

interface Shared {
  answer: Promise<BufferedAnswer>;
  /** When it was asked for: an author who wrote after this must not get it. */
  startedAt: number;
  /** Until when it may be reused once answered; in flight until then. */
  expires: number;
}

/** Who a request is for: the credential it carries, and the author within it. */
export interface Caller {
  credential: string | null;
  /** A tab's own id (Parley's browser sends one); null treats the credential as one author. */
  session: string | null;
}

export class SharedReads {
  private readonly reads = new Map<string, Shared>();
  /** Per author (hashed): when their latest write began. */
  private readonly lastWrite = new Map<string, number>();
  /** Counters for the log and the load report. */
  readonly stats = { coalesced: 0, cached: 0, fetched: 0 };

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer to a GET: from the cache, from an identical request in flight, or `fetch`'s. */
  async read(
    caller: Caller,
    url: string,
    fetch: () => Promise<BufferedAnswer>,
  ): Promise<BufferedAnswer> {
    const key = `${hashOf(caller.credential)} ${url}`;
    const shared = this.reads.get(key);
    const wroteAt = this.lastWrite.get(authorOf(caller)) ?? -Infinity;
    if (shared !== undefined && shared.startedAt > wroteAt && shared.expires > this.now()) {
      if (shared.expires === Infinity) this.stats.coalesced += 1;
      else this.stats.cached += 1;
      return shared.answer;
    }
    this.stats.fetched += 1;
    const entry: Shared = { answer: fetch(), startedAt: this.now(), expires: Infinity };
    this.reads.set(key, entry);
    entry.answer.then(
      (answer) => {
        // Only whole successes are reused; an error is asked again next time.
        const reusable = answer.status === 200 && this.ttlMs > 0;
        if (reusable) entry.expires = entry.startedAt + this.ttlMs;
        if (!reusable && this.reads.get(key) === entry) this.reads.delete(key);
        this.prune();
      },
      () => {
        if (this.reads.get(key) === entry) this.reads.delete(key);
      },
    );
    return entry.answer;
  }

  /** A write by this caller is on its way: what was asked before it is not served to them. */
  wrote(caller: Caller): void {
    // Strictly later than any read started in the same millisecond.
    this.lastWrite.set(authorOf(caller), this.now() + 1);
  }

  private prune(): void {
    if (this.reads.size < 1000) return;
    const now = this.now();
    for (const [key, entry] of this.reads) if (entry.expires <= now) this.reads.delete(key);
    // Writes older than any cache entry can no longer hide one.
    for (const [author, at] of this.lastWrite) {
      if (at < now - this.ttlMs - 60_000) this.lastWrite.delete(author);
    }
  }
}

function hashOf(value: string | null): string {
  return value === null ? '-' : createHash('sha256').update(value).digest('base64url');
}

const authorOf = (caller: Caller) =>
  `${hashOf(caller.credential)}/${caller.session === null ? '-' : hashOf(caller.session)}`;

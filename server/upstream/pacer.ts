import {
  RateWindow,
  TurnQueue,
  type HeaderSource,
  type RateLimitState,
} from '../../src/api/contract/rate-window.ts';

/**
 * In proxy mode the server is the location's one client (decision 0013): every agent's
 * request to the upstream API passes this pacer, which keeps the location inside its burst
 * limit (the sliding window in src/api/contract/rate-window.ts, learning from the upstream's
 * `x-ratelimit-*` headers and 429s). Requests wait in one queue, writes before reads. A
 * request whose turn is further off than `maxHoldMs` is not held (the agent would see
 * nothing happen): it is told to come back, and the browser's gate shows the wait.
 */

export class ComeBackLater extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limit: come back in ${waitMs} ms`);
  }
}

export interface PacerOptions {
  /** What is known before any answer: the contract's limit, or null to learn it. */
  limit: RateLimitState | null;
  /** The share of the limit kept in reserve, for requests whose answers are still coming. */
  headroom?: number;
  /** How much longer than the interval each send is counted (see RateWindow). */
  marginMs?: number;
  /** The longest a read is held before it is told to come back. */
  maxHoldMs?: number;
  /**
   * The longest a write is held. Longer: the agent already sees the change (it is
   * optimistic), and holding it keeps it first in line; under the browser's 15 s timeout.
   */
  maxWriteHoldMs?: number;
  now?: () => number;
}

export class UpstreamPacer {
  private readonly queue: TurnQueue;
  private readonly maxHoldMs: number;
  private readonly maxWriteHoldMs: number;
  private readonly now: () => number;

  constructor(options: PacerOptions) {
    this.now = options.now ?? Date.now;
    const window = new RateWindow(options.limit, options.headroom ?? 0, options.marginMs ?? 0);
    this.queue = new TurnQueue(window, this.now);
    this.maxHoldMs = options.maxHoldMs ?? 1500;
    this.maxWriteHoldMs = options.maxWriteHoldMs ?? 11_000;
  }

  /** Resolves when the request may go; rejects with ComeBackLater when its turn is too far. */
  acquire(write: boolean, signal?: AbortSignal): Promise<void> {
    if (this.queue.enter()) return Promise.resolve();
    const wait = this.expectedWait(write);
    if (wait > (write ? this.maxWriteHoldMs : this.maxHoldMs)) {
      return Promise.reject(new ComeBackLater(wait));
    }
    return this.queue.wait(write, signal);
  }

  /** Learns from an upstream answer; for a 429, how long before sending it again. */
  observe(status: number, headers: HeaderSource): number | null {
    const wait = this.queue.window.observe(status, headers, this.now());
    this.queue.pump();
    return wait;
  }

  /** Sends in the current window: for the log and the load report. */
  used(): number {
    return this.queue.window.used(this.now());
  }

  /**
   * Roughly how long a new request would wait: until the window frees, plus one slot's
   * share of the interval for each request already ahead of it.
   */
  private expectedWait(write: boolean): number {
    const { window } = this.queue;
    return window.delay(this.now()) + this.queue.ahead(write) * window.spacingMs();
  }
}

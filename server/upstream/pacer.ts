import {
  RateWindow,
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

interface Waiter {
  write: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
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
  private readonly window: RateWindow;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly maxHoldMs: number;
  private readonly maxWriteHoldMs: number;
  private readonly now: () => number;

  constructor(options: PacerOptions) {
    this.window = new RateWindow(options.limit, options.headroom ?? 0, options.marginMs ?? 0);
    this.maxHoldMs = options.maxHoldMs ?? 1500;
    this.maxWriteHoldMs = options.maxWriteHoldMs ?? 11_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves when the request may go; rejects with ComeBackLater when its turn is too far. */
  acquire(write: boolean, signal?: AbortSignal): Promise<void> {
    const wait = this.expectedWait(write);
    if (wait === 0 && this.queue.length === 0) {
      this.window.sent(this.now());
      return Promise.resolve();
    }
    if (wait > (write ? this.maxWriteHoldMs : this.maxHoldMs)) {
      return Promise.reject(new ComeBackLater(wait));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        write,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index !== -1) this.queue.splice(index, 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      const at = write ? this.queue.findIndex((w) => !w.write) : -1;
      this.queue.splice(at === -1 ? this.queue.length : at, 0, waiter);
      this.pump();
    });
  }

  /** Learns from an upstream answer; for a 429, how long before sending it again. */
  observe(status: number, headers: HeaderSource): number | null {
    const wait = this.window.observe(status, headers, this.now());
    this.pump();
    return wait;
  }

  /** Sends in the current window: for the log and the load report. */
  used(): number {
    return this.window.used(this.now());
  }

  /**
   * Roughly how long a new request would wait: until the window frees, plus one slot's
   * share of the interval for each request already ahead of it.
   */
  private expectedWait(write: boolean): number {
    const now = this.now();
    const ahead = write ? this.queue.filter((w) => w.write).length : this.queue.length;
    const free = this.window.delay(now);
    if (ahead === 0) return free;
    return free + ahead * this.window.spacingMs();
  }

  private pump(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    let delay = this.window.delay(this.now());
    while (this.queue.length > 0 && delay === 0) {
      const waiter = this.queue.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.window.sent(this.now());
      waiter.resolve();
      delay = this.window.delay(this.now());
    }
    if (this.queue.length > 0) this.timer = setTimeout(() => this.pump(), Math.max(1, delay));
  }
}

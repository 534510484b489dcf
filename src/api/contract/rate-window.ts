/**
 * How a client stays inside an API's burst limit, shared by the browser's client
 * (src/api/rate-gate.ts) and the server's upstream pacer (server/upstream/pacer.ts).
 *
 * It keeps its own log of send times and learns the limit from the `x-ratelimit-*`
 * headers (src/api/contract/highlevel.ts). A sliding log is the strictest reading of "100
 * requests per 10 s": a client that never has more than `max` sends in any window passes
 * any server's way of counting. What it cannot see (other clients spending the same
 * budget) it learns from `x-ratelimit-remaining` and from 429s, whose wait it takes from
 * `Retry-After` when sent, else from its own log, else by backing off.
 *
 * Browser-free and dependency-free.
 */

export interface RateLimitState {
  max: number;
  intervalMs: number;
}

const HEADER_MAX = 'x-ratelimit-max';
const HEADER_INTERVAL = 'x-ratelimit-interval-milliseconds';
const HEADER_REMAINING = 'x-ratelimit-remaining';

/** Headers as both fetch's Headers and a plain lookup can give them. */
export interface HeaderSource {
  get(name: string): string | null;
}

function readInt(headers: HeaderSource, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return null;
  return Number(raw);
}

/** Seconds or an HTTP date → milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class RateWindow {
  /** Send times within the last interval, oldest first. */
  private sends: number[] = [];
  private limit: RateLimitState | null;
  /** Nothing may be sent before this (a 429's wait, or a budget reported spent). */
  private blockedUntil = 0;
  /** 429s in a row that named no wait: how far to back off. */
  private strikes = 0;

  /**
   * @param limit what is known before any answer (the contract's), or null to learn it
   * @param headroom the share of `max` kept in reserve, for requests in flight whose
   *   answers have not yet said what is left
   * @param marginMs how much longer than the interval a send is counted: requests sent
   *   an interval apart can arrive closer together than that
   */
  constructor(
    limit: RateLimitState | null = null,
    private readonly headroom = 0,
    private readonly marginMs = 0,
  ) {
    this.limit = limit;
  }

  private allowed(): number {
    const max = this.limit?.max ?? Infinity;
    return Math.max(1, max - Math.ceil(max * this.headroom));
  }

  /** Milliseconds until a send is allowed; 0 when one may go now. */
  delay(now: number): number {
    this.prune(now);
    let wait = this.blockedUntil - now;
    if (this.limit !== null) {
      const allowed = this.allowed();
      if (this.sends.length >= allowed) {
        const oldest = this.sends[this.sends.length - allowed] as number;
        wait = Math.max(wait, oldest + this.limit.intervalMs + this.marginMs - now);
      }
    }
    return Math.max(0, wait);
  }

  /** On average, how far apart sends go once the budget is spent. */
  spacingMs(): number {
    if (this.limit === null) return 0;
    return this.limit.intervalMs / this.allowed();
  }

  /** Records a send; call it when the request leaves. */
  sent(now: number): void {
    this.sends.push(now);
  }

  /** Sends in the current window. */
  used(now: number): number {
    this.prune(now);
    return this.sends.length;
  }

  /**
   * Learns from an answer. Returns how long to wait before sending this request again
   * when it was refused for the rate (429), else null.
   */
  observe(status: number, headers: HeaderSource, now: number): number | null {
    const max = readInt(headers, HEADER_MAX);
    const intervalMs = readInt(headers, HEADER_INTERVAL);
    if (max !== null && max > 0 && intervalMs !== null && intervalMs > 0) {
      this.limit = { max, intervalMs };
    }
    if (status === 429) {
      const stated = retryAfterMs(headers.get('retry-after'), now);
      const wait = stated ?? this.guess(now);
      if (stated === null) this.strikes += 1;
      this.blockedUntil = Math.max(this.blockedUntil, now + wait);
      return wait;
    }
    this.strikes = 0;
    const remaining = readInt(headers, HEADER_REMAINING);
    if (remaining !== null && this.limit !== null) {
      // Others spend the same budget: count what they spent as sent now (the latest it
      // could have been), so this client never asks for more than is left.
      this.prune(now);
      const unseen = this.limit.max - remaining - this.sends.length;
      for (let i = 0; i < unseen; i++) this.sends.push(now);
    }
    if (remaining === 0 && this.limit !== null) {
      // Spent, perhaps by others: the next send would be refused until a slot frees; our
      // own oldest send leaving the window frees one for sure.
      this.prune(now);
      const oldest = this.sends[0];
      const { intervalMs, max } = this.limit;
      const frees = oldest === undefined ? now + intervalMs / max : oldest + intervalMs;
      this.blockedUntil = Math.max(this.blockedUntil, frees);
    }
    return null;
  }

  /**
   * A 429 without Retry-After. When our own sends filled the window, until the oldest of
   * them leaves it; otherwise (others share the budget, or the limit is not known yet)
   * back off 1 s, 2 s, 4 s… up to the interval.
   */
  private guess(now: number): number {
    this.prune(now);
    if (this.limit !== null && this.strikes === 0 && this.sends.length >= this.limit.max) {
      const oldest = this.sends[this.sends.length - this.limit.max] as number;
      return Math.max(250, oldest + this.limit.intervalMs - now);
    }
    return Math.min(this.limit?.intervalMs ?? 10_000, 1000 * 2 ** this.strikes);
  }

  private prune(now: number): void {
    const interval = (this.limit?.intervalMs ?? 10_000) + this.marginMs;
    let drop = 0;
    while (drop < this.sends.length && (this.sends[drop] as number) <= now - interval) drop += 1;
    if (drop > 0) this.sends.splice(0, drop);
  }
}

interface Waiter {
  write: boolean;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Requests waiting for a window's turn, writes before reads (an agent's change must not
 * queue behind polls), each let go when the window allows, itself counted as sent. Used by
 * the browser's gate and the server's pacer alike.
 */
export class TurnQueue {
  private readonly waiting: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param onWait told, after each change, until when requests wait (0: none do)
   */
  constructor(
    readonly window: RateWindow,
    private readonly now: () => number,
    private readonly onWait: (until: number) => void = () => undefined,
  ) {}

  /** Counts a request as sent and returns true when it may go now and none waits before it. */
  enter(): boolean {
    if (this.waiting.length > 0 || this.window.delay(this.now()) > 0) return false;
    this.window.sent(this.now());
    return true;
  }

  /** Requests waiting that a request of this kind would queue behind. */
  ahead(write: boolean): number {
    return write ? this.waiting.filter((w) => w.write).length : this.waiting.length;
  }

  /** Resolves when this request's turn comes (counting it as sent); rejects if its caller leaves. */
  wait(write: boolean, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        write,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiting.indexOf(waiter);
          if (index !== -1) this.waiting.splice(index, 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      const at = write ? this.waiting.findIndex((w) => !w.write) : -1;
      this.waiting.splice(at === -1 ? this.waiting.length : at, 0, waiter);
      this.pump();
    });
  }

  /** Lets go every request whose turn has come; call it whenever the window may have changed. */
  pump(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    let delay = this.window.delay(this.now());
    while (this.waiting.length > 0 && delay === 0) {
      const waiter = this.waiting.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.window.sent(this.now());
      waiter.resolve();
      delay = this.window.delay(this.now());
    }
    const waits = this.waiting.length > 0;
    this.onWait(waits ? this.now() + delay : 0);
    if (waits) this.timer = setTimeout(() => this.pump(), Math.max(1, delay));
  }
}

import { RateWindow } from './contract/rate-window.ts';
import type { HeaderSource } from './contract/rate-window.ts';
import type { Connection } from './model.ts';

/**
 * The browser's side of an API's rate limit (decision 0013): every request to one API
 * passes its gate. While the budget the API reports is spent, or after a 429, requests
 * wait here (writes first) and go out by themselves when it frees, so a view resumes and a
 * write is never lost; meanwhile the gate says how long it is waiting, for the agent to
 * read ("Waiting for HighLevel's rate limit (7 s)").
 *
 * The window learns the limit from the answers' `x-ratelimit-*` headers, so against an API
 * that sends none (Parley's own server in proxy mode, which paces for everyone) the gate
 * only ever waits when told to by a 429.
 */

interface Waiter {
  write: boolean;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class RateGate {
  // A tenth in reserve: several requests may be in flight before an answer says what is left.
  private readonly window = new RateWindow(null, 0.1);
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private until = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    /** The API's name, as the agent knows it. */
    readonly label: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts the request as sent and returns true when it may go now; false when it must
   * `acquire` its turn. Synchronous, so a request the budget allows leaves at once.
   */
  enter(): boolean {
    if (this.queue.length > 0 || this.window.delay(this.now()) > 0) return false;
    this.window.sent(this.now());
    return true;
  }

  /** Resolves when this request may be sent (and counts it as sent). */
  acquire(write: boolean, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.enter()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        write,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      // Writes go before every waiting read: an agent's change must not queue behind polls.
      const at = write ? this.queue.findIndex((w) => !w.write) : -1;
      this.queue.splice(at === -1 ? this.queue.length : at, 0, waiter);
      this.pump();
    });
  }

  /**
   * Learns from an answer; for a 429 returns how long the request will wait before it is
   * sent again (it must then `acquire` again), else null.
   */
  observe(status: number, headers: HeaderSource): number | null {
    const wait = this.window.observe(status, headers, this.now());
    this.pump();
    return wait;
  }

  /** When the current wait ends (epoch ms), or 0 when nothing waits: for the UI. */
  readonly waitingUntil = (): number => this.until;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

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
    const waiting = this.queue.length > 0 && delay > 0;
    this.announce(waiting ? this.now() + delay : 0);
    if (waiting) this.timer = setTimeout(() => this.pump(), delay);
  }

  private announce(until: number): void {
    if (until === this.until) return;
    this.until = until;
    for (const listener of this.listeners) listener();
  }
}

const gates = new Map<string, RateGate>();

/**
 * The one gate of an API: its base URL and tenant (the limit is per location), shared by
 * every provider made for it, whoever's token it carries.
 */
export function rateGateFor(
  connection: Pick<Connection, 'baseUrl' | 'tenantId'>,
  label: string,
): RateGate {
  const key = `${connection.baseUrl}\u0000${connection.tenantId}`;
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = new RateGate(label)));
  return gate;
}

import { RateWindow, TurnQueue, type HeaderSource } from './contract/rate-window.ts';
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

export class RateGate {
  private readonly queue: TurnQueue;
  private until = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    /** The API's name, as the agent knows it. */
    readonly label: string,
    private readonly now: () => number = Date.now,
  ) {
    // A tenth in reserve: several requests may be in flight before an answer says what is left.
    this.queue = new TurnQueue(new RateWindow(null, 0.1), now, (until) => this.announce(until));
  }

  /**
   * Counts the request as sent and returns true when it may go now; false when it must
   * `acquire` its turn. Synchronous, so a request the budget allows leaves at once.
   */
  enter(): boolean {
    return this.queue.enter();
  }

  /** Resolves when this request may be sent (and counts it as sent). */
  acquire(write: boolean, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.queue.enter()) return Promise.resolve();
    return this.queue.wait(write, signal);
  }

  /**
   * Learns from an answer; for a 429 returns how long the request will wait before it is
   * sent again (it must then `acquire` again), else null.
   */
  observe(status: number, headers: HeaderSource): number | null {
    const wait = this.queue.window.observe(status, headers, this.now());
    this.queue.pump();
    return wait;
  }

  /** When the current wait ends (epoch ms), or 0 when nothing waits: for the UI. */
  readonly waitingUntil = (): number => this.until;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

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

import { AsyncLocalStorage } from 'node:async_hooks';
import { ApiError, type Transport } from '../../src/api/client.ts';
import {
  defaultFilters,
  type Conversation,
  type InboxFilters,
  type Provider,
} from '../../src/api/model.ts';
import { createHighLevelProvider } from '../../src/api/providers/highlevel.ts';
import { RateGate } from '../../src/api/rate-gate.ts';
import { readRetryDelay, retryRead } from '../../src/api/read-retries.ts';
import type { Rng } from '../../server/seed/prng.ts';

/**
 * One simulated agent of the team scenario, doing what the browser does, through the
 * browser's own code: the HighLevel adapter (src/api/providers/highlevel.ts: the same
 * queries, the same tie-safe paging, the same reading of answers) and its own rate gate
 * (src/api/rate-gate.ts: on a 429 it waits — Retry-After when sent, else backing off — and
 * sends again, writes first), with React Query's retries of failed reads
 * (src/api/read-retries.ts).
 *
 * What it does, on the browser's schedule:
 *
 * - opens its view: the list's first page, the agent directory, and the counts on screen
 *   (the five built-in views of the rail, src/inbox/views/view-filters.ts, and the list
 *   summary's total and unread of the view, src/inbox/list/list-summary.tsx; the same
 *   filters are one request, as React Query shares a key);
 * - scrolls three more pages, reading a few seconds between them;
 * - polls its view's newest 25 every 15 s (src/inbox/live/use-live-view.ts) and refreshes
 *   the rail's counts every 60 s (src/inbox/views/views-rail.tsx);
 * - now and then stars or unstars a conversation it has loaded, after which every count on
 *   screen is fetched again (src/inbox/actions/use-update-conversation.ts).
 *
 * Every provider call is an operation; its time, from the call to its answer, includes
 * any wait at the gate: that is what the agent sees.
 */

export const HEAD_SIZE = 25;
export const HEAD_POLL_MS = 15_000;
export const COUNT_REFRESH_MS = 60_000;
export const SCROLL_PAGES = 3;
/** Per attempt, as the browser's client (src/api/client.ts, DEFAULT_TIMEOUT_MS). */
const ATTEMPT_TIMEOUT_MS = 15_000;

const view = (filters: Partial<InboxFilters>): InboxFilters => ({ ...defaultFilters, ...filters });

/** The rail's built-in views, as their filters on HighLevel (src/inbox/views/view-filters.ts). */
export const RAIL_VIEWS: Readonly<Record<string, InboxFilters>> = {
  All: view({}),
  Mine: view({ assignee: ['me'] }),
  Unassigned: view({ assignee: ['unassigned'] }),
  Unread: view({ read: 'unread' }),
  Starred: view({ starred: true }),
};

/**
 * The views agents work in: mostly the rail's, some saved views of their own (a message
 * type, a direction, a search). Weights are how many agents of a hundred open each.
 */
export const TEAM_VIEWS: readonly (readonly [InboxFilters, number])[] = [
  [RAIL_VIEWS.All as InboxFilters, 30],
  [RAIL_VIEWS.Unread as InboxFilters, 20],
  [RAIL_VIEWS.Mine as InboxFilters, 15],
  [RAIL_VIEWS.Unassigned as InboxFilters, 10],
  [RAIL_VIEWS.Starred as InboxFilters, 5],
  [view({ messageType: 'TYPE_SMS' }), 5],
  [view({ messageType: 'TYPE_EMAIL', read: 'unread' }), 5],
  [view({ direction: 'inbound', assignee: ['me'] }), 5],
  [view({ q: 'refund' }), 3],
  [view({ q: 'invoice' }), 2],
];

/** The failure of an operation still unanswered when the run ended (after its grace). */
export const UNFINISHED = 'unanswered at the end';

export type OperationKind = 'open' | 'scroll' | 'agents' | 'count' | 'poll' | 'star';

export interface Operation {
  kind: OperationKind;
  /** Epoch ms. */
  start: number;
  ms: number;
  /** Null when it succeeded; else what the agent would be told. */
  failure: string | null;
  /** 429s its requests met on the way: the proxy's "come back in n s" (with Retry-After) or HighLevel's own (passed through, without). */
  paced429: number;
  upstream429: number;
  /** Time spent waiting at the gate, ms. */
  gateMs: number;
}

interface Attempts {
  paced429: number;
  upstream429: number;
  gateMs: number;
}

/** The operation a request belongs to (operations overlap: counts go out with the list). */
const operationTally = new AsyncLocalStorage<Attempts>();

export interface AgentOptions {
  /** The Parley server, e.g. http://127.0.0.1:4280. */
  origin: string;
  tenantId: string;
  meId: string;
  rng: Rng;
  /** Mean time between two stars of one agent. */
  starEveryMs: number;
  now?: () => number;
}

/**
 * A transport with the agent's own gate in it: one per agent, as each browser tab has its
 * own. The adapter's gate (shared by everything in this process, being keyed by the API)
 * never sees a 429 and Parley's proxy sends no x-ratelimit headers, so it never holds.
 * Each attempt gets the browser's 15 s; the wait at the gate is outside it, as in the
 * browser.
 */
function gatedTransport(gate: RateGate): Transport {
  return async (url, init) => {
    const write = (init.method ?? 'GET') !== 'GET';
    const tally = operationTally.getStore() ?? { paced429: 0, upstream429: 0, gateMs: 0 };
    for (;;) {
      const waitStart = performance.now();
      await gate.acquire(write);
      tally.gateMs += performance.now() - waitStart;
      const response = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const body = await response.arrayBuffer();
      if (response.status === 429) {
        if (response.headers.get('retry-after') === null) tally.upstream429 += 1;
        else tally.paced429 += 1;
      }
      if (gate.observe(response.status, response.headers) !== null) continue;
      return new Response(body, { status: response.status, headers: response.headers });
    }
  };
}

export class TeamAgent {
  readonly operations: Operation[] = [];
  private readonly provider: Provider;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Operations not answered yet: at the end, each is recorded as still waiting. */
  private readonly unfinished = new Set<{ record(failure: string | null): void }>();
  private stopped = false;
  private rows: Conversation[] = [];
  private readonly filters: InboxFilters;
  private readonly now: () => number;

  constructor(private readonly options: AgentOptions) {
    this.now = options.now ?? Date.now;
    const gate = new RateGate('HighLevel', this.now);
    this.provider = createHighLevelProvider(
      {
        provider: 'highlevel',
        baseUrl: `${options.origin}/providers/highlevel`,
        tenantId: options.tenantId,
        // Proxy mode with a server token: the browser has none (server/parley-routes.ts).
        token: null,
        meId: options.meId,
      },
      gatedTransport(gate),
    );
    this.filters = options.rng.weighted(TEAM_VIEWS);
  }

  /** The counts on screen: the rail's five, the summary's two; one request per filters. */
  private countsOnScreen(): InboxFilters[] {
    const all = [
      ...Object.values(RAIL_VIEWS),
      this.filters,
      // HighLevel cannot count the unread among starred (list-summary.tsx).
      ...(this.filters.starred ? [] : [{ ...this.filters, read: 'unread' as const }]),
    ];
    const seen = new Set<string>();
    return all.filter((f) => {
      const key = JSON.stringify(f);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Runs one operation (with React Query's retries when it is a read) and records it. */
  private operate<T>(kind: OperationKind, run: () => Promise<T>, read = true): Promise<T | null> {
    const attempts: Attempts = { paced429: 0, upstream429: 0, gateMs: 0 };
    const start = this.now();
    const began = performance.now();
    const attempt = async (failures: number): Promise<T> => {
      try {
        return await operationTally.run(attempts, run);
      } catch (error) {
        if (!read || !retryRead(failures, error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, readRetryDelay(failures, error)));
        return attempt(failures + 1);
      }
    };
    const pending = {
      record: (failure: string | null) => this.record(kind, start, began, attempts, failure),
    };
    const done = attempt(0).then(
      (value) => {
        if (this.unfinished.delete(pending)) pending.record(null);
        return value;
      },
      (error: unknown) => {
        if (this.unfinished.delete(pending)) pending.record(describe(error));
        return null;
      },
    );
    this.unfinished.add(pending);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return done;
  }

  private record(
    kind: OperationKind,
    start: number,
    began: number,
    a: Attempts,
    failure: string | null,
  ): void {
    this.operations.push({
      kind,
      start,
      ms: performance.now() - began,
      failure,
      paced429: a.paced429,
      upstream429: a.upstream429,
      gateMs: a.gateMs,
    });
  }

  private later(ms: number, run: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }

  private every(ms: number, run: () => void): void {
    this.later(ms, () => {
      run();
      this.every(ms, run);
    });
  }

  private refreshCounts(counts: readonly InboxFilters[]): void {
    for (const filters of counts) {
      void this.operate('count', () => this.provider.list({ filters, cursor: null, limit: 1 }));
    }
  }

  /** Opens the view, then lives on the browser's schedule until `stop()`. */
  start(): void {
    const counts = this.countsOnScreen();
    void this.operate('agents', () => this.provider.agents());
    this.refreshCounts(counts);
    void this.operate('open', () =>
      this.provider.list({ filters: this.filters, cursor: null }),
    ).then((page) => {
      if (page === null) return;
      this.rows = page.items;
      void this.scroll(page.nextCursor, SCROLL_PAGES);
    });
    // The rail's counts, on their interval; the head poll once the list is shown.
    this.every(COUNT_REFRESH_MS, () => this.refreshCounts(Object.values(RAIL_VIEWS)));
    this.every(HEAD_POLL_MS, () => {
      void this.operate('poll', () =>
        this.provider.list({ filters: this.filters, cursor: null, limit: HEAD_SIZE }),
      );
    });
    this.scheduleStar(counts);
  }

  private async scroll(cursor: string | null, pages: number): Promise<void> {
    if (cursor === null || pages === 0) return;
    // Reading the rows before scrolling on.
    await new Promise<void>((resolve) => this.later(this.options.rng.int(2000, 6000), resolve));
    if (this.stopped) return;
    const page = await this.operate('scroll', () =>
      this.provider.list({ filters: this.filters, cursor }),
    );
    if (page === null) return;
    this.rows.push(...page.items);
    await this.scroll(page.nextCursor, pages - 1);
  }

  private scheduleStar(counts: readonly InboxFilters[]): void {
    const { rng, starEveryMs } = this.options;
    // Exponential gaps: stars come at random, on average every `starEveryMs`.
    const gap = -Math.log(1 - rng.next()) * starEveryMs;
    this.later(gap, () => {
      const row = this.rows.length === 0 ? null : rng.pick(this.rows);
      if (row !== null) {
        const starred = !(row.starred ?? false);
        row.starred = starred;
        void this.operate('star', () => this.provider.update(row.id, { starred }), false).then(() =>
          this.refreshCounts(counts),
        );
      }
      this.scheduleStar(counts);
    });
  }

  /** Stops scheduling; waits (up to `graceMs`) for what is in flight, so no wait goes unrecorded. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => setTimeout(resolve, graceMs)),
    ]);
    // Still waiting after the grace: the agent never got an answer. A failure, with its
    // wait so far as its time.
    for (const pending of this.unfinished) pending.record(UNFINISHED);
    this.unfinished.clear();
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiError)
    return error.status === undefined ? error.kind : `${error.kind} ${error.status}`;
  return error instanceof Error ? error.name : 'unknown';
}

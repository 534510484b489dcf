import type http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Where a slow request waited, measured on both sides of the socket (issue 13's hidden
 * stall): each event loop's delay, and its stalls with when they happened; the
 * connections the server accepted; each request's arrival at the server, the start of its
 * handling and its end. Times are epoch milliseconds from `performance.timeOrigin`, so the
 * load generator and a server thread can line them up.
 */

export const epochNow = (): number => performance.timeOrigin + performance.now();

/** The request id header the load generator sends, to match both sides' records. */
export const LOAD_ID_HEADER = 'x-load-id';

export interface LoopStall {
  /** When the late tick ran (epoch ms). */
  at: number;
  /** How late it ran, ms. */
  lateMs: number;
}

export interface LoopReport {
  /** From perf_hooks.monitorEventLoopDelay (10 ms resolution), ms. */
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** Ticks at least `STALL_MS` late: the loop was busy (or the thread descheduled). */
  stalls: LoopStall[];
}

const TICK_MS = 20;
export const STALL_MS = 250;

/** Watches this thread's event loop until `stop()`. */
export function watchEventLoop(): { stop(): LoopReport } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const stalls: LoopStall[] = [];
  let expected = epochNow() + TICK_MS;
  const timer = setInterval(() => {
    const now = epochNow();
    if (now - expected >= STALL_MS) stalls.push({ at: now, lateMs: Math.round(now - expected) });
    expected = now + TICK_MS;
  }, TICK_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      return {
        delayP50Ms: ms(histogram.percentile(50)),
        delayP99Ms: ms(histogram.percentile(99)),
        delayMaxMs: ms(histogram.max),
        stalls,
      };
    },
  };
}

/** One request as the server saw it, epoch ms. */
export interface ServerSide {
  id: string;
  /** Its headers were parsed ('request'). */
  arrived: number;
  /** Its handling started (after its turn, server/take-turns.ts). */
  started: number;
  /** Its answer's last byte was handed to the kernel. */
  finished: number;
}

export interface ServerSideReport {
  /** When each connection was accepted. */
  connections: number[];
  requests: ServerSide[];
}

/**
 * Records a server's connections and requests (those carrying the load id). Call
 * `started(req)` where handling begins.
 */
export function recordRequests(server: http.Server) {
  const connections: number[] = [];
  const requests: ServerSide[] = [];
  const pending = new WeakMap<http.IncomingMessage, ServerSide>();
  server.on('connection', () => connections.push(epochNow()));
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const id = req.headers[LOAD_ID_HEADER];
    if (typeof id !== 'string') return;
    const record: ServerSide = { id, arrived: epochNow(), started: Number.NaN, finished: 0 };
    pending.set(req, record);
    res.once('finish', () => {
      record.finished = epochNow();
      requests.push(record);
    });
  });
  return {
    started(req: http.IncomingMessage): void {
      const record = pending.get(req);
      if (record !== undefined) record.started = epochNow();
    },
    report: (): ServerSideReport => ({ connections, requests }),
  };
}

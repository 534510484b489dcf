import { rounded, summarize, type Summary } from '../stats.ts';
import type { LoopReport, LoopStall, ServerSide } from './diagnostics.ts';

/**
 * Splits each request's time into where it was spent, from the client's and the server's
 * records of it (matched by the x-load-id header), so that a slow request is blamed on the
 * right place:
 *
 *   queued    the client's agent had no free socket for it
 *   connect   a new TCP connection's handshake (done by the kernel, before any accept)
 *   toServer  from the socket being ready to the server parsing the request: the request
 *             sat in the kernel, on a connection not yet accepted or behind a busy loop
 *   turn      parsed, waiting for its turn (server/take-turns.ts)
 *   handler   the server's own work (routing, SQLite, JSON) until the answer's last byte
 *             was handed to the kernel
 *   back      from there to the client reading the answer's headers: the client's loop
 *   body      reading the rest of the answer
 */

/** One request's path through the client, epoch ms. */
export interface Timing {
  id: string;
  kind: string;
  /** `send` was called. */
  start: number;
  /** The agent handed the request a socket (at once when one was free). */
  socket: number;
  /** A new connection's handshake completed; null on a reused one. */
  connected: number | null;
  /** The answer's headers arrived. */
  headers: number;
  end: number;
}

export const PARTS = ['queued', 'connect', 'toServer', 'turn', 'handler', 'back', 'body'] as const;
export type Part = (typeof PARTS)[number];

export interface Breakdown {
  id: string;
  kind: string;
  start: number;
  totalMs: number;
  /** NaN where the server never saw the request (it timed out first). */
  parts: Record<Part, number>;
}

export function breakdown(timings: readonly Timing[], server: readonly ServerSide[]): Breakdown[] {
  const byId = new Map(server.map((s) => [s.id, s]));
  return timings.map((t) => {
    const s = byId.get(t.id);
    const ready = t.connected ?? t.socket;
    return {
      id: t.id,
      kind: t.kind,
      start: t.start,
      totalMs: t.end - t.start,
      parts: {
        queued: t.socket - t.start,
        connect: t.connected === null ? 0 : t.connected - t.socket,
        toServer: (s?.arrived ?? Number.NaN) - ready,
        turn: s === undefined ? Number.NaN : s.started - s.arrived,
        handler: s === undefined ? Number.NaN : s.finished - s.started,
        back: t.headers - (s?.finished ?? Number.NaN),
        body: t.end - t.headers,
      },
    };
  });
}

export interface WhereItWaited {
  /** Each part's distribution over every request, ms. */
  parts: Record<Part, Summary>;
  /** Requests over `slowMs`, and each part's share of their time. */
  slowMs: number;
  slow: { count: number; sumMs: Record<Part, number> };
  /** The slowest requests, with their parts. */
  slowest: Breakdown[];
  /** Each loop's delay, and its stalls over `STALL_MS` (only how many and the longest). */
  loops: Record<
    'client' | 'server',
    Omit<LoopReport, 'stalls'> & { stalls: number; longestStallMs: number }
  >;
  /** Connections accepted, and how long after the run's start the last was accepted. */
  connections: { accepted: number; lastAcceptedAfterMs: number };
}

export function whereItWaited(
  timings: readonly Timing[],
  server: { requests: readonly ServerSide[]; connections: readonly number[] },
  loops: { client: LoopReport; server: LoopReport },
  runStart: number,
  slowMs = 2000,
  listed = 10,
): WhereItWaited {
  const all = breakdown(timings, server.requests);
  const parts = Object.fromEntries(
    PARTS.map((part) => [part, rounded(summarize(all.map((b) => b.parts[part])))]),
  ) as Record<Part, Summary>;
  const slow = all.filter((b) => b.totalMs > slowMs);
  const sumMs = Object.fromEntries(
    PARTS.map((part) => {
      let sum = 0;
      for (const b of slow) if (Number.isFinite(b.parts[part])) sum += b.parts[part];
      return [part, Math.round(sum)];
    }),
  ) as Record<Part, number>;
  const slowest = [...all]
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, listed)
    .map((b) => ({ ...b, totalMs: Math.round(b.totalMs), parts: rounded(b.parts, 0) }));
  const loop = ({ stalls, ...rest }: LoopReport) => ({
    ...rest,
    stalls: stalls.length,
    longestStallMs: stalls.reduce((most, s: LoopStall) => Math.max(most, s.lateMs), 0),
  });
  const accepted = server.connections.filter((t) => t >= runStart);
  return {
    parts,
    slowMs,
    slow: { count: slow.length, sumMs },
    slowest,
    loops: { client: loop(loops.client), server: loop(loops.server) },
    connections: {
      accepted: server.connections.length,
      lastAcceptedAfterMs: Math.round(Math.max(0, ...accepted.map((t) => t - runStart))),
    },
  };
}

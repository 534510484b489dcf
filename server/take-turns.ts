import type { IncomingMessage, ServerResponse } from 'node:http';

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Requests started per turn of the event loop: one, as Node accepts one connection per turn. */
export const REQUESTS_PER_TURN = 1;

/**
 * Serves requests first come, first served, `perTurn` per turn of the event loop, giving
 * the loop back between turns.
 *
 * Why: Node accepts at most one new connection per turn of its event loop (strace shows
 * one `accept4` per `epoll_pwait`), and in one turn it serves every request that has
 * arrived on the connections it already holds. A busy server therefore let a newcomer in
 * only after a full round of everyone else's requests: in the load test (`npm run load`,
 * bench/load/), of 200 clients connecting at once the last ones waited 15–50 s for their
 * first answer, far beyond the p99, one accept per round ("Where the time went" in
 * bench/results/load-2026-12-03T15-03-15-697Z-no-turns.md: the last connection accepted
 * 15 s after the clients started). Serving one request per turn lets one
 * newcomer in per request served, and its requests queue behind the others' in arrival
 * order instead of behind every request of every other connection, round after round.
 *
 * A request waits here only while the server is busy: when idle, its turn is the same
 * loop iteration. A turn costs one extra poll of the event loop, which the load test does
 * not see in its throughput.
 */
export function takeTurns(listener: Listener, perTurn = REQUESTS_PER_TURN): Listener {
  if (!Number.isInteger(perTurn) || perTurn < 1) throw new RangeError('perTurn must be ≥ 1');
  let waiting: [IncomingMessage, ServerResponse][] = [];
  let next = 0;
  let scheduled = false;

  const turn = () => {
    scheduled = false;
    let started = 0;
    while (started < perTurn && next < waiting.length) {
      const [req, res] = waiting[next] as [IncomingMessage, ServerResponse];
      waiting[next] = undefined as never;
      next += 1;
      // A client that left while its request waited gets no answer to read.
      if (req.socket.destroyed) continue;
      started += 1;
      void listener(req, res);
    }
    if (next === waiting.length) {
      waiting = [];
      next = 0;
    } else if (next > 1024) {
      waiting = waiting.slice(next);
      next = 0;
    }
    if (next < waiting.length) schedule();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };

  return (req, res) => {
    waiting.push([req, res]);
    schedule();
  };
}

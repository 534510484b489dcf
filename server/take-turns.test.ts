import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { takeTurns } from './take-turns.ts';

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function fakeRequest(id: number, destroyed = false) {
  const req = { id, socket: { destroyed } } as unknown as http.IncomingMessage;
  return [req, {} as http.ServerResponse] as const;
}

describe('takeTurns', () => {
  it('serves first come, first served, a few per turn of the event loop', async () => {
    const served: number[] = [];
    const listener = takeTurns((req) => {
      served.push((req as unknown as { id: number }).id);
    }, 3);
    for (let id = 0; id < 8; id++) listener(...fakeRequest(id));
    expect(served).toEqual([]);
    await nextTurn();
    expect(served).toEqual([0, 1, 2]);
    await nextTurn();
    expect(served).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    expect(served).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('skips a request whose client has gone', async () => {
    const served: number[] = [];
    const listener = takeTurns((req) => {
      served.push((req as unknown as { id: number }).id);
    });
    listener(...fakeRequest(1));
    listener(...fakeRequest(2, true));
    listener(...fakeRequest(3));
    await nextTurn();
    await nextTurn();
    expect(served).toEqual([1, 3]);
  });

  it('refuses a turn of no requests', () => {
    expect(() => takeTurns(() => undefined, 0)).toThrow(RangeError);
  });
});

/**
 * The stall it fixes, counted rather than timed: keep-alive clients keep a server busy,
 * newcomers connect, and each newcomer's first request is answered after how many others?
 * Node accepts one connection per turn of its loop, so without turns a newcomer waits a
 * full round of every busy client's request per newcomer ahead of it.
 */
describe('takeTurns under load', () => {
  const BUSY = 60;
  const NEWCOMERS = 20;
  const servers: http.Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });

  async function newcomersWait(wrap: (listener: Listener) => Listener): Promise<number> {
    let served = 0;
    let accepted = 0;
    const server = http.createServer(
      wrap((_req, res) => {
        const until = performance.now() + 1;
        while (performance.now() < until);
        served += 1;
        res.end('ok');
      }),
    );
    server.on('connection', () => (accepted += 1));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: BUSY });
    let running = true;
    const get = (through: http.Agent | false = agent) =>
      new Promise<void>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, agent: through }, (res) => {
            res.resume();
            res.on('end', resolve);
          })
          .on('error', reject);
      });
    const busy = Array.from({ length: BUSY }, async () => {
      while (running) await get();
    });
    // Every busy client connected and served: the server is busy, newcomers come.
    while (accepted < BUSY || served < 4 * BUSY) await new Promise((r) => setTimeout(r, 20));
    const newcomers = Array.from({ length: NEWCOMERS }, async () => {
      const before = served;
      // A connection of its own: a newcomer.
      await get(false);
      return served - before;
    });
    const waits = await Promise.all(newcomers);
    running = false;
    await Promise.all(busy);
    agent.destroy();
    return Math.max(...waits);
  }

  it('answers a newcomer after one round of the busy clients, not a round per newcomer', async () => {
    const withTurns = await newcomersWait((listener) => takeTurns(listener));
    const without = await newcomersWait((listener) => listener);
    // Measured: 99 with turns (one round, plus the newcomers ahead), 680 without (a round
    // per newcomer accepted before it).
    expect(withTurns).toBeLessThanOrEqual(2 * BUSY);
    expect(without).toBeGreaterThan(5 * BUSY);
  });
});

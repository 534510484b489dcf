import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { getRequestListener } from '@hono/node-server';
import { createApp, HIGHLEVEL_MOUNT } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { databaseOptions, openDatabase } from '../../server/db/open-database.ts';
import { DEMO_HIGHLEVEL_USER_ID } from '../../server/seed/demo-identities.ts';
import { takeTurns } from '../../server/take-turns.ts';
import { epochNow } from './diagnostics.ts';

/**
 * One server of a team location (bench/load/team.ts), on its own thread and event loop, as
 * on its own machine:
 *
 * - `upstream`: the stand-in HighLevel, a Parley server in embedded mode that enforces
 *   `rateLimit` requests in any 10 s, with the real wire's x-ratelimit headers and a 429
 *   without Retry-After. It records every request it handles: when its limiter saw it,
 *   what it was, and whether it was refused.
 * - `proxy`: the Parley server the agents use, in proxy mode in front of the stand-in, with
 *   the demo token as its server token, pacing and shared reads on or off. It counts its
 *   answers, and the 429s it made itself ("come back in n s").
 */

export type TeamThreadInput =
  | { role: 'upstream'; dataPath: string; dir: string; rateLimit: number }
  | {
      role: 'proxy';
      upstreamUrl: string;
      dir: string;
      pacing: boolean;
      /** The stand-in's location and token: the proxy's tenant and server token. */
      tenantId: string;
      token: string;
    };

/** What the agents' requests cost upstream, by what the browser asked. */
export type UpstreamWhat = 'list' | 'poll' | 'count' | 'agents' | 'write' | 'other';

export interface UpstreamRecord {
  /** When it reached the stand-in (its headers were read), epoch ms. */
  arrived: number;
  /** When the stand-in's limiter saw it (its turn began, server/take-turns.ts), epoch ms. */
  at: number;
  status: number;
  what: UpstreamWhat;
}

export type TeamThreadReport =
  | { role: 'upstream'; requests: UpstreamRecord[] }
  | {
      role: 'proxy';
      answers: Record<string, number>;
      paced429: number;
      /** When the proxy sent each request upstream, epoch ms: what Parley controls. */
      sent: number[];
    };

export type TeamThreadMessage =
  { type: 'listening'; port: number } | { type: 'stopped'; report: TeamThreadReport };

const input = workerData as TeamThreadInput;
const port = parentPort;
if (port === null) throw new Error('team-thread.ts runs as a worker thread');

/** A search's limit says who asked: the list's page, the head poll (25) or a count (1). */
function whatOf(method: string, url: string): UpstreamWhat {
  if (method !== 'GET') return 'write';
  const { pathname, searchParams } = new URL(url, 'http://x');
  if (pathname.endsWith('/users/') || pathname.endsWith('/users')) return 'agents';
  if (!pathname.endsWith('/conversations/search')) return 'other';
  const limit = searchParams.get('limit');
  return limit === '1' ? 'count' : limit === '25' ? 'poll' : 'list';
}

let server: http.Server;
let report: () => TeamThreadReport;
let cleanup = () => {};

if (input.role === 'upstream') {
  const config = loadConfig(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      PARLEY_DATA: input.dataPath,
      PARLEY_RATE_LIMIT: String(input.rateLimit),
    },
    input.dir,
  );
  const { db } = openDatabase(databaseOptions(config));
  const listener = getRequestListener(createApp({ db, config, serveStatic: false }).fetch);
  const requests: UpstreamRecord[] = [];
  const arrivals = new WeakMap<http.IncomingMessage, number>();
  server = http.createServer();
  server.on('request', (req: http.IncomingMessage) => arrivals.set(req, epochNow()));
  server.on(
    'request',
    takeTurns((req, res) => {
      if (req.url?.startsWith(HIGHLEVEL_MOUNT)) {
        const at = epochNow();
        const record: UpstreamRecord = {
          arrived: arrivals.get(req) ?? at,
          at,
          status: 0,
          what: whatOf(req.method ?? 'GET', req.url),
        };
        res.once('finish', () => {
          record.status = res.statusCode;
          requests.push(record);
        });
      }
      return listener(req, res);
    }),
  );
  report = () => ({ role: 'upstream', requests });
  cleanup = () => db.close();
} else {
  const config = loadConfig(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      PARLEY_UPSTREAM_PROVIDER: 'highlevel',
      PARLEY_UPSTREAM_URL: input.upstreamUrl,
      PARLEY_UPSTREAM_TENANT: input.tenantId,
      PARLEY_UPSTREAM_TOKEN: input.token,
      PARLEY_UPSTREAM_ME: DEMO_HIGHLEVEL_USER_ID,
    },
    input.dir,
  );
  const answers: Record<string, number> = {};
  let paced429 = 0;
  const sent: number[] = [];
  const app = createApp({
    db: null,
    config,
    serveStatic: false,
    proxyPacing: input.pacing,
    fetchImpl: (target, init) => {
      sent.push(epochNow());
      return fetch(target, init);
    },
    // One line per request (server/proxy.ts): counted, not printed.
    log: (line) => {
      const status = / -> (\d{3})/.exec(line)?.[1] ?? 'other';
      answers[status] = (answers[status] ?? 0) + 1;
      if (line.includes('(paced:')) paced429 += 1;
    },
  });
  server = http.createServer(takeTurns(getRequestListener(app.fetch)));
  report = () => ({ role: 'proxy', answers, paced429, sent });
}

server.listen(0, '127.0.0.1', () => {
  const message: TeamThreadMessage = {
    type: 'listening',
    port: (server.address() as AddressInfo).port,
  };
  port.postMessage(message);
});

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  const last = report();
  server.close(() => {
    cleanup();
    port.postMessage({ type: 'stopped', report: last } satisfies TeamThreadMessage);
    port.close();
  });
  server.closeAllConnections();
});

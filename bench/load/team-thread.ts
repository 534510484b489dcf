import fs from 'node:fs';
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
 * One location of the team scenario (bench/load/team.ts), on its own event loop: a stand-in
 * HighLevel (a Parley server in embedded mode that enforces `rateLimit` requests per 10 s,
 * with the real wire's x-ratelimit headers and a 429 without Retry-After) and, in front of
 * it, the Parley server the agents use, in proxy mode with the demo token as its server
 * token, pacing and shared reads on or off. It records every request that reached the
 * stand-in (when, and whether it was refused) and the proxy's own answers.
 */

export interface TeamThreadInput {
  /** A seeded database file this location may write to. */
  dataPath: string;
  dir: string;
  pacing: boolean;
  rateLimit: number;
}

export interface UpstreamRecord {
  /** Arrival at the stand-in, epoch ms. */
  at: number;
  status: number;
  write: boolean;
}

export interface TeamThreadReport {
  upstream: UpstreamRecord[];
  /** The proxy's answers by status; 429s it made itself ("come back in n s") apart. */
  proxy: { answers: Record<string, number>; paced429: number };
}

export type TeamThreadMessage =
  { type: 'listening'; port: number } | { type: 'stopped'; report: TeamThreadReport };

const input = workerData as TeamThreadInput;
const port = parentPort;
if (port === null) throw new Error('team-thread.ts runs as a worker thread');

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

// The stand-in upstream.
const upstreamConfig = loadConfig(
  {
    HOST: '127.0.0.1',
    PORT: '0',
    PARLEY_DATA: input.dataPath,
    PARLEY_RATE_LIMIT: String(input.rateLimit),
  },
  input.dir,
);
const { db } = openDatabase(databaseOptions(upstreamConfig));
const upstreamServer = http.createServer();
const upstream: UpstreamRecord[] = [];
upstreamServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
  if (!req.url?.startsWith(HIGHLEVEL_MOUNT)) return;
  const record: UpstreamRecord = { at: epochNow(), status: 0, write: req.method !== 'GET' };
  res.once('finish', () => {
    record.status = res.statusCode;
    upstream.push(record);
  });
});
upstreamServer.on(
  'request',
  takeTurns(
    getRequestListener(createApp({ db, config: upstreamConfig, serveStatic: false }).fetch),
  ),
);
const upstreamPort = await listen(upstreamServer);

// The Parley server the agents talk to.
const proxyConfig = loadConfig(
  {
    HOST: '127.0.0.1',
    PORT: '0',
    PARLEY_UPSTREAM_PROVIDER: 'highlevel',
    PARLEY_UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}${HIGHLEVEL_MOUNT}`,
    PARLEY_UPSTREAM_TENANT: upstreamConfig.demoLocationId,
    PARLEY_UPSTREAM_TOKEN: upstreamConfig.demoToken,
    PARLEY_UPSTREAM_ME: DEMO_HIGHLEVEL_USER_ID,
  },
  input.dir,
);
const answers: Record<string, number> = {};
let paced429 = 0;
const proxyApp = createApp({
  db: null,
  config: proxyConfig,
  serveStatic: false,
  proxyPacing: input.pacing,
  // One line per request (server/proxy.ts): counted, not printed.
  log: (line) => {
    const status = / -> (\d{3})/.exec(line)?.[1] ?? 'other';
    answers[status] = (answers[status] ?? 0) + 1;
    if (line.includes('(paced:')) paced429 += 1;
  },
});
const proxyServer = http.createServer(takeTurns(getRequestListener(proxyApp.fetch)));
const proxyPort = await listen(proxyServer);
port.postMessage({ type: 'listening', port: proxyPort } satisfies TeamThreadMessage);

const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  const report: TeamThreadReport = { upstream, proxy: { answers, paced429 } };
  void close(proxyServer)
    .then(() => close(upstreamServer))
    .then(() => {
      db.close();
      fs.rmSync(input.dir, { recursive: true, force: true });
      port.postMessage({ type: 'stopped', report } satisfies TeamThreadMessage);
      port.close();
    });
});

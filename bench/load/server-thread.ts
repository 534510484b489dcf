import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { databaseOptions, openDatabase } from '../../server/db/open-database.ts';
import { takeTurns } from '../../server/take-turns.ts';
import {
  epochNow,
  recordRequests,
  watchEventLoop,
  type LoopReport,
  type ServerSideReport,
} from './diagnostics.ts';

/**
 * The real server (the same app, database settings and turn-taking Node listener as
 * server/main.ts), run in a worker thread of the load test: in-process, yet on its own
 * event loop, so the load generator's work does not count as server latency. It reports
 * what it saw: its event loop's delay and stalls, the connections it accepted, each
 * request's arrival, turn and end, and the WAL file's size over time.
 */

export interface ServerThreadInput {
  dir: string;
  dataPath: string;
  seedSize: number;
  /** Serve each request as it is parsed, as the server did before taking turns. */
  noTurns: boolean;
}

export interface ServerDiagnostics {
  loop: LoopReport;
  server: ServerSideReport;
  /** [epoch ms, bytes] every 500 ms. */
  walBytes: [number, number][];
}

export type ServerThreadMessage =
  | { type: 'listening'; port: number; seededMs: number | null }
  | { type: 'stopped'; diagnostics: ServerDiagnostics };

const input = workerData as ServerThreadInput;
const port = parentPort;
if (port === null) throw new Error('server-thread.ts runs as a worker thread');

const config = loadConfig(
  {
    HOST: '127.0.0.1',
    PORT: '0',
    PARLEY_DATA: input.dataPath,
    PARLEY_SEED_SIZE: String(input.seedSize),
    // The request mix measures the server, not HighLevel's per-location budget.
    PARLEY_RATE_LIMIT: '0',
  },
  input.dir,
);
const { db, seeded } = openDatabase(databaseOptions(config));
const app = createApp({ db, config, serveStatic: false });
const listener = getRequestListener(app.fetch);
const server = http.createServer();
const requests = recordRequests(server);
const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
  requests.started(req);
  return listener(req, res);
};
server.on('request', input.noTurns ? handle : takeTurns(handle));
const loop = watchEventLoop();
const walBytes: [number, number][] = [];
const walTimer = setInterval(() => {
  const size = fs.statSync(`${input.dataPath}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  walBytes.push([epochNow(), size]);
}, 500);

server.listen(0, '127.0.0.1', () => {
  const message: ServerThreadMessage = {
    type: 'listening',
    port: (server.address() as AddressInfo).port,
    seededMs: seeded?.totalMs ?? null,
  };
  port.postMessage(message);
});

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(walTimer);
  const diagnostics: ServerDiagnostics = {
    loop: loop.stop(),
    server: requests.report(),
    walBytes,
  };
  server.close(() => {
    db.close();
    port.postMessage({ type: 'stopped', diagnostics } satisfies ServerThreadMessage);
    port.close();
  });
  server.closeAllConnections();
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { databaseOptions, openDatabase } from '../../server/db/open-database.ts';

/**
 * The real server (the same app, database settings and Node listener as server/main.ts),
 * run in a worker thread of the load test: in-process, yet on its own event loop, so the
 * load generator's work does not count as server latency.
 */

export interface ServerThreadInput {
  dir: string;
  dataPath: string;
  seedSize: number;
}

export type ServerThreadMessage =
  { type: 'listening'; port: number; seededMs: number | null } | { type: 'stopped' };

const input = workerData as ServerThreadInput;
const port = parentPort;
if (port === null) throw new Error('server-thread.ts runs as a worker thread');

const config = loadConfig(
  {
    HOST: '127.0.0.1',
    PORT: '0',
    PARLEY_DATA: input.dataPath,
    PARLEY_SEED_SIZE: String(input.seedSize),
    // The load test measures the server, not HighLevel's per-location budget.
    PARLEY_RATE_LIMIT: '0',
  },
  input.dir,
);
const { db, seeded } = openDatabase(databaseOptions(config));
const app = createApp({ db, config, serveStatic: false });
const listener = getRequestListener(app.fetch);
const server = http.createServer((req, res) => void listener(req, res));

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
  server.close(() => {
    db.close();
    port.postMessage({ type: 'stopped' } satisfies ServerThreadMessage);
    port.close();
  });
  server.closeAllConnections();
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Database } from 'better-sqlite3';
import { createApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { databaseOptions, openDatabase } from '../db/open-database.ts';
import { PINNED_CLOCK_ISO } from '../seed/demo-identities.ts';

export interface TestServer {
  url: string;
  config: Config;
  /** Null in upstream mode. */
  db: Database | null;
  dir: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Conversations per provider. */
  size?: number;
  seed?: number;
  env?: Record<string, string>;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
  /** Files to place in <dir>/dist before the app is built (enables static serving). */
  dist?: Record<string, string>;
  /** Files to place in <dir>/dist-server (the first paint's server build). */
  serverBuild?: Record<string, string>;
}

/** The real app over a fresh temporary SQLite file, on an ephemeral port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
  const place = (folder: string, files: Record<string, string> = {}) => {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(dir, folder, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  };
  place('dist', options.dist);
  place('dist-server', options.serverBuild);
  const config = loadConfig(
    {
      PARLEY_DATA: path.join(dir, 'parley.db'),
      PARLEY_SEED_SIZE: String(options.size ?? 600),
      PARLEY_SEED: String(options.seed ?? 1),
      // Tests send far more than a real location may; the limit has tests of its own.
      PARLEY_RATE_LIMIT: '0',
      // Dates the same every run: tests compare what they read with what they expect.
      PARLEY_CLOCK: PINNED_CLOCK_ISO,
      ...options.env,
    },
    dir,
  );
  const db = config.upstream === null ? openDatabase(databaseOptions(config)).db : null;
  const app = createApp({ db, config, fetchImpl: options.fetchImpl, log: options.log });
  const server = await listen(app.fetch);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    db,
    dir,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A client may hold an open connection that never carried a request (fetch reconnects
      // after an aborted one); close() would wait for its keep-alive to lapse.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      db?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function listen(fetchHandler: (request: Request) => Response | Promise<Response>) {
  return new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(server),
    );
  });
}

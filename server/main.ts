import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Database } from 'better-sqlite3';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { databaseOptions, openDatabase } from './db/open-database.ts';
import { parleyConfigBody } from './parley-routes.ts';
import { takeTurns } from './take-turns.ts';

/**
 * Entry for `npm start` (serves dist/) and `npm run dev` (`--dev`: Vite middleware with
 * HMR on the same port, so the app and the API share one origin in both modes).
 */
async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let db: Database | null = null;
  if (config.upstream === null) {
    const fresh = !fs.existsSync(config.dataPath);
    if (fresh) {
      console.log(
        `Seeding ${config.dataPath} with ${config.seedSize} conversations per provider (seed ${config.seed})…`,
      );
    }
    try {
      const opened = openDatabase(databaseOptions(config));
      db = opened.db;
      if (opened.seeded !== null) {
        const t = opened.seeded;
        console.log(
          `Seeded in ${(t.totalMs / 1000).toFixed(1)} s (HighLevel ${(t.highlevelMs / 1000).toFixed(1)} s, ` +
            `Exante ${(t.exanteMs / 1000).toFixed(1)} s, indexes ${(t.indexMs / 1000).toFixed(1)} s)`,
        );
      } else {
        console.log(`Using existing data in ${config.dataPath}`);
      }
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  }

  const app = createApp({ db, config, serveStatic: !dev });
  // Requests take turns, so a busy server still accepts newcomers (server/take-turns.ts).
  const honoListener = takeTurns(getRequestListener(app.fetch));
  const server = http.createServer();
  let closeVite: (() => Promise<void>) | null = null;

  if (dev) {
    // Imported lazily so production never loads Vite (or needs it installed).
    const { createServer } = await import('vite');
    const vite = await createServer({
      server: { middlewareMode: true, hmr: { server } },
      appType: 'spa',
    });
    closeVite = () => vite.close();
    server.on('request', (req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/providers/') || url.startsWith('/parley/')) {
        void honoListener(req, res);
      } else {
        vite.middlewares(req, res);
      }
    });
  } else {
    if (!fs.existsSync(config.distDir)) {
      console.warn(
        `No built app in ${config.distDir}: only the APIs are served. Run \`npm run build\` first (or use \`npm run dev\`).`,
      );
    }
    server.on('request', (req, res) => void honoListener(req, res));
  }

  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    printBanner(`http://${host}:${port}`, config, dev);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
    void (closeVite?.() ?? Promise.resolve()).finally(() => {
      db?.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function printBanner(url: string, config: Config, dev: boolean): void {
  const body = parleyConfigBody(config);
  const lines = [`Parley${dev ? ' (dev)' : ''} listening on ${url}`, `  mode: ${body.mode}`];
  if (config.upstream !== null) {
    // The upstream token is a real secret: say whether it is set, never what it is.
    lines.push(
      `  upstream: ${config.upstream.provider} at ${config.upstream.url}`,
      `  tenant: ${config.upstream.tenantId}`,
      `  server-side token: ${config.upstream.token === null ? 'not set (the client’s Authorization is forwarded)' : 'set'}`,
    );
  } else {
    // The demo token is public by design (decision 0001), so printing it helps.
    lines.push(
      `  HighLevel: ${url}/providers/highlevel  locationId=${config.demoLocationId}  meId=${body.providers.highlevel?.meId ?? ''}`,
      `  Exante:    ${url}/providers/exante/api  organization_uid=${config.demoOrganizationUid}  meId=${body.providers.exante?.meId ?? ''}`,
      `  token (both): ${config.demoToken}`,
      `  try: curl -H 'Authorization: Bearer ${config.demoToken}' -H 'Version: 2021-04-15' '${url}/providers/highlevel/conversations/search?locationId=${config.demoLocationId}&limit=1'`,
    );
  }
  if (config.testHooks) lines.push('  test hooks: ON (POST /parley/test/conversations)');
  if (config.faults) lines.push('  fault injection: ON (POST /parley/test/faults)');
  console.log(lines.join('\n'));
}

void main();

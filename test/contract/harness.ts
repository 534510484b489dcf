import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Hono } from 'hono';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { databaseOptions, openDatabase } from '../../server/db/open-database.ts';
import {
  DEMO_EXANTE_AGENT_UID,
  DEMO_HIGHLEVEL_USER_ID,
  PINNED_CLOCK_ISO,
} from '../../server/seed/demo-identities.ts';
import type { Transport } from '../../src/api/client.ts';
import type { Connection, InboxFilters, Page, Provider } from '../../src/api/model.ts';
import { defaultFilters } from '../../src/api/model.ts';

/**
 * The contract tier's one setup: Parley's server (its embedded APIs, seeded) and the
 * browser's adapters in one process, joined by the adapters' `Transport` as the first
 * paint joins them (server/first-paint.ts). No port, no fetch: a request is a function call.
 */

/** Relative API paths resolve against a name that is never looked up. */
const ORIGIN = 'http://parley-contract.invalid';

/** A transport into a Hono app, counting the requests it carries. */
export function transportInto(app: Hono): Transport & { requests: () => number } {
  let requests = 0;
  const transport = (url: string, init: RequestInit) => {
    requests += 1;
    return Promise.resolve(app.fetch(new Request(new URL(url, ORIGIN), init)));
  };
  return Object.assign(transport, { requests: () => requests });
}

export interface Embedded {
  config: Config;
  db: Database;
  transport: ReturnType<typeof transportInto>;
  connection(provider: Connection['provider']): Connection;
  close(): void;
}

/** The server as `npm start` runs it in embedded mode, over a fresh seeded file. */
export function startEmbedded(
  options: { size?: number; seed?: number; env?: Record<string, string> } = {},
): Embedded {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-contract-'));
  const config = loadConfig(
    {
      PARLEY_DATA: path.join(dir, 'parley.db'),
      PARLEY_SEED_SIZE: String(options.size ?? 600),
      PARLEY_SEED: String(options.seed ?? 1),
      // The limit has tests of its own (server/highlevel/real-wire.test.ts).
      PARLEY_RATE_LIMIT: '0',
      // Every server of a test seeds the same dates, so two wires can be compared.
      PARLEY_CLOCK: PINNED_CLOCK_ISO,
      ...options.env,
    },
    dir,
  );
  const { db } = openDatabase(databaseOptions(config));
  const app = createApp({ db, config, serveStatic: false });
  return {
    config,
    db,
    transport: transportInto(app),
    connection: (provider) =>
      provider === 'highlevel'
        ? {
            provider,
            baseUrl: '/providers/highlevel',
            tenantId: config.demoLocationId,
            token: config.demoToken,
            meId: DEMO_HIGHLEVEL_USER_ID,
          }
        : {
            provider,
            baseUrl: '/providers/exante/api',
            tenantId: config.demoOrganizationUid,
            token: config.demoToken,
            meId: DEMO_EXANTE_AGENT_UID,
          },
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const filtersOf = (patch: Partial<InboxFilters> = {}): InboxFilters => ({
  ...defaultFilters,
  ...patch,
});

export interface Listed {
  pages: Page[];
  ids: string[];
  items: Page['items'];
  unreadable: Page['unreadable'];
  gaps: string[];
}

/**
 * Scrolls a view to its end, as the list does: page after page until the cursor runs out.
 * Fails (rather than looping) past `maxPages`; every page but the last must show something.
 */
export async function listToEnd(
  provider: Provider,
  filters: InboxFilters,
  { limit, maxPages = 10_000 }: { limit?: number; maxPages?: number } = {},
): Promise<Listed> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    if (pages.length >= maxPages) throw new Error(`still paging after ${maxPages} pages`);
    const page: Page = await provider.list({ filters, cursor, limit });
    if (page.nextCursor !== null && page.items.length === 0) {
      throw new Error(`page ${pages.length + 1} shows nothing and is not the last`);
    }
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null);
  const items = pages.flatMap((p) => p.items);
  return {
    pages,
    items,
    ids: items.map((c) => c.id),
    unreadable: pages.flatMap((p) => p.unreadable),
    gaps: pages.flatMap((p) => p.gaps),
  };
}

/** Whether a list of ISO instants is in the view's order (ties in any order). */
export function inOrder(instants: readonly string[], direction: 'asc' | 'desc'): boolean {
  for (let i = 1; i < instants.length; i++) {
    const step = Date.parse(instants[i] as string) - Date.parse(instants[i - 1] as string);
    if (direction === 'desc' ? step > 0 : step < 0) return false;
  }
  return true;
}

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import Database from 'better-sqlite3';
import { createApp } from '../../server/app.ts';
import { startClient, type BenchClient } from './client.ts';
import {
  cachedBytes,
  checkDiskFor,
  databaseFile,
  isCached,
  NotEnoughDisk,
  openBenchDatabase,
} from './databases.ts';
import type { Target } from './http-load.ts';
import {
  describeMachine,
  evaluateTarget,
  renderMarkdown,
  type ApiBenchReport,
  type DatabaseRow,
  type LatencyRow,
  type LoadRow,
} from './report.ts';
import { buildScenarios, type Contract } from './scenarios.ts';
import { summarize } from '../stats.ts';

/**
 * `npm run bench:api [-- --quick] [-- --sizes 10000,100000]`: list latency of both
 * embedded contracts at each size, over real HTTP against the real app, plus throughput
 * under concurrent clients. Writes bench/results/api-<timestamp>.{json,md}.
 */
const USAGE = `Usage: npm run bench:api -- [--quick] [--sizes 10000,100000,1000000] [--seed 1]
  --quick   10k and 100k only, fewer iterations (a couple of minutes)
  --sizes   conversations per provider, comma-separated (seeded once into .parley/bench/)
  --seed    seed of the deterministic generator (default 1)`;

const MODES = {
  quick: { sizes: [10_000, 100_000], warmup: 5, blocks: 5, perBlock: 6, loadSeconds: 2 },
  full: {
    sizes: [10_000, 100_000, 1_000_000],
    warmup: 10,
    blocks: 10,
    perBlock: 15,
    loadSeconds: 5,
  },
} as const;

const CONCURRENCY = [1, 8, 32];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const mode = values.quick ? 'quick' : 'full';
  const settings = MODES[mode];
  const sizes = values.sizes === undefined ? [...settings.sizes] : parseSizes(values.sizes);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed must be a whole number');

  // Every missing database is checked before any is built, so a short disk fails in
  // seconds rather than after minutes of seeding the smaller sizes.
  const missing = sizes.filter((size) => !isCached(size, seed));
  if (missing.length > 0) checkDiskFor(missing.reduce((sum, size) => sum + size, 0));
  console.log(
    `bench:api (${mode}) sizes ${sizes.join(', ')}; ` +
      (missing.length > 0
        ? `seeding ${missing.join(', ')} first (1M takes about 3 minutes)`
        : 'all databases cached'),
  );

  const startedAt = new Date();
  const client = startClient();
  const databases: DatabaseRow[] = [];
  const latency: LatencyRow[] = [];
  const load: LoadRow[] = [];
  try {
    for (const size of sizes) {
      const result = await benchSize(client, size, seed, settings);
      databases.push(result.database);
      latency.push(...result.latency);
      load.push(...result.load);
    }
  } finally {
    await client.close();
  }

  const report: ApiBenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode,
    seed,
    sizes,
    machine: describeMachine(),
    node: process.version,
    sqlite: sqliteVersion(),
    method: {
      warmup: settings.warmup,
      blocks: settings.blocks,
      perBlock: settings.perBlock,
      loadSeconds: settings.loadSeconds,
    },
    databases,
    latency,
    load,
    target: evaluateTarget(latency),
  };
  const markdown = renderMarkdown(report);
  const dir = path.resolve('bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const base = path.join(dir, `api-${stamp}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, `${markdown}\n`);
  console.log(`\n${markdown}`);
  console.log(`Wrote ${path.relative(process.cwd(), base)}.json and .md`);
}

interface SizeResult {
  database: DatabaseRow;
  latency: LatencyRow[];
  load: LoadRow[];
}

async function benchSize(
  client: BenchClient,
  size: number,
  seed: number,
  settings: (typeof MODES)[keyof typeof MODES],
): Promise<SizeResult> {
  const label = size.toLocaleString('en-US');
  if (!isCached(size, seed)) console.log(`Seeding ${label} conversations per provider…`);
  const opened = openBenchDatabase(size, seed);
  if (opened.seededMs !== null) {
    console.log(`  seeded in ${(opened.seededMs / 1000).toFixed(0)} s`);
  }
  const { db, config } = opened;
  const app = createApp({ db, config, serveStatic: false });
  const server = http.createServer(getRequestListener(app.fetch));
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const target: Target = {
      baseUrl: `http://127.0.0.1:${port}`,
      headers: { authorization: `Bearer ${config.demoToken}`, version: '2021-04-15' },
    };
    const scenarios = buildScenarios(db, config, size);
    console.log(`${label}: ${scenarios.length} scenarios…`);
    const measured = await client.latency(
      target,
      scenarios.map(({ id, path }) => ({ id, path })),
      { warmup: settings.warmup, blocks: settings.blocks, perBlock: settings.perBlock, seed: size },
    );
    const latency = measured.map((result): LatencyRow => {
      const scenario = scenarios.find((s) => s.id === result.id);
      if (scenario === undefined) throw new Error(`unknown scenario ${result.id}`);
      const summary = summarize(result.samples);
      return {
        size,
        id: scenario.id,
        contract: scenario.contract,
        group: scenario.group,
        label: scenario.label,
        depth: scenario.depth ?? null,
        path: scenario.path,
        ...summary,
        rows: result.rows,
        total: result.total,
      };
    });
    checkTotals(latency, size);

    const load: LoadRow[] = [];
    for (const contract of ['highlevel', 'exante'] as const satisfies readonly Contract[]) {
      const first = scenarios.find((s) => s.contract === contract && s.depth === 0);
      if (first === undefined) continue;
      for (const clients of CONCURRENCY) {
        const result = await client.load(target, first.path, clients, settings.loadSeconds * 1000);
        const summary = summarize(result.samples);
        load.push({
          size,
          contract,
          clients,
          durationMs: result.durationMs,
          requests: result.requests,
          errors: result.errors,
          rps: result.requests / (result.durationMs / 1000),
          p50: summary.p50,
          p95: summary.p95,
        });
        console.log(
          `  ${contract} × ${clients} clients: ${(result.requests / (result.durationMs / 1000)).toFixed(0)} req/s`,
        );
      }
    }
    return {
      database: {
        size,
        file: path.relative(process.cwd(), databaseFile(size, seed)),
        bytes: cachedBytes(size, seed),
        seededMs: opened.seededMs,
      },
      latency,
      load,
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
  }
}

/**
 * A fast answer is only worth reporting if it is the right one: the default views must
 * report the whole seed, and every depth a full page except possibly the last.
 */
function checkTotals(rows: readonly LatencyRow[], size: number): void {
  for (const row of rows) {
    if (row.group !== 'depth') continue;
    if (row.total !== size) {
      throw new Error(`${row.id} at ${size}: total ${row.total ?? 'missing'}, expected ${size}`);
    }
    if (row.depth !== 1 && row.rows !== 50 && size >= 50) {
      throw new Error(`${row.id} at ${size}: ${row.rows ?? 'no'} rows, expected a full page`);
    }
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

class UsageError extends Error {}

function parseSizes(raw: string): number[] {
  const sizes = raw.split(',').map((part) => Number(part.trim().replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 5_000_000)) {
    throw new UsageError('--sizes takes whole numbers from 100 to 5000000, comma-separated');
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}

main().catch((error: unknown) => {
  if (error instanceof NotEnoughDisk || error instanceof UsageError) {
    console.error(error.message);
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

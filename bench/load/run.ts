import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createRng } from '../../server/seed/prng.ts';
import {
  afterResponse,
  nextRequest,
  type ClientState,
  type MixContext,
  type RequestSpec,
} from './request-mix.ts';
import type { ServerThreadInput, ServerThreadMessage } from './server-thread.ts';
import { Recorder, isSuccess, type LoadReport, type Outcome } from './recorder.ts';

/**
 * Load test of the embedded API (issue 7): N concurrent keep-alive clients for D seconds,
 * a realistic mix of reads and a few writes over both providers, then throughput, latency
 * percentiles and errors by status. Exits non-zero on any error.
 *
 *   tsx bench/load/run.ts [--clients 200] [--duration 60] [--seed-size 20000]
 *                                [--url http://127.0.0.1:4280] [--out file.json]
 *
 * Without --url it seeds a temporary database and runs the real server in a worker thread.
 * It only ever talks to 127.0.0.1, and stops by itself.
 */

const LIMITS = {
  clients: [1, 2000],
  duration: [1, 600],
  seedSize: [100, 1_000_000],
  requestTimeoutMs: [100, 120_000],
} as const;

interface Options {
  url: string | null;
  clients: number;
  durationS: number;
  seedSize: number;
  requestTimeoutMs: number;
  out: string | null;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      clients: { type: 'string', default: '200' },
      duration: { type: 'string', default: '60' },
      'seed-size': { type: 'string', default: '20000' },
      'request-timeout': { type: 'string', default: '30000' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const integer = (name: string, raw: string, [min, max]: readonly [number, number]) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
  let url: string | null = null;
  if (values.url !== undefined) {
    const parsed = new URL(values.url);
    // A load generator aimed at someone else's server is an attack; refuse anything remote.
    if (parsed.protocol !== 'http:' || parsed.hostname !== '127.0.0.1') {
      throw new Error(
        '--url must be http://127.0.0.1:<port>: the load test only targets 127.0.0.1',
      );
    }
    url = parsed.origin;
  }
  return {
    url,
    clients: integer('clients', values.clients, LIMITS.clients),
    durationS: integer('duration', values.duration, LIMITS.duration),
    seedSize: integer('seed-size', values['seed-size'], LIMITS.seedSize),
    requestTimeoutMs: integer(
      'request-timeout',
      values['request-timeout'],
      LIMITS.requestTimeoutMs,
    ),
    out: values.out ?? null,
  };
}

interface Target {
  url: string;
  seededMs: number | null;
  stop(): Promise<void>;
}

/** Seeds a temporary database and starts the server on an ephemeral port, in a worker. */
async function startInProcess(seedSize: number): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-load-'));
  const input: ServerThreadInput = { dir, dataPath: path.join(dir, 'parley.db'), seedSize };
  const entry = new URL('./server-thread.ts', import.meta.url).href;
  // Workers do not inherit tsx's loader, so the worker registers it before the import.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: input });
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const listening = await new Promise<Extract<ServerThreadMessage, { type: 'listening' }>>(
    (resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (message: ServerThreadMessage) => {
        if (message.type === 'listening') resolve(message);
      });
    },
  ).catch((error: unknown) => {
    cleanup();
    throw error;
  });
  return {
    url: `http://127.0.0.1:${listening.port}`,
    seededMs: listening.seededMs,
    stop: async () => {
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (message: ServerThreadMessage) => {
          if (message.type === 'stopped') resolve();
        });
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await worker.terminate();
      cleanup();
    },
  };
}

interface Answer {
  outcome: Outcome;
  body: string;
}

function send(agent: http.Agent, url: string, spec: RequestSpec, timeoutMs: number) {
  return new Promise<Answer>((resolve) => {
    const req = http.request(
      `${url}${spec.path}`,
      { method: spec.method, headers: spec.headers, agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            outcome: res.complete ? (res.statusCode ?? 0) : 'truncated',
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ outcome: error.code ?? 'response-error', body: '' }),
        );
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ outcome: error.code ?? 'request-error', body: '' }),
    );
    req.end(spec.body);
  });
}

async function getJson<T>(agent: http.Agent, url: string, spec: RequestSpec): Promise<T> {
  const { outcome, body } = await send(agent, url, spec, 30_000);
  if (outcome !== 200) throw new Error(`${spec.path} answered ${outcome}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as T;
}

interface ParleyConfig {
  mode: string;
  providers: Record<
    string,
    { baseUrl: string; tenantId: string; token: string | null; meId: string | null } | undefined
  >;
}

/** Learns tenants, the token and real ids from the server itself, as the app would. */
async function discover(agent: http.Agent, url: string): Promise<MixContext> {
  const get = <T>(pathAndQuery: string, headers: Record<string, string> = {}) =>
    getJson<T>(agent, url, { kind: 'setup', method: 'GET', path: pathAndQuery, headers });
  const config = await get<ParleyConfig>('/parley/config');
  const hlConn = config.providers.highlevel;
  const exConn = config.providers.exante;
  if (config.mode !== 'embedded' || hlConn?.token == null || exConn?.token == null) {
    throw new Error('the load test needs a server in embedded mode (it uses the demo token)');
  }
  const hlHeaders = { Authorization: `Bearer ${hlConn.token}`, Version: '2021-04-15' };
  const exHeaders = { Authorization: `Bearer ${exConn.token}` };
  const search = (query: string) =>
    get<{ conversations: { id: string; sort: number[]; lastMessageBody?: string }[] }>(
      `${hlConn.baseUrl}/conversations/search?locationId=${hlConn.tenantId}&limit=100${query}`,
      hlHeaders,
    );

  const first = await search('');
  const deepCursors: string[] = [];
  let page = first;
  for (let depth = 1; depth <= 150 && page.conversations.length === 100; depth += 1) {
    const cursor = page.conversations[page.conversations.length - 1]?.sort.join(',') ?? '';
    if (depth % 10 === 0) deepCursors.push(cursor);
    page = await search(`&startAfterDate=${cursor}`);
  }

  const list = await get<{
    data: {
      items: { uid: string; categories: string[] }[];
      pagination: { total: number };
    };
  }>(`${exConn.baseUrl}/conversations?per_page=100`, exHeaders);
  const categories = [...new Set(list.data.items.flatMap((item) => item.categories))];

  return {
    highlevel: {
      base: hlConn.baseUrl,
      headers: hlHeaders,
      tenantId: hlConn.tenantId,
      meId: hlConn.meId ?? '',
      ids: first.conversations.map((c) => c.id),
      deepCursors,
    },
    exante: {
      base: exConn.baseUrl,
      headers: exHeaders,
      tenantId: exConn.tenantId,
      meId: exConn.meId ?? '',
      uids: list.data.items.map((item) => item.uid),
      totalPages: Math.ceil(list.data.pagination.total / 25),
      categories: categories.slice(0, 10),
    },
    words: ['invoice', 'refund', 'payment', 'order', 'shipping', 'charged twice', 'statement'],
  };
}

async function runClients(
  agent: http.Agent,
  url: string,
  ctx: MixContext,
  options: Options,
  recorder: Recorder,
): Promise<number> {
  const started = performance.now();
  const deadline = started + options.durationS * 1000;
  const progress = setInterval(() => {
    const seconds = Math.round((performance.now() - started) / 1000);
    console.log(`  ${seconds}s: ${recorder.count} requests, ${recorder.errorCount} errors`);
  }, 10_000);
  const client = async (index: number) => {
    const state: ClientState = { rng: createRng(1000 + index), cursor: null };
    while (performance.now() < deadline) {
      const spec = nextRequest(ctx, state);
      const sent = performance.now();
      const { outcome, body } = await send(agent, url, spec, options.requestTimeoutMs);
      recorder.record(spec.kind, performance.now() - sent, outcome);
      if (isSuccess(outcome) && (spec.kind === 'hl.first-page' || spec.kind === 'hl.scroll')) {
        afterResponse(spec, state, JSON.parse(body));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  } finally {
    clearInterval(progress);
  }
  return performance.now() - started;
}

function markdown(result: LoadResult): string {
  const { report } = result;
  const l = report.latencyMs;
  const rows = Object.entries(report.byKind).map(
    ([kind, k]) =>
      `| ${kind} | ${k.count} | ${k.p50} | ${k.p95} | ${k.p99} | ${k.max} | ${k.errors} |`,
  );
  const errors =
    report.errors.total === 0
      ? 'none'
      : Object.entries(report.errors.byStatus)
          .map(([status, n]) => `${status}: ${n}`)
          .join(', ');
  return [
    `## Load test, ${result.startedAt}`,
    '',
    `${result.clients} concurrent clients for ${result.durationS} s against ${result.target}` +
      (result.seedSize === null ? '' : ` (${result.seedSize} conversations per provider)`) +
      `, Node ${process.version}, ${os.cpus().length} CPUs.`,
    '',
    '| requests | throughput | p50 | p95 | p99 | max | errors |',
    '|---:|---:|---:|---:|---:|---:|---|',
    `| ${report.requests} | ${report.throughputPerSecond} req/s | ${l.p50} ms | ${l.p95} ms | ${l.p99} ms | ${l.max} ms | ${errors} |`,
    '',
    '| request | count | p50 ms | p95 ms | p99 ms | max ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

interface LoadResult {
  startedAt: string;
  target: string;
  clients: number;
  durationS: number;
  seedSize: number | null;
  node: string;
  cpus: number;
  report: LoadReport;
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  let target: Target;
  if (options.url === null) {
    console.log(`Seeding ${options.seedSize} conversations per provider and starting the server…`);
    target = await startInProcess(options.seedSize);
    console.log(
      `Server on ${target.url}` +
        (target.seededMs === null ? '' : ` (seeded in ${(target.seededMs / 1000).toFixed(1)} s)`),
    );
  } else {
    target = { url: options.url, seededMs: null, stop: () => Promise.resolve() };
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const recorder = new Recorder();
  let elapsedMs: number;
  try {
    const ctx = await discover(agent, target.url);
    console.log(`${options.clients} clients for ${options.durationS} s…`);
    elapsedMs = await runClients(agent, target.url, ctx, options, recorder);
  } finally {
    agent.destroy();
    await target.stop();
  }

  const result: LoadResult = {
    startedAt,
    target: options.url ?? 'in-process server (worker thread)',
    clients: options.clients,
    durationS: options.durationS,
    seedSize: options.url === null ? options.seedSize : null,
    node: process.version,
    cpus: os.cpus().length,
    report: recorder.report(elapsedMs),
  };
  const out =
    options.out ??
    path.join(ROOT, 'bench', 'results', `load-${startedAt.replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${markdown(result)}\n\nWrote ${path.relative(process.cwd(), out)}`);
  return result.report.errors.total === 0 && result.report.requests > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRng } from '../../server/seed/prng.ts';
import { epochNow, LOAD_ID_HEADER, watchEventLoop } from './diagnostics.ts';
import { Recorder, isSuccess, type LoadReport, type Outcome } from './recorder.ts';
import {
  afterResponse,
  nextRequest,
  type ClientState,
  type MixContext,
  type RequestSpec,
} from './request-mix.ts';
import type { ServerDiagnostics, ServerThreadInput, ServerThreadMessage } from './server-thread.ts';
import { whereItWaited, type Timing, type WhereItWaited } from './where-it-waited.ts';
import { startWorker, stopWorker } from './worker.ts';

/**
 * The request mix (issue 7): N concurrent keep-alive clients for D seconds, a realistic mix
 * of reads and a few writes over both embedded providers, as fast as the server answers.
 * Throughput, latency percentiles and the maximum, errors by status, and where the slow
 * requests waited (where-it-waited.ts).
 */

export interface MixOptions {
  /** A running server on 127.0.0.1; null: seed a temporary database and start one. */
  url: string | null;
  clients: number;
  durationS: number;
  seedSize: number;
  requestTimeoutMs: number;
  /** The in-process server serves requests as they are parsed (the stall, for comparison). */
  noTurns: boolean;
}

export interface MixResult {
  target: string;
  clients: number;
  durationS: number;
  seedSize: number | null;
  serverTakesTurns: boolean | null;
  report: LoadReport;
  /** Only for the in-process server, whose side of each request is known. */
  waited: WhereItWaited | null;
  /** The WAL file's size over the run: [seconds from the start, bytes] at each change. */
  walBytes: [number, number][] | null;
}

interface Target {
  url: string;
  seededMs: number | null;
  /** What the server saw, when it is ours. */
  stop(): Promise<ServerDiagnostics | null>;
}

/** Seeds a temporary database and starts the server on an ephemeral port, in a worker. */
async function startInProcess(seedSize: number, noTurns: boolean): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-load-'));
  const input: ServerThreadInput = {
    dir,
    dataPath: path.join(dir, 'parley.db'),
    seedSize,
    noTurns,
  };
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const { worker, ready } = await startWorker<
      Extract<ServerThreadMessage, { type: 'listening' }>
    >(new URL('./server-thread.ts', import.meta.url), input);
    return {
      url: `http://127.0.0.1:${ready.port}`,
      seededMs: ready.seededMs,
      stop: async () => {
        const last = await stopWorker<ServerThreadMessage>(worker);
        cleanup();
        return last?.type === 'stopped' ? last.diagnostics : null;
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

interface Answer {
  outcome: Outcome;
  body: string;
  timing: Timing;
}

let lastId = 0;

function send(agent: http.Agent, url: string, spec: RequestSpec, timeoutMs: number) {
  const id = String((lastId += 1));
  const timing: Timing = {
    id,
    kind: spec.kind,
    start: epochNow(),
    socket: Number.NaN,
    connected: null,
    headers: Number.NaN,
    end: Number.NaN,
  };
  return new Promise<Answer>((resolve) => {
    const done = (outcome: Outcome, body: string) => {
      timing.end = epochNow();
      resolve({ outcome, body, timing });
    };
    const req = http.request(
      `${url}${spec.path}`,
      {
        method: spec.method,
        headers: { ...spec.headers, [LOAD_ID_HEADER]: id },
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        timing.headers = epochNow();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done(
            res.complete ? (res.statusCode ?? 0) : 'truncated',
            Buffer.concat(chunks).toString('utf8'),
          ),
        );
        res.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'response-error', ''));
      },
    );
    req.on('socket', (socket) => {
      timing.socket = epochNow();
      if (socket.connecting) socket.once('connect', () => (timing.connected = epochNow()));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'request-error', ''));
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
  options: MixOptions,
  recorder: Recorder,
  timings: Timing[],
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
      const { outcome, body, timing } = await send(agent, url, spec, options.requestTimeoutMs);
      recorder.record(spec.kind, timing.end - timing.start, outcome);
      timings.push(timing);
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

export async function runMix(options: MixOptions): Promise<MixResult> {
  let target: Target;
  if (options.url === null) {
    console.log(
      `Mix: seeding ${options.seedSize} conversations per provider, starting the server…`,
    );
    target = await startInProcess(options.seedSize, options.noTurns);
    console.log(
      `Server on ${target.url}` +
        (target.seededMs === null ? '' : ` (seeded in ${(target.seededMs / 1000).toFixed(1)} s)`),
    );
  } else {
    target = { url: options.url, seededMs: null, stop: () => Promise.resolve(null) };
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const recorder = new Recorder();
  const timings: Timing[] = [];
  const clientLoop = watchEventLoop();
  let elapsedMs: number;
  let runStart: number;
  let diagnostics: ServerDiagnostics | null;
  try {
    const ctx = await discover(agent, target.url);
    console.log(`Mix: ${options.clients} clients for ${options.durationS} s…`);
    runStart = epochNow();
    elapsedMs = await runClients(agent, target.url, ctx, options, recorder, timings);
  } finally {
    agent.destroy();
    diagnostics = await target.stop();
  }
  const clientLoopReport = clientLoop.stop();
  return {
    target: options.url ?? 'in-process server (worker thread)',
    clients: options.clients,
    durationS: options.durationS,
    seedSize: options.url === null ? options.seedSize : null,
    serverTakesTurns: options.url === null ? !options.noTurns : null,
    report: recorder.report(elapsedMs),
    waited:
      diagnostics === null
        ? null
        : whereItWaited(
            timings,
            diagnostics.server,
            { client: clientLoopReport, server: diagnostics.loop },
            runStart,
          ),
    walBytes: diagnostics === null ? null : walChanges(diagnostics.walBytes, runStart),
  };
}

function walChanges(samples: readonly [number, number][], runStart: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [at, bytes] of samples) {
    if (out.length === 0 || out[out.length - 1]?.[1] !== bytes) {
      out.push([Math.round((at - runStart) / 100) / 10, bytes]);
    }
  }
  return out;
}

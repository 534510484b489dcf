import http from 'node:http';
import { shuffled, seededRandom } from '../stats.ts';

export interface Target {
  baseUrl: string;
  headers: Record<string, string>;
}

export interface Timed {
  status: number;
  ms: number;
  body: string;
}

/**
 * One keep-alive agent for the whole run: a real client (the browser, a proxy) reuses its
 * connections, so a request's time is the API's, not a TCP handshake's.
 */
export function createAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 64 });
}

export function timedGet(agent: http.Agent, target: Target, path: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(
      `${target.baseUrl}${path}`,
      { agent, headers: target.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

export interface LatencyJob {
  id: string;
  path: string;
}

export interface LatencyResult {
  id: string;
  samples: number[];
  /** From the first response: rows on the page and the `total` the API reported. */
  rows: number | null;
  total: number | null;
  status: number;
}

/**
 * Sequential requests (one in flight), interleaved: each block runs every job `perBlock`
 * times, in a fresh random order, so drift over the run (thermal, GC, the page cache
 * filling) spreads across all scenarios instead of biasing whichever ran last.
 */
export async function measureLatency(
  agent: http.Agent,
  target: Target,
  jobs: readonly LatencyJob[],
  options: { warmup: number; blocks: number; perBlock: number; seed: number },
): Promise<LatencyResult[]> {
  const results = new Map<string, LatencyResult>();
  for (const job of jobs) {
    const first = await timedGet(agent, target, job.path);
    if (first.status !== 200) {
      throw new Error(
        `${job.id}: GET ${job.path} answered ${first.status}: ${first.body.slice(0, 300)}`,
      );
    }
    results.set(job.id, {
      id: job.id,
      samples: [],
      ...pageShape(first.body),
      status: first.status,
    });
    for (let i = 1; i < options.warmup; i++) await timedGet(agent, target, job.path);
  }
  const random = seededRandom(options.seed);
  for (let block = 0; block < options.blocks; block++) {
    for (const job of shuffled(jobs, random)) {
      const result = results.get(job.id);
      if (result === undefined) continue;
      for (let i = 0; i < options.perBlock; i++) {
        const timed = await timedGet(agent, target, job.path);
        if (timed.status !== 200) throw new Error(`${job.id}: answered ${timed.status}`);
        result.samples.push(timed.ms);
      }
    }
  }
  return [...results.values()];
}

export interface LoadResult {
  clients: number;
  durationMs: number;
  requests: number;
  errors: number;
  samples: number[];
}

/** `clients` loops, each with one request in flight, for `durationMs`. */
export async function measureLoad(
  agent: http.Agent,
  target: Target,
  path: string,
  clients: number,
  durationMs: number,
): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const timed = await timedGet(agent, target, path);
      if (timed.status === 200) samples.push(timed.ms);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const elapsed = performance.now() - started;
  return { clients, durationMs: elapsed, requests: samples.length, errors, samples };
}

/** Rows and total of either contract's list body; nulls for anything else. */
function pageShape(body: string): { rows: number | null; total: number | null } {
  try {
    const parsed = JSON.parse(body) as {
      conversations?: unknown[];
      total?: number;
      data?: { items?: unknown[]; pagination?: { total?: number } };
    };
    if (Array.isArray(parsed.conversations)) {
      return { rows: parsed.conversations.length, total: parsed.total ?? null };
    }
    if (Array.isArray(parsed.data?.items)) {
      return { rows: parsed.data.items.length, total: parsed.data.pagination?.total ?? null };
    }
  } catch {
    // not JSON: the floor request, say
  }
  return { rows: null, total: null };
}

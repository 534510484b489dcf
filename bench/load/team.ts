import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HIGHLEVEL_MOUNT } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { databaseOptions, openDatabase } from '../../server/db/open-database.ts';
import { DEMO_HIGHLEVEL_USER_ID } from '../../server/seed/demo-identities.ts';
import { createRng } from '../../server/seed/prng.ts';
import { RATE_LIMIT } from '../../src/api/contract/highlevel.ts';
import { maxInWindow, rounded, summarize, type Summary } from '../stats.ts';
import { TeamAgent, type Operation, type OperationKind } from './team-agent.ts';
import type {
  TeamThreadInput,
  TeamThreadMessage,
  UpstreamRecord,
  UpstreamWhat,
} from './team-thread.ts';
import { watchEventLoop, type LoopReport } from './diagnostics.ts';
import { startWorker, stopWorker } from './worker.ts';

/**
 * The team scenario (issue 13): agents behind one Parley server in proxy mode, against a
 * stand-in HighLevel that allows 100 requests in any 10 s, as the real one does. Each
 * location (bench/load/team-thread.ts: stand-in and proxy, on their own thread) runs with
 * pacing and shared reads on or off; the agents (bench/load/team-agent.ts) run here, each
 * with its own rate gate, as each browser has. Everything runs in real time (no time is
 * simulated faster); each location has its own stand-in, so what one does cannot reach
 * another's budget.
 */

export interface TeamOptions {
  /** Agents of the comparison: one location with pacing on, one with it off. */
  gateAgents: number;
  /** More locations with pacing on, for how many agents one location can serve. */
  ladder: number[];
  durationS: number;
  /** Agents open Parley at random within the first `rampS` seconds. */
  rampS: number;
  seedSize: number;
  /** Mean seconds between two stars of one agent. */
  starEveryS: number;
  /** The stand-in's limit per 10 s (HighLevel's is 100). */
  rateLimit: number;
}

export interface LocationRun {
  agents: number;
  pacing: boolean;
}

export interface LocationResult extends LocationRun {
  upstream: {
    requests: number;
    /** The most requests Parley sent upstream in any 10 s, by its clock. */
    maxSentPer10s: number;
    /** The most requests that reached the stand-in in any 10 s (refused ones too). */
    maxPer10s: number;
    /** The same, timed when the stand-in's limiter counted them: after its own queue. */
    maxPer10sAsLimiterSaw: number;
    /** 429s the stand-in sent. */
    refused: number;
    /** Requests by what the browser asked (a search's limit tells a count from a poll). */
    byWhat: Partial<Record<UpstreamWhat, number>>;
    /** [second of the run, requests that reached the stand-in in the 10 s up to it]. */
    per10s: [number, number][];
  };
  proxy: { answers: Record<string, number>; paced429: number };
  /** The agents' own event loop: a busy one would add its delay to every time measured. */
  agentsLoop: Omit<LoopReport, 'stalls'> & { stalls: number };
  agentsSaw: {
    operations: number;
    failures: number;
    failuresByReason: Record<string, number>;
    /** 429s answered to agents: the proxy's "come back in n s", and HighLevel's own. */
    paced429: number;
    upstream429: number;
    /** Operations told to wait (a 429 on the way): the agent saw "Waiting for HighLevel's rate limit". */
    waited: number;
    /** From asking to the answer, waits included, ms. */
    latency: Summary;
    byKind: Record<OperationKind, Summary>;
    /** Time at the gate of the operations told to wait, ms. */
    gateWait: Summary;
  };
}

export interface TeamResult {
  options: TeamOptions;
  locations: LocationResult[];
  /** The largest ladder step whose p95 stayed within 2 s; null when none did. */
  capacity: { p95LimitMs: number; agents: number | null; firstOver: number | null };
  /**
   * At `gateAgents` with pacing on: Parley sent at most the limit upstream in any 10 s (by
   * its own clock: what it controls; arrivals at the stand-in are reported beside it), no
   * upstream 429 reached an agent, no operation failed.
   */
  gate: {
    agents: number;
    maxSentPer10s: number;
    maxArrivedPer10s: number;
    upstreamRefused: number;
    upstream429ToAgents: number;
    failures: number;
    pass: boolean;
  };
}

const P95_LIMIT_MS = 2000;

interface LocationReport {
  proxy: { answers: Record<string, number>; paced429: number; sent: number[] };
  upstream: UpstreamRecord[];
}
const GRACE_MS = 30_000;

interface Seed {
  file: string;
  tenantId: string;
  token: string;
}

function seedOnce(seedSize: number, dir: string): Seed {
  const config = loadConfig(
    { PARLEY_DATA: path.join(dir, 'seed.db'), PARLEY_SEED_SIZE: String(seedSize) },
    dir,
  );
  const { db } = openDatabase(databaseOptions(config));
  db.close();
  return { file: config.dataPath, tenantId: config.demoLocationId, token: config.demoToken };
}

type Listening = Extract<TeamThreadMessage, { type: 'listening' }>;

/** A location: the stand-in and the proxy in front of it, each on its own thread. */
async function startLocation(run: LocationRun, seed: Seed, options: TeamOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-team-'));
  const dataPath = path.join(dir, 'parley.db');
  fs.copyFileSync(seed.file, dataPath);
  const entry = new URL('./team-thread.ts', import.meta.url);
  const upstream = await startWorker<Listening>(entry, {
    role: 'upstream',
    dataPath,
    dir,
    rateLimit: options.rateLimit,
  } satisfies TeamThreadInput);
  const proxy = await startWorker<Listening>(entry, {
    role: 'proxy',
    upstreamUrl: `http://127.0.0.1:${upstream.ready.port}${HIGHLEVEL_MOUNT}`,
    dir,
    pacing: run.pacing,
    tenantId: seed.tenantId,
    token: seed.token,
  } satisfies TeamThreadInput);
  const reportOf = async (worker: typeof proxy.worker) => {
    const last = await stopWorker<TeamThreadMessage>(worker);
    if (last?.type !== 'stopped') throw new Error('a team server did not report');
    return last.report;
  };
  return {
    origin: `http://127.0.0.1:${proxy.ready.port}`,
    stop: async () => {
      const proxyReport = await reportOf(proxy.worker);
      const upstreamReport = await reportOf(upstream.worker);
      fs.rmSync(dir, { recursive: true, force: true });
      if (proxyReport.role !== 'proxy' || upstreamReport.role !== 'upstream') {
        throw new Error('team servers answered in the wrong roles');
      }
      return { proxy: proxyReport, upstream: upstreamReport.requests };
    },
  };
}

function summarizeLocation(
  run: LocationRun,
  report: LocationReport,
  operations: readonly Operation[],
  runStart: number,
): Omit<LocationResult, 'agentsLoop'> {
  const arrivals = report.upstream.map((r) => r.arrived);
  const byWhat: Partial<Record<UpstreamWhat, number>> = {};
  for (const r of report.upstream) byWhat[r.what] = (byWhat[r.what] ?? 0) + 1;
  const per10s: [number, number][] = [];
  const sorted = [...arrivals].sort((a, b) => a - b);
  const end = sorted[sorted.length - 1] ?? runStart;
  for (let t = runStart + 10_000; t <= end + 10_000; t += 5000) {
    per10s.push([
      Math.round((t - runStart) / 1000),
      sorted.filter((at) => at > t - 10_000 && at <= t).length,
    ]);
  }
  const failuresByReason: Record<string, number> = {};
  for (const op of operations) {
    if (op.failure !== null) failuresByReason[op.failure] = (failuresByReason[op.failure] ?? 0) + 1;
  }
  const kinds = [...new Set(operations.map((op) => op.kind))].sort();
  const ms = (ops: readonly Operation[]) => rounded(summarize(ops.map((op) => op.ms)), 0);
  const waited = operations.filter((op) => op.paced429 + op.upstream429 > 0);
  return {
    ...run,
    upstream: {
      requests: arrivals.length,
      maxSentPer10s: maxInWindow(report.proxy.sent, RATE_LIMIT.intervalMs),
      maxPer10s: maxInWindow(arrivals, RATE_LIMIT.intervalMs),
      maxPer10sAsLimiterSaw: maxInWindow(
        report.upstream.map((r) => r.at),
        RATE_LIMIT.intervalMs,
      ),
      refused: report.upstream.filter((r) => r.status === 429).length,
      byWhat,
      per10s,
    },
    proxy: { answers: report.proxy.answers, paced429: report.proxy.paced429 },
    agentsSaw: {
      operations: operations.length,
      failures: operations.filter((op) => op.failure !== null).length,
      failuresByReason,
      paced429: operations.reduce((n, op) => n + op.paced429, 0),
      upstream429: operations.reduce((n, op) => n + op.upstream429, 0),
      waited: waited.length,
      latency: ms(operations),
      byKind: Object.fromEntries(
        kinds.map((kind) => [kind, ms(operations.filter((op) => op.kind === kind))]),
      ) as Record<OperationKind, Summary>,
      gateWait: rounded(summarize(waited.map((op) => op.gateMs)), 0),
    },
  };
}

/** Runs locations at once, for `durationS`, and summarizes each. */
async function runLocations(
  runs: readonly LocationRun[],
  seed: Seed,
  options: TeamOptions,
): Promise<LocationResult[]> {
  console.log(
    `Team: ${runs.map((r) => `${r.agents} agents, pacing ${r.pacing ? 'on' : 'off'}`).join(' beside ')} ` +
      `for ${options.durationS} s…`,
  );
  const locations = await Promise.all(runs.map((run) => startLocation(run, seed, options)));
  const loop = watchEventLoop();
  const runStart = Date.now();
  const teams = runs.map((run, l) =>
    Array.from(
      { length: run.agents },
      (_, i) =>
        new TeamAgent({
          origin: (locations[l] as { origin: string }).origin,
          tenantId: seed.tenantId,
          meId: DEMO_HIGHLEVEL_USER_ID,
          // The same agents (views, timings) in every location, as far as its size goes.
          rng: createRng(7000 + i),
          starEveryMs: options.starEveryS * 1000,
        }),
    ),
  );
  const starts: ReturnType<typeof setTimeout>[] = [];
  for (const team of teams) {
    team.forEach((agent, i) => {
      const at = createRng(9000 + i).next() * options.rampS * 1000;
      starts.push(setTimeout(() => agent.start(), at));
    });
  }
  const progress = setInterval(() => {
    const s = Math.round((Date.now() - runStart) / 1000);
    const ops = teams.map((team) => team.reduce((n, a) => n + a.operations.length, 0));
    console.log(`  ${s}s: operations ${ops.join(' / ')}`);
  }, 30_000);
  await new Promise((resolve) => setTimeout(resolve, options.durationS * 1000));
  clearInterval(progress);
  for (const timer of starts) clearTimeout(timer);
  await Promise.all(teams.flat().map((agent) => agent.stop(GRACE_MS)));
  const { stalls, ...delay } = loop.stop();
  const reports = await Promise.all(locations.map((location) => location.stop()));
  return runs.map((run, l) => ({
    ...summarizeLocation(
      run,
      reports[l] as LocationReport,
      (teams[l] as TeamAgent[]).flatMap((agent) => agent.operations),
      runStart,
    ),
    agentsLoop: { ...delay, stalls: stalls.length },
  }));
}

/**
 * The comparison first: the same agents against two locations side by side, pacing off and
 * on. Then each step of the ladder alone (with pacing on): this machine's two cores cannot
 * run hundreds of agents in every location at once without the agents' own thread
 * becoming what is measured.
 */
export async function runTeam(options: TeamOptions): Promise<TeamResult> {
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-team-seed-'));
  try {
    const seed = seedOnce(options.seedSize, seedDir);
    const results = await runLocations(
      [
        { agents: options.gateAgents, pacing: false },
        { agents: options.gateAgents, pacing: true },
      ],
      seed,
      options,
    );
    const steps = [...new Set(options.ladder)].filter((n) => n !== options.gateAgents);
    for (const agents of steps.sort((a, b) => a - b)) {
      results.push(...(await runLocations([{ agents, pacing: true }], seed, options)));
    }
    return { options, locations: results, ...verdicts(results, options) };
  } finally {
    fs.rmSync(seedDir, { recursive: true, force: true });
  }
}

function verdicts(results: readonly LocationResult[], { gateAgents, rateLimit }: TeamOptions) {
  const paced = results.filter((r) => r.pacing).sort((a, b) => a.agents - b.agents);
  let agents: number | null = null;
  let firstOver: number | null = null;
  for (const r of paced) {
    if (r.agentsSaw.latency.p95 <= P95_LIMIT_MS && firstOver === null) agents = r.agents;
    else if (firstOver === null) firstOver = r.agents;
  }
  const on = paced.find((r) => r.agents === gateAgents) as LocationResult;
  const gate = {
    agents: gateAgents,
    maxSentPer10s: on.upstream.maxSentPer10s,
    maxArrivedPer10s: on.upstream.maxPer10s,
    upstreamRefused: on.upstream.refused,
    upstream429ToAgents: on.agentsSaw.upstream429,
    failures: on.agentsSaw.failures,
    pass:
      on.upstream.maxSentPer10s <= rateLimit &&
      on.agentsSaw.upstream429 === 0 &&
      on.agentsSaw.failures === 0,
  };
  return { capacity: { p95LimitMs: P95_LIMIT_MS, agents, firstOver }, gate };
}

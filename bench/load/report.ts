import type { Summary } from '../stats.ts';
import type { MixResult } from './mix.ts';
import type { LocationResult, TeamResult } from './team.ts';
import { PARTS, type Part } from './where-it-waited.ts';

/** The load test's Markdown report: the request mix, where it waited, the team scenario. */

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : '–');
const s = (value: number) => (Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : '–');
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (
  head: readonly string[],
  align: string,
  rows: readonly (readonly (string | number)[])[],
) => [row(head), align, ...rows.map(row)];

const PART_WORDS: Record<Part, string> = {
  queued: 'waiting for a socket in the client',
  connect: 'TCP handshake (the kernel, before any accept)',
  toServer: 'sent, not yet read by the server (not accepted, or behind its busy loop)',
  turn: 'read, waiting for its turn (server/take-turns.ts)',
  handler: "the server's own work",
  back: 'answered, not yet read by the client',
  body: 'reading the body',
};

export function mixMarkdown(result: MixResult): string[] {
  const { report } = result;
  const l = report.latencyMs;
  const errors =
    report.errors.total === 0
      ? 'none'
      : Object.entries(report.errors.byStatus)
          .map(([status, n]) => `${status}: ${n}`)
          .join(', ');
  const out = [
    '## Request mix',
    '',
    `${result.clients} keep-alive clients for ${result.durationS} s against ${result.target}` +
      (result.seedSize === null ? '' : ` (${result.seedSize} conversations per provider)`) +
      (result.serverTakesTurns === null
        ? ''
        : result.serverTakesTurns
          ? ', the server taking turns'
          : ', the server **not** taking turns (`--no-turns`: as before the fix)') +
      '.',
    '',
    ...table(
      ['requests', 'throughput', 'p50', 'p95', 'p99', '**max**', 'errors'],
      '|---:|---:|---:|---:|---:|---:|---|',
      [
        [
          report.requests,
          `${report.throughputPerSecond} req/s`,
          `${ms(l.p50)} ms`,
          `${ms(l.p95)} ms`,
          `${ms(l.p99)} ms`,
          `**${ms(l.max)} ms**`,
          errors,
        ],
      ],
    ),
    '',
    ...table(
      ['request', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      '|---|---:|---:|---:|---:|---:|---:|',
      Object.entries(report.byKind).map(([kind, k]) => [
        kind,
        k.count,
        ms(k.p50),
        ms(k.p95),
        ms(k.p99),
        ms(k.max),
        k.errors,
      ]),
    ),
  ];
  const w = result.waited;
  if (w === null) return out;
  out.push(
    '',
    '### Where the time went',
    '',
    'Each request split by timestamps taken in the client and in the server (matched by an',
    'id header; bench/load/where-it-waited.ts):',
    '',
    ...table(
      [
        'part',
        'p50 ms',
        'p99 ms',
        'max ms',
        `sum over the ${w.slow.count} requests over ${s(w.slowMs)}`,
      ],
      '|---|---:|---:|---:|---:|',
      PARTS.map((part) => [
        `${part}: ${PART_WORDS[part]}`,
        ms(w.parts[part].p50),
        ms(w.parts[part].p99),
        ms(w.parts[part].max),
        `${ms(w.slow.sumMs[part])} ms`,
      ]),
    ),
    '',
    `- Connections accepted: ${w.connections.accepted}; the last ${s(w.connections.lastAcceptedAfterMs)} after the clients started.`,
    `- Server event loop: delay p50 ${w.loops.server.delayP50Ms} ms, p99 ${w.loops.server.delayP99Ms} ms, max ${w.loops.server.delayMaxMs} ms; ${w.loops.server.stalls} stalls over 250 ms (longest ${w.loops.server.longestStallMs} ms).`,
    `- Load generator's event loop: delay p99 ${w.loops.client.delayP99Ms} ms, max ${w.loops.client.delayMaxMs} ms; ${w.loops.client.stalls} stalls over 250 ms.`,
  );
  if (result.walBytes !== null) {
    const largest = Math.max(0, ...result.walBytes.map(([, bytes]) => bytes));
    out.push(
      `- SQLite WAL: grew to ${(largest / 1e6).toFixed(1)} MB (checkpoints run inside the write that crosses 1,000 pages; their time is in "handler", whose max is above).`,
    );
  }
  out.push(
    '',
    'Slowest requests (ms):',
    '',
    ...table(
      ['request', 'total', ...PARTS],
      `|---|---:|${PARTS.map(() => '---:').join('|')}|`,
      w.slowest
        .slice(0, 5)
        .map((b) => [b.kind, ms(b.totalMs), ...PARTS.map((part) => ms(b.parts[part]))]),
    ),
  );
  return out;
}

const latencyCells = (l: Summary) => [ms(l.p50), ms(l.p95), ms(l.max)];

function locationLabel(r: LocationResult): string {
  return `${r.agents} agents, pacing ${r.pacing ? 'on' : 'off'}`;
}

export function teamMarkdown(result: TeamResult): string[] {
  const o = result.options;
  const on = result.locations.find((r) => r.pacing && r.agents === o.gateAgents);
  const off = result.locations.find((r) => !r.pacing && r.agents === o.gateAgents);
  const compare = [off, on].filter((r): r is LocationResult => r !== undefined);
  const ladder = result.locations.filter((r) => r.pacing);
  const g = result.gate;
  return [
    '## Team scenario',
    '',
    `Agents behind one Parley server in proxy mode (server token, tenant ParleyDemoLocation01) ` +
      `against a stand-in HighLevel enforcing ${o.rateLimit} requests in any 10 s (a Parley server ` +
      `in embedded mode, ${o.seedSize} conversations, 429 without Retry-After). Each agent opens a view ` +
      `(list page, agent directory, the counts on screen), scrolls three pages, polls its view every 15 s, ` +
      `refreshes the rail's five counts every 60 s, and stars about every ${o.starEveryS} s, through the ` +
      `browser's own adapter and rate gate (bench/load/team-agent.ts). Agents open Parley within the first ` +
      `${o.rampS} s; each location runs ${o.durationS} s in **real time** (nothing simulated faster), ` +
      'with its own stand-in. Pacing off and on run side by side with the same agents (with pacing ' +
      'off, server/proxy.ts still sends identical reads in flight once; only the pacer and the 5 s ' +
      'cache are off, so one refused request can answer several agents); each further ' +
      'team size runs alone after them. Operations still unanswered 30 s after the end count as failures.',
    '',
    `**Gate at ${g.agents} agents, pacing on: ${g.pass ? 'PASS' : 'FAIL'}** — Parley sent ` +
      `${g.maxSentPer10s} requests upstream in its busiest 10 s (limit ${o.rateLimit}; ` +
      `${g.maxArrivedPer10s} arrived at the stand-in in its busiest 10 s, which refused ` +
      `${g.upstreamRefused}), ${g.upstream429ToAgents} upstream 429s reached agents, ${g.failures} failures.`,
    '',
    '"Sent" is counted on the proxy\'s clock as the pacer lets each request go; "arrived" when the ' +
      'stand-in read it. Between the two, this machine may deschedule a thread for hundreds of ' +
      "milliseconds (see the agents' loop delay below), which bunches arrivals; the pacer keeps 5 " +
      'requests of headroom under the limit for such skew (decision 0013), and waits out a 429 ' +
      'rather than pass it on.',
    '',
    ...table(
      [
        'location',
        'upstream requests (max in 10 s: sent / arrived)',
        'upstream 429s',
        '429s to agents: paced / upstream',
        'failures',
        'operations (waited)',
        'agent-visible p50 / p95 / max ms',
      ],
      '|---|---:|---:|---:|---:|---:|---:|',
      compare.map((r) => [
        locationLabel(r),
        `${r.upstream.requests} (**${r.upstream.maxSentPer10s}** / ${r.upstream.maxPer10s})`,
        r.upstream.refused,
        `${r.agentsSaw.paced429} / ${r.agentsSaw.upstream429}`,
        r.agentsSaw.failures,
        `${r.agentsSaw.operations} (${r.agentsSaw.waited})`,
        latencyCells(r.agentsSaw.latency).join(' / '),
      ]),
    ),
    '',
    'By operation (p50 / p95 / max ms):',
    '',
    ...table(
      ['location', ...['open', 'scroll', 'agents', 'count', 'poll', 'star']],
      '|---|---:|---:|---:|---:|---:|---:|',
      compare.map((r) => [
        locationLabel(r),
        ...(['open', 'scroll', 'agents', 'count', 'poll', 'star'] as const).map((kind) => {
          const k = r.agentsSaw.byKind[kind];
          return k === undefined ? '–' : latencyCells(k).join(' / ');
        }),
      ]),
    ),
    '',
    '### How many agents one location serves (pacing on)',
    '',
    ...table(
      [
        'agents',
        'upstream max in 10 s: sent / arrived',
        'upstream 429s',
        '429s to agents: paced / upstream',
        'failures',
        'p50 / p95 / max ms',
        'gate wait p95 ms (ops that waited)',
        "agents' loop delay p99 / max ms",
      ],
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      ladder.map((r) => [
        r.agents,
        `${r.upstream.maxSentPer10s} / ${r.upstream.maxPer10s}`,
        r.upstream.refused,
        `${r.agentsSaw.paced429} / ${r.agentsSaw.upstream429}`,
        r.agentsSaw.failures,
        latencyCells(r.agentsSaw.latency).join(' / '),
        `${ms(r.agentsSaw.gateWait.p95)} (${r.agentsSaw.waited})`,
        `${ms(r.agentsLoop.delayP99Ms)} / ${ms(r.agentsLoop.delayMaxMs)}`,
      ]),
    ),
    '',
    'What reached the stand-in, by what the browser asked (a search of 1 is a count, of 25 a head poll):',
    '',
    ...table(
      ['location', 'list pages', 'head polls', 'counts', 'agent directory', 'writes'],
      '|---|---:|---:|---:|---:|---:|',
      [...compare.filter((r) => !r.pacing), ...ladder].map((r) => [
        locationLabel(r),
        ...(['list', 'poll', 'count', 'agents', 'write'] as const).map(
          (what) => r.upstream.byWhat[what] ?? 0,
        ),
      ]),
    ),
    '',
    result.capacity.agents === null
      ? `No step kept the agent-visible p95 within ${s(result.capacity.p95LimitMs)}.`
      : `One location serves **${result.capacity.agents} agents** with the agent-visible p95 within ` +
        `${s(result.capacity.p95LimitMs)}` +
        (result.capacity.firstOver === null
          ? ' (every step measured stayed within it).'
          : `; at ${result.capacity.firstOver} it is over.`),
  ];
}

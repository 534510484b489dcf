import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runMix, type MixResult } from './mix.ts';
import { mixMarkdown, teamMarkdown } from './report.ts';
import { runTeam, type TeamResult } from './team.ts';

/**
 * `npm run load`: the load test, two scenarios.
 *
 * - **mix**: N concurrent keep-alive clients for D seconds, a realistic mix of reads and a
 *   few writes over both embedded providers, as fast as the server answers (bench/load/mix.ts).
 *   Fails on any error.
 * - **team**: agents behind one Parley server in proxy mode against a stand-in HighLevel
 *   that enforces its rate limit, pacing and shared reads on and off (bench/load/team.ts).
 *   Fails when, at `--agents` with pacing on, more than the limit reached the stand-in in
 *   any 10 s, an upstream 429 reached an agent, or an operation failed.
 *
 *   tsx bench/load/run.ts [--scenario all|mix|team]
 *     mix:  [--clients 200] [--duration 60] [--seed-size 20000] [--request-timeout 30000]
 *           [--url http://127.0.0.1:4280] [--no-turns]
 *     team: [--agents 50] [--team-duration 150] [--ramp 30] [--team-seed-size 5000]
 *           [--star-every 120] [--ladder 25,75,100,150,200]
 *           (the ladder, off by default, runs each team size alone after the comparison:
 *           150 s per size)
 *     [--out bench/results/load-<date>]   (writes .json and .md)
 *   tsx bench/load/run.ts --render bench/results/load-<date>.json   (its .md again)
 *
 * Without --url the mix seeds a temporary database and runs the real server in a worker
 * thread. The load test only ever talks to 127.0.0.1, and stops by itself.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Options {
  /** Only write the Markdown of a saved report (its .json) again, e.g. after the wording changed. */
  render: string | null;
  scenarios: { mix: boolean; team: boolean };
  mix: Parameters<typeof runMix>[0];
  team: Parameters<typeof runTeam>[0];
  out: string | null;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'all' },
      url: { type: 'string' },
      clients: { type: 'string', default: '200' },
      duration: { type: 'string', default: '60' },
      'seed-size': { type: 'string', default: '20000' },
      'request-timeout': { type: 'string', default: '30000' },
      'no-turns': { type: 'boolean', default: false },
      agents: { type: 'string', default: '50' },
      ladder: { type: 'string', default: '' },
      'team-duration': { type: 'string', default: '150' },
      ramp: { type: 'string', default: '30' },
      'team-seed-size': { type: 'string', default: '5000' },
      'star-every': { type: 'string', default: '120' },
      out: { type: 'string' },
      render: { type: 'string' },
    },
    strict: true,
  });
  const integer = (name: string, raw: string, min: number, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
  const scenario = values.scenario;
  if (scenario !== 'all' && scenario !== 'mix' && scenario !== 'team') {
    throw new Error(`--scenario must be all, mix or team (got "${scenario}")`);
  }
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
  const ladder =
    values.ladder.trim() === ''
      ? []
      : values.ladder.split(',').map((n) => integer('ladder', n.trim(), 1, 1000));
  const teamDuration = integer('team-duration', values['team-duration'], 20, 3600);
  return {
    render: values.render ?? null,
    scenarios: { mix: scenario !== 'team', team: scenario !== 'mix' },
    mix: {
      url,
      clients: integer('clients', values.clients, 1, 2000),
      durationS: integer('duration', values.duration, 1, 600),
      seedSize: integer('seed-size', values['seed-size'], 100, 1_000_000),
      requestTimeoutMs: integer('request-timeout', values['request-timeout'], 100, 120_000),
      noTurns: values['no-turns'],
    },
    team: {
      gateAgents: integer('agents', values.agents, 1, 1000),
      ladder,
      durationS: teamDuration,
      rampS: Math.min(teamDuration, integer('ramp', values.ramp, 0, 600)),
      seedSize: integer('team-seed-size', values['team-seed-size'], 100, 1_000_000),
      starEveryS: integer('star-every', values['star-every'], 1, 3600),
      rateLimit: 100,
    },
    out: values.out ?? null,
  };
}

interface LoadResult {
  startedAt: string;
  node: string;
  cpus: number;
  mix: MixResult | null;
  team: TeamResult | null;
}

function markdown(result: LoadResult): string {
  return [
    `# Load test, ${result.startedAt}`,
    '',
    `Node ${result.node}, ${result.cpus} CPUs (shared with other work: absolute timings are noisy).`,
    '',
    ...(result.mix === null ? [] : [...mixMarkdown(result.mix), '']),
    ...(result.team === null ? [] : [...teamMarkdown(result.team), '']),
  ].join('\n');
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (options.render !== null) {
    const saved = JSON.parse(fs.readFileSync(options.render, 'utf8')) as LoadResult;
    const md = options.render.replace(/\.json$/, '.md');
    fs.writeFileSync(md, markdown(saved));
    console.log(`Wrote ${path.relative(process.cwd(), md)}`);
    return 0;
  }
  const startedAt = new Date().toISOString();
  const result: LoadResult = {
    startedAt,
    node: process.version,
    cpus: os.cpus().length,
    mix: options.scenarios.mix ? await runMix(options.mix) : null,
    team: null,
  };
  // One after the other: the machine's two cores are the mix's alone while it runs.
  if (options.scenarios.team) result.team = await runTeam(options.team);

  const base =
    options.out ?? path.join(ROOT, 'bench', 'results', `load-${startedAt.replace(/[:.]/g, '-')}`);
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const md = markdown(result);
  fs.writeFileSync(`${base}.md`, md);
  console.log(`\n${md}\nWrote ${path.relative(process.cwd(), base)}.json and .md`);

  let code = 0;
  if (result.mix !== null) {
    const { report } = result.mix;
    if (report.errors.total > 0 || report.requests === 0) {
      console.error('FAIL: the request mix had errors');
      code = 1;
    }
  }
  if (result.team !== null && !result.team.gate.pass) {
    console.error(`FAIL: the team gate at ${result.team.gate.agents} agents`);
    code = 1;
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);

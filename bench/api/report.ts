import os from 'node:os';
import type { Contract, Group } from './scenarios.ts';

export interface LatencyRow {
  size: number;
  id: string;
  contract: Contract | null;
  group: Group;
  label: string;
  depth: number | null;
  path: string;
  count: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  /** Rows on the page and the API's `total`, from the first response. */
  rows: number | null;
  total: number | null;
}

export interface LoadRow {
  size: number;
  contract: Contract;
  clients: number;
  durationMs: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
}

export interface DatabaseRow {
  size: number;
  file: string;
  bytes: number;
  /** Null when the cached file was reused. */
  seededMs: number | null;
}

export interface Target {
  description: string;
  thresholdMs: number;
  size: number;
  /** Null when the run did not include that size. */
  pass: boolean | null;
  values: { contract: Contract; p50: number }[];
}

export interface Machine {
  cpuModel: string;
  cpus: number;
  totalMemoryGb: number;
  platform: string;
  release: string;
  arch: string;
}

/** The machine a run measured, for every bench report. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cpus: cpus.length,
    totalMemoryGb: os.totalmem() / 1024 ** 3,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
  };
}

export interface ApiBenchReport {
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  seed: number;
  sizes: number[];
  machine: Machine;
  node: string;
  sqlite: string;
  method: { warmup: number; blocks: number; perBlock: number; loadSeconds: number };
  databases: DatabaseRow[];
  latency: LatencyRow[];
  load: LoadRow[];
  target: Target;
}

export const TARGET_MS = 20;
export const TARGET_SIZE = 1_000_000;

export function evaluateTarget(latency: readonly LatencyRow[]): Target {
  const firstPages = latency.filter(
    (row) => row.size === TARGET_SIZE && row.group === 'depth' && row.depth === 0,
  );
  const values = firstPages.flatMap((row) =>
    row.contract === null ? [] : [{ contract: row.contract, p50: row.p50 }],
  );
  return {
    description: `p50 list latency under ${TARGET_MS} ms at ${TARGET_SIZE.toLocaleString('en-US')} conversations for the first page of every contract's default view`,
    thresholdMs: TARGET_MS,
    size: TARGET_SIZE,
    pass: values.length === 0 ? null : values.every((value) => value.p50 < TARGET_MS),
    values,
  };
}

const CONTRACT_NAMES: Record<Contract, string> = {
  highlevel: 'HighLevel',
  exante: 'Exante',
};

const ms = (value: number): string =>
  Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1);
export const sizeName = (size: number): string =>
  size >= 1_000_000 && size % 1_000_000 === 0
    ? `${size / 1_000_000}M`
    : size >= 1000 && size % 1000 === 0
      ? `${size / 1000}k`
      : String(size);
const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(2)} GB`;

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMarkdown(report: ApiBenchReport): string {
  const sizes = report.sizes;
  const largest = sizes[sizes.length - 1] ?? 0;
  const find = (size: number, id: string) =>
    report.latency.find((row) => row.size === size && row.id === id);
  const out: string[] = [];

  out.push(`# Embedded API cost curve — ${report.startedAt}`);
  out.push('');
  out.push(
    `Mode **${report.mode}**, sizes ${sizes.map(sizeName).join(', ')} conversations per provider (seed ${report.seed}). ` +
      `${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.totalMemoryGb.toFixed(0)} GB RAM, ` +
      `${report.machine.platform} ${report.machine.release} (${report.machine.arch}), Node ${report.node}, SQLite ${report.sqlite}.`,
  );
  out.push('');

  const target = report.target;
  const verdict =
    target.pass === null
      ? `**NOT MEASURED** (this run has no ${sizeName(target.size)} size; run without --quick)`
      : target.pass
        ? '**PASS**'
        : '**FAIL**';
  out.push(`## Target: ${target.description}`);
  out.push('');
  out.push(
    `${verdict}${target.values.length > 0 ? ': ' : ''}${target.values
      .map((v) => `${CONTRACT_NAMES[v.contract]} ${ms(v.p50)} ms`)
      .join(', ')}`,
  );
  out.push('');

  out.push('## List latency (ms, p50 / p95)');
  out.push('');
  out.push(
    `Sequential requests over HTTP keep-alive from a client thread; ${report.method.warmup} warm-up requests per scenario, ` +
      `then ${report.method.blocks} blocks × ${report.method.perBlock} requests with the scenarios in a fresh random order per block. ` +
      `Page size 50. "matches" is the \`total\` the API reported at ${sizeName(largest)}.`,
  );
  out.push('');
  const ids = [...new Set(report.latency.map((row) => row.id))];
  out.push(
    table(
      ['contract', 'scenario', ...sizes.map(sizeName), `matches @ ${sizeName(largest)}`],
      ids.map((id) => {
        const any = report.latency.find((row) => row.id === id);
        const cells = sizes.map((size) => {
          const row = find(size, id);
          return row === undefined ? '–' : `${ms(row.p50)} / ${ms(row.p95)}`;
        });
        const total = find(largest, id)?.total;
        return [
          any?.contract === null || any === undefined ? '—' : CONTRACT_NAMES[any.contract],
          any?.label ?? id,
          ...cells,
          total === null || total === undefined ? '' : total.toLocaleString('en-US'),
        ];
      }),
    ),
  );
  out.push('');

  out.push('## Paging depth (p50 ms)');
  out.push('');
  out.push(
    'HighLevel pages by keyset (`startAfterDate=[value, seq]`): an index seek to the cursor, the same work at any depth. ' +
      'Exante pages by number (`page`, `per_page`): the server must skip (page − 1) × per_page rows, one index step each, ' +
      'so the cost grows with depth. The embedded server skips from whichever end is nearer (same rows, read in reverse), ' +
      'so the dearest page is the middle one and the last page is as cheap as the first.',
  );
  out.push('');
  const depthIds = ['first', 'quarter', 'middle', 'last'];
  out.push(
    table(
      ['contract', 'size', 'first', '25 %', '50 %', 'last', '50 % ÷ first'],
      (['highlevel', 'exante'] as const).flatMap((contract) =>
        sizes.map((size) => {
          const prefix = contract === 'highlevel' ? 'hl' : 'ex';
          const values = depthIds.map((key) => find(size, `${prefix}.${key}`)?.p50 ?? Number.NaN);
          const ratio = (values[2] ?? Number.NaN) / (values[0] ?? Number.NaN);
          return [
            CONTRACT_NAMES[contract],
            sizeName(size),
            ...values.map(ms),
            Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : '–',
          ];
        }),
      ),
    ),
  );
  out.push('');

  out.push('## Concurrency: default view, first page');
  out.push('');
  out.push(
    `Closed loop: N clients, each with one request in flight, for ${report.method.loadSeconds} s per cell. ` +
      'Node serves requests on one thread, so requests/s levels off once that thread is busy and latency grows with the queue.',
  );
  out.push('');
  out.push(
    table(
      ['contract', 'size', 'clients', 'requests/s', 'p50', 'p95', 'errors'],
      report.load.map((row) => [
        CONTRACT_NAMES[row.contract],
        sizeName(row.size),
        String(row.clients),
        row.rps.toFixed(0),
        ms(row.p50),
        ms(row.p95),
        String(row.errors),
      ]),
    ),
  );
  out.push('');

  out.push('## Databases');
  out.push('');
  out.push(
    table(
      ['size', 'file', 'on disk', 'seeded this run'],
      report.databases.map((row) => [
        sizeName(row.size),
        `\`${row.file}\``,
        gb(row.bytes),
        row.seededMs === null ? 'no (cached)' : `${(row.seededMs / 1000).toFixed(0)} s`,
      ]),
    ),
  );
  out.push('');
  return out.join('\n');
}

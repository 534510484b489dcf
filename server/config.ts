import path from 'node:path';

export type ProviderId = 'highlevel' | 'exante';

export interface UpstreamConfig {
  provider: ProviderId;
  /** The provider's base URL, e.g. https://services.leadconnectorhq.com or https://dev.exante.app/api. */
  url: string;
  tenantId: string;
  /** Server-side credential; when null the browser's Authorization header is forwarded. */
  token: string | null;
  meId: string | null;
}

export interface Config {
  port: number;
  host: string;
  dataPath: string;
  seedSize: number;
  seed: number;
  demoToken: string;
  demoLocationId: string;
  demoOrganizationUid: string;
  upstream: UpstreamConfig | null;
  /** The embedded HighLevel API's answers: as recorded on the real wire, or as the spec says. */
  wire: 'real' | 'spec';
  /** Requests per 10 s the embedded HighLevel location allows (the real 100); null: none. */
  rateLimit: number | null;
  /** The seed's "now" (PARLEY_CLOCK, for tests); null: the moment the data is seeded. */
  clockMs: number | null;
  testHooks: boolean;
  /** Fault injection on /providers/* and its control route (test-only). */
  faults: boolean;
  distDir: string;
  /** The server build of the first paint (decision 0011); absent, pages have none. */
  firstPaintModule: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment. Every problem is collected so one run reports them
 * all; messages name the variable but never echo a credential's value.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  };

  const port = integer('PORT', 4280, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';
  const dataPath = path.resolve(cwd, read('PARLEY_DATA') ?? 'data/parley.db');
  const seedSize = integer('PARLEY_SEED_SIZE', 5000, 0, 5_000_000);
  const seed = integer('PARLEY_SEED', 1, 0, 0xffffffff);

  const demoToken = read('PARLEY_DEMO_TOKEN') ?? 'ex_live_parley_demo';
  if (!/^[\x21-\x7e]+$/.test(demoToken)) {
    problems.push('PARLEY_DEMO_TOKEN must be printable ASCII without spaces');
  }
  const demoLocationId = read('PARLEY_DEMO_LOCATION_ID') ?? 'ParleyDemoLocation01';
  if (!/^[A-Za-z0-9]{1,64}$/.test(demoLocationId)) {
    problems.push(
      `PARLEY_DEMO_LOCATION_ID must be 1-64 letters or digits (got "${demoLocationId}")`,
    );
  }
  const demoOrganizationUid = (
    read('PARLEY_DEMO_ORGANIZATION_UID') ?? '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f'
  ).toLowerCase();
  if (!UUID.test(demoOrganizationUid)) {
    problems.push(`PARLEY_DEMO_ORGANIZATION_UID must be a UUID (got "${demoOrganizationUid}")`);
  }

  const wireValue = read('PARLEY_WIRE') ?? 'real';
  if (wireValue !== 'real' && wireValue !== 'spec') {
    problems.push(`PARLEY_WIRE must be "real" or "spec" (got "${wireValue}")`);
  }
  const wire = wireValue === 'spec' ? 'spec' : 'real';
  const rateLimit = integer('PARLEY_RATE_LIMIT', 100, 0, 1_000_000);
  const clock = read('PARLEY_CLOCK');
  const clockMs = clock === undefined ? null : Date.parse(clock);
  if (clockMs !== null && (Number.isNaN(clockMs) || !/^\d{4}-\d{2}-\d{2}T/.test(clock ?? ''))) {
    problems.push(
      `PARLEY_CLOCK must be an ISO date and time, e.g. 2026-11-01T12:00:00Z (got "${clock}")`,
    );
  }

  const upstream = readUpstream(read, problems);
  const testHooks = read('PARLEY_TEST_HOOKS') === '1';
  // The e2e suite runs with test hooks and drives faults, so hooks imply faults.
  const faults = read('PARLEY_FAULTS') === '1' || testHooks;

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    dataPath,
    seedSize,
    seed,
    demoToken,
    demoLocationId,
    demoOrganizationUid,
    upstream,
    wire,
    rateLimit: rateLimit === 0 ? null : rateLimit,
    clockMs: clockMs !== null && Number.isNaN(clockMs) ? null : clockMs,
    testHooks,
    faults,
    distDir: path.resolve(cwd, 'dist'),
    firstPaintModule: path.resolve(cwd, 'dist-server', 'render-first-paint.js'),
  };
}

function readUpstream(
  read: (name: string) => string | undefined,
  problems: string[],
): UpstreamConfig | null {
  const provider = read('PARLEY_UPSTREAM_PROVIDER');
  const url = read('PARLEY_UPSTREAM_URL');
  if (provider === undefined && url === undefined) return null;
  if (provider !== 'highlevel' && provider !== 'exante') {
    problems.push(
      'PARLEY_UPSTREAM_PROVIDER must be "highlevel" or "exante" when PARLEY_UPSTREAM_URL is set',
    );
  }
  if (url === undefined) {
    problems.push('PARLEY_UPSTREAM_URL is required when PARLEY_UPSTREAM_PROVIDER is set');
  } else if (!isHttpUrl(url)) {
    problems.push(`PARLEY_UPSTREAM_URL must be an http(s) URL (got "${url}")`);
  }
  const tenantId = read('PARLEY_UPSTREAM_TENANT');
  if (tenantId === undefined) {
    problems.push(
      'PARLEY_UPSTREAM_TENANT is required in upstream mode (locationId or organization_uid)',
    );
  }
  const token = read('PARLEY_UPSTREAM_TOKEN') ?? null;
  if (token !== null && !/^[\x21-\x7e]+$/.test(token)) {
    problems.push('PARLEY_UPSTREAM_TOKEN must be printable ASCII without spaces');
  }
  if (
    (provider !== 'highlevel' && provider !== 'exante') ||
    url === undefined ||
    tenantId === undefined
  ) {
    return null;
  }
  return {
    provider,
    url: url.replace(/\/+$/, ''),
    tenantId,
    token,
    meId: read('PARLEY_UPSTREAM_ME') ?? null,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

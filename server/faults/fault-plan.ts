/**
 * The list of faults the embedded API injects, and the rules for which request one
 * applies to. Test-only (PARLEY_FAULTS=1 or PARLEY_TEST_HOOKS=1).
 *
 * The list lives in the memory of the one process. That breaks the server's rule of
 * keeping no per-user state (README: several instances behind a load balancer), which is
 * acceptable only because this is a switch for tests, which talk to a single process.
 */

export const FAULT_KINDS = [
  'latency',
  '500',
  '503',
  '429',
  '401',
  'malformed-json',
  'truncated',
  'reset',
  'hang',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** What a test sends, as in `POST /parley/test/faults { faults: FaultSpec[] }`. */
export interface FaultSpec {
  match: { method?: string; path: string };
  kind: FaultKind;
  /** How many matching requests it applies to; absent means every one. */
  times?: number;
  /** Delay before the fault (the whole fault for `latency`). */
  latencyMs?: number;
  /** For 429 and 503. */
  retryAfterSeconds?: number;
}

/** A fault as the plan holds it, with its bookkeeping; also what GET lists. */
export interface ActiveFault {
  match: { method: string | null; path: string };
  kind: FaultKind;
  times: number | null;
  latencyMs: number;
  retryAfterSeconds: number;
  /** Requests it still applies to; null means unlimited. */
  remaining: number | null;
  /** Requests it has applied to so far, so a test can assert a client's retries. */
  applied: number;
}

export const DEFAULT_LATENCY_MS = 1000;
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
const MAX_FAULTS = 100;
const MAX_LATENCY_MS = 5 * 60_000;
const MAX_RETRY_AFTER_SECONDS = 3600;
const MAX_TIMES = 1_000_000;
const SPEC_KEYS = new Set(['match', 'kind', 'times', 'latencyMs', 'retryAfterSeconds']);
const MATCH_KEYS = new Set(['method', 'path']);

export type ParsedFaults = { ok: true; value: FaultSpec[] } | { ok: false; errors: string[] };

/** Validates a control body; every problem is reported, so a typo is not a silent no-op. */
export function parseFaultList(body: unknown): ParsedFaults {
  if (!isRecord(body) || !Array.isArray(body.faults)) {
    return { ok: false, errors: ['body must be an object { faults: [...] }'] };
  }
  const errors: string[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'faults') errors.push(`unknown property ${key}`);
  }
  const list: unknown[] = body.faults;
  if (list.length > MAX_FAULTS) errors.push(`at most ${MAX_FAULTS} faults`);
  const specs: FaultSpec[] = [];
  list.forEach((raw, i) => {
    const at = `faults[${i}]`;
    if (!isRecord(raw)) {
      errors.push(`${at} must be an object`);
      return;
    }
    for (const key of Object.keys(raw)) {
      if (!SPEC_KEYS.has(key)) errors.push(`${at}.${key} is not a fault property`);
    }
    const { match, kind, times, latencyMs, retryAfterSeconds } = raw;
    if (!isRecord(match)) {
      errors.push(`${at}.match must be an object { method?, path }`);
    } else {
      for (const key of Object.keys(match)) {
        if (!MATCH_KEYS.has(key)) errors.push(`${at}.match.${key} is not a match property`);
      }
      if (typeof match.path !== 'string' || match.path === '' || match.path.length > 500) {
        errors.push(`${at}.match.path must be a non-empty string (a substring or glob)`);
      }
      if (
        match.method !== undefined &&
        (typeof match.method !== 'string' ||
          !(METHODS as readonly string[]).includes(match.method.toUpperCase()))
      ) {
        errors.push(`${at}.match.method must be one of ${METHODS.join(', ')}`);
      }
    }
    if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
      errors.push(`${at}.kind must be one of ${FAULT_KINDS.join(', ')}`);
    }
    checkInteger(errors, `${at}.times`, times, 1, MAX_TIMES);
    checkInteger(errors, `${at}.latencyMs`, latencyMs, 0, MAX_LATENCY_MS);
    checkInteger(errors, `${at}.retryAfterSeconds`, retryAfterSeconds, 0, MAX_RETRY_AFTER_SECONDS);
    specs.push(raw as unknown as FaultSpec);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: specs };
}

function checkInteger(errors: string[], name: string, value: unknown, min: number, max: number) {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.push(`${name} must be an integer from ${min} to ${max}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A path pattern without `*` matches when it occurs anywhere in the request path. With
 * `*` it is a glob matched against the end of the path: `*` stands for characters within
 * one segment, `**` for anything, so `/conversations/*` matches
 * `/providers/highlevel/conversations/abc` but not `…/abc/messages`.
 */
export function pathMatcher(pattern: string): (path: string) => boolean {
  if (!pattern.includes('*')) return (path) => path.includes(pattern);
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  const regex = new RegExp(`${source}$`);
  return (path) => regex.test(path);
}

interface Entry {
  fault: ActiveFault;
  matchesPath: (path: string) => boolean;
}

export class FaultPlan {
  private entries: Entry[] = [];
  private held = 0;

  /**
   * Requests a latency or hang fault is holding right now. It drops as soon as their
   * client goes away, so a test can check that navigating away really aborted a request.
   */
  get pending(): number {
    return this.held;
  }

  /** Counts a request as held until the returned promise settles. */
  async hold<T>(waiting: Promise<T>): Promise<T> {
    this.held += 1;
    try {
      return await waiting;
    } finally {
      this.held -= 1;
    }
  }

  /** Replaces the whole list: each test states the faults it wants, nothing lingers. */
  replace(specs: readonly FaultSpec[]): void {
    this.entries = specs.map((spec) => ({
      fault: {
        match: { method: spec.match.method?.toUpperCase() ?? null, path: spec.match.path },
        kind: spec.kind,
        times: spec.times ?? null,
        latencyMs: spec.latencyMs ?? (spec.kind === 'latency' ? DEFAULT_LATENCY_MS : 0),
        retryAfterSeconds: spec.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
        remaining: spec.times ?? null,
        applied: 0,
      },
      matchesPath: pathMatcher(spec.match.path),
    }));
  }

  clear(): void {
    this.entries = [];
  }

  /** Whether some fault can still apply (one that is used up cannot). */
  get armed(): boolean {
    return this.entries.some(({ fault }) => fault.remaining !== 0);
  }

  list(): ActiveFault[] {
    return this.entries.map(({ fault }) => ({ ...fault, match: { ...fault.match } }));
  }

  /**
   * The first fault in list order that matches and is not used up, counted as applied;
   * null when none does. At most one fault applies to a request.
   */
  take(method: string, path: string): ActiveFault | null {
    for (const { fault, matchesPath } of this.entries) {
      if (fault.remaining === 0) continue;
      if (fault.match.method !== null && fault.match.method !== method.toUpperCase()) continue;
      if (!matchesPath(path)) continue;
      if (fault.remaining !== null) fault.remaining -= 1;
      fault.applied += 1;
      return { ...fault, match: { ...fault.match } };
    }
    return null;
  }
}

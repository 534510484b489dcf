import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ProviderId, UpstreamConfig } from './config.ts';
import { assumedErrorBody } from '../src/api/contract/exante.ts';
import { RATE_LIMIT } from '../src/api/contract/highlevel.ts';
import { highLevelErrorBody } from './highlevel/errors.ts';
import { ComeBackLater, UpstreamPacer } from './upstream/pacer.ts';
import { SharedReads, type BufferedAnswer } from './upstream/shared-reads.ts';

/**
 * Only what the app uses is forwarded, so the browser cannot drive arbitrary upstream
 * endpoints with the server-side token. Ids are restricted to safe characters so no
 * encoded slash or dot-segment can reach another upstream path.
 */
const ID = '[A-Za-z0-9_-]+';
const ALLOWED: Record<ProviderId, { method: string; path: RegExp }[]> = {
  highlevel: [
    { method: 'GET', path: /^\/conversations\/search$/ },
    { method: 'GET', path: new RegExp(`^/conversations/${ID}$`) },
    { method: 'PUT', path: new RegExp(`^/conversations/${ID}$`) },
    { method: 'GET', path: new RegExp(`^/conversations/${ID}/messages$`) },
    { method: 'GET', path: new RegExp(`^/conversations/messages/email/${ID}$`) },
    // Replying (by contact) and assigning (the contact's assignedTo): decision 0015.
    { method: 'POST', path: /^\/conversations\/messages$/ },
    { method: 'PUT', path: new RegExp(`^/contacts/${ID}$`) },
    { method: 'GET', path: /^\/users\/?$/ },
    { method: 'GET', path: /^\/users\/search$/ },
  ],
  exante: [
    { method: 'GET', path: /^\/api\/conversations$/ },
    { method: 'GET', path: new RegExp(`^/api/conversations/${ID}$`) },
    { method: 'PATCH', path: new RegExp(`^/api/conversations/${ID}$`) },
    { method: 'POST', path: new RegExp(`^/api/conversations/${ID}/messages$`) },
    { method: 'GET', path: new RegExp(`^/api/organization/${ID}/users$`) },
    { method: 'GET', path: /^\/api\/user$/ },
  ],
};

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, never forwarded. */
const HOP_BY_HOP_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** Which tab of Parley's a request comes from (src/api/client.ts): for the proxy alone. */
const SESSION_HEADER = 'x-parley-session';

/** Hop-by-hop headers plus ones that describe the browser, not us. */
const DROPPED_REQUEST_HEADERS = new Set([
  ...HOP_BY_HOP_HEADERS,
  SESSION_HEADER,
  'host',
  'content-length',
  'accept-encoding',
  'cookie',
  'origin',
  'referer',
]);

const DROPPED_RESPONSE_HEADERS = new Set([
  ...HOP_BY_HOP_HEADERS,
  // fetch() has already decoded the body, so these would describe the wrong bytes.
  'content-encoding',
  'content-length',
  'set-cookie',
]);

export interface ProxyOptions {
  upstream: UpstreamConfig;
  /** The path prefix the proxy is mounted at, e.g. /providers/highlevel. */
  mountPath: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** One line per request: method, path, status, duration. Never headers or query. */
  log?: (line: string) => void;
  /**
   * Pacing and sharing reads (decision 0013); on by default. Off only to measure what they
   * save (the load test's comparison).
   */
  pacing?: boolean;
  /** How long an identical read is answered from memory; 0 turns the cache off. */
  cacheTtlMs?: number;
}

/** The upstream's own rate-limit headers describe the location's budget, not the agent's. */
const isRateLimitHeader = (name: string) => name.toLowerCase().startsWith('x-ratelimit-');

const PROVIDER_NAMES = { highlevel: 'HighLevel', exante: 'Exante' } as const;

export function createProxyApp(options: ProxyOptions): Hono {
  const { upstream, mountPath } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const pacing = options.pacing ?? true;
  const pacer = pacing
    ? new UpstreamPacer({
        // HighLevel's limit is documented; Exante's is learnt from its answers.
        limit: upstream.provider === 'highlevel' ? RATE_LIMIT : null,
        headroom: upstream.provider === 'highlevel' ? 0.05 : 0,
        // Sends an interval apart can arrive closer together on a busy machine or network.
        marginMs: 300,
      })
    : null;
  const shared = new SharedReads(pacing ? (options.cacheTtlMs ?? 5000) : 0);
  const app = new Hono();

  const fail = (c: Context, status: ContentfulStatusCode, message: string) =>
    c.json(
      upstream.provider === 'highlevel'
        ? highLevelErrorBody(status, message)
        : assumedErrorBody(status, message),
      status,
    );

  app.use(
    '*',
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => fail(c, 413, 'Request body is too large') }),
  );

  /**
   * Sends one request upstream and reads its whole answer, within the timeout; waits its
   * turn at the pacer first, and again after a 429 (the pacer then knows how long).
   */
  async function send(
    target: string,
    init: { method: string; headers: Headers; body: ArrayBuffer | undefined },
    write: boolean,
    signal: AbortSignal | undefined,
  ): Promise<BufferedAnswer> {
    for (;;) {
      await pacer?.acquire(write, signal);
      // One controller, held by the timer and by the client's signal. Not
      // AbortSignal.any([…, AbortSignal.timeout()]): on Node 20 the composite holds its
      // sources weakly, so a garbage collection can drop the timeout.
      const abort = new AbortController();
      const timer = setTimeout(
        () => abort.abort(new DOMException('The upstream API did not answer', 'TimeoutError')),
        timeoutMs,
      );
      const clientGone = () => abort.abort(signal?.reason);
      signal?.addEventListener('abort', clientGone, { once: true });
      try {
        const response = await fetchImpl(target, {
          ...init,
          signal: abort.signal,
          redirect: 'manual',
        });
        const body = await response.arrayBuffer();
        if (pacer?.observe(response.status, response.headers) != null) continue;
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => {
          if (!DROPPED_RESPONSE_HEADERS.has(name.toLowerCase()) && !isRateLimitHeader(name)) {
            headers.push([name, value]);
          }
        });
        return { status: response.status, headers, body };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', clientGone);
      }
    }
  }

  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const subPath = url.pathname.slice(mountPath.length) || '/';
    const method = c.req.method;
    const allowed = ALLOWED[upstream.provider].some(
      (rule) => rule.method === method && rule.path.test(subPath),
    );
    if (!allowed) return fail(c, 404, `Cannot ${method} ${url.pathname}`);

    // Exante's configured base URL already ends in /api (decision 0001).
    const upstreamPath = upstream.provider === 'exante' ? subPath.slice('/api'.length) : subPath;
    const target = `${upstream.url}${upstreamPath}${url.search}`;

    const headers = new Headers();
    const connectionListed = new Set(
      (c.req.header('connection') ?? '').split(',').map((h) => h.trim().toLowerCase()),
    );
    c.req.raw.headers.forEach((value, name) => {
      const lower = name.toLowerCase();
      if (DROPPED_REQUEST_HEADERS.has(lower) || connectionListed.has(lower)) return;
      if (lower.startsWith('sec-') || lower.startsWith('x-forwarded-')) return;
      headers.set(name, value);
    });
    if (upstream.token !== null) headers.set('Authorization', `Bearer ${upstream.token}`);
    // Whose answer this is: reads are shared only between requests with the same one.
    const caller = {
      credential: `${headers.get('authorization') ?? ''}\u0000${headers.get('version') ?? ''}`,
      session: c.req.header(SESSION_HEADER) ?? null,
    };

    const write = method !== 'GET' && method !== 'HEAD';
    const init = {
      method,
      headers,
      body: write ? await c.req.arrayBuffer() : undefined,
    };
    const started = performance.now();
    let answer: BufferedAnswer;
    try {
      if (write) {
        shared.wrote(caller);
        answer = await send(target, init, true, c.req.raw.signal);
        shared.wrote(caller);
      } else {
        // A shared read outlives the agent who asked first: others may be waiting on it.
        answer = await shared.read(caller, target, () => send(target, init, false, undefined));
      }
    } catch (error) {
      if (error instanceof ComeBackLater) {
        const seconds = Math.max(1, Math.ceil(error.waitMs / 1000));
        log(`proxy ${method} ${url.pathname} -> 429 (paced: back in ${seconds}s)`);
        const response = fail(
          c,
          429,
          `Waiting for ${PROVIDER_NAMES[upstream.provider]}'s rate limit (${seconds} s)`,
        );
        response.headers.set('Retry-After', String(seconds));
        return response;
      }
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      log(`proxy ${method} ${url.pathname} -> ${timedOut ? 504 : 502} (${describe(error)})`);
      return timedOut
        ? fail(c, 504, 'The upstream API did not answer in time')
        : fail(c, 502, 'The upstream API could not be reached');
    }
    log(
      `proxy ${method} ${url.pathname} -> ${answer.status} ${Math.round(performance.now() - started)}ms`,
    );
    const bodyless = answer.status === 204 || answer.status === 205 || answer.status === 304;
    return new Response(bodyless ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  });

  return app;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return 'unknown error';
}

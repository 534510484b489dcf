import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ProviderId, UpstreamConfig } from './config.ts';
import { assumedErrorBody } from '../src/api/contract/exante.ts';
import { highLevelErrorBody } from './highlevel/errors.ts';

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
    { method: 'GET', path: /^\/users\/?$/ },
    { method: 'GET', path: /^\/users\/search$/ },
  ],
  exante: [
    { method: 'GET', path: /^\/api\/conversations$/ },
    { method: 'GET', path: new RegExp(`^/api/conversations/${ID}$`) },
    { method: 'PATCH', path: new RegExp(`^/api/conversations/${ID}$`) },
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

/** Hop-by-hop headers plus ones that describe the browser, not us. */
const DROPPED_REQUEST_HEADERS = new Set([
  ...HOP_BY_HOP_HEADERS,
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
}

export function createProxyApp(options: ProxyOptions): Hono {
  const { upstream, mountPath } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log = options.log ?? ((line: string) => console.log(line));
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

    const started = performance.now();
    // One controller, held by the timer and by the client's signal. Not
    // AbortSignal.any([…, AbortSignal.timeout()]): on Node 20 the composite holds its sources
    // weakly, so a garbage collection can drop the timeout and a hung upstream never times out.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException('The upstream API did not answer', 'TimeoutError')),
      timeoutMs,
    );
    const clientGone = () => {
      clearTimeout(timer);
      abort.abort(c.req.raw.signal.reason);
    };
    c.req.raw.signal.addEventListener('abort', clientGone, { once: true });
    let response: Response;
    try {
      response = await fetchImpl(target, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : await c.req.arrayBuffer(),
        signal: abort.signal,
        redirect: 'manual',
      });
    } catch (error) {
      clearTimeout(timer);
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      log(`proxy ${method} ${url.pathname} -> ${timedOut ? 504 : 502} (${describe(error)})`);
      return timedOut
        ? fail(c, 504, 'The upstream API did not answer in time')
        : fail(c, 502, 'The upstream API could not be reached');
    }
    log(
      `proxy ${method} ${url.pathname} -> ${response.status} ${Math.round(performance.now() - started)}ms`,
    );

    const outHeaders = new Headers();
    response.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) outHeaders.set(name, value);
    });
    const bodyless = response.status === 204 || response.status === 205 || response.status === 304;
    // The timeout covers the body too (a stalled upstream body is cut); it is cleared once
    // the body has streamed through.
    const body =
      bodyless || response.body === null
        ? null
        : response.body.pipeThrough(new TransformStream({ flush: () => clearTimeout(timer) }));
    if (body === null) clearTimeout(timer);
    return new Response(body, {
      status: response.status,
      headers: outHeaders,
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

import type { RateGate } from './rate-gate.ts';

/**
 * The one fetch wrapper (design.md §3). Every request Parley makes goes through
 * `request`, and every failure comes out as an `ApiError` with a `kind` the UI can act on.
 * The bearer token is only ever written into the Authorization header: it is not kept
 * on errors, not put in URLs, and scrubbed from any message a server echoes back.
 */

export type ApiErrorKind = 'network' | 'timeout' | 'aborted' | 'http' | 'malformed' | 'unsupported';

export interface ApiErrorOptions {
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status?: number;
  /** Human-readable and specific, e.g. `limit must not be greater than 100`. */
  readonly messages: string[];
  /** From `Retry-After` on 429 and 503. */
  readonly retryAfterMs?: number;

  constructor(kind: ApiErrorKind, messages: string[], options: ApiErrorOptions = {}) {
    const summary = messages.length > 0 ? messages.join('; ') : kind;
    super(
      options.status === undefined
        ? `${kind}: ${summary}`
        : `${kind} ${options.status}: ${summary}`,
      // `cause` is installed non-enumerable by Error itself.
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.kind = kind;
    this.messages = messages;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** A request Parley refuses before sending: the API cannot do it, or not with this input. */
export function unsupported(message: string | string[]): ApiError {
  return new ApiError('unsupported', Array.isArray(message) ? message : [message]);
}

/** A query value: `null`/`undefined` entries are skipped. */
export type QueryValue = string | number | boolean | null | undefined;
/**
 * Providers disagree on how to send lists (comma-joined, repeated keys, `key[]`), so the
 * caller decides: pass entries (repeat a key to repeat it) or a ready URLSearchParams.
 */
export type Query = URLSearchParams | ReadonlyArray<readonly [string, QueryValue]>;

/**
 * How a request reaches the server: the browser's fetch, or on the server (the first
 * paint) the embedded API answering in the same process.
 */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

export interface RequestOptions<T> {
  baseUrl: string;
  /** Appended to baseUrl; encode path segments (ids) with encodeURIComponent. */
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** Serialized as JSON. */
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Default 15 s; covers the whole exchange including reading the body. */
  timeoutMs?: number;
  /**
   * Reads the JSON body into what the caller needs (src/api/providers/tolerant.ts has the
   * readers). A throw becomes `kind: 'malformed'`, with its message.
   */
  parse: (data: unknown) => T;
  /** Provider-specific reading of an error body into messages; the generic reader is the fallback. */
  readErrorBody?: (body: unknown) => string[] | undefined;
  /** Default: fetch. */
  transport?: Transport;
  /** The API's rate gate: the request waits there while the API's budget is spent. */
  gate?: RateGate;
}

/** A provider's settings for its requests (base URL, token, rate gate, headers). */
export type RequestBase = Omit<RequestOptions<unknown>, 'path' | 'parse'>;

export const DEFAULT_TIMEOUT_MS = 15_000;

/** This tab's id: random, not secret, gone with the tab. */
const SESSION =
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : Math.random().toString(36).slice(2);

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const base = baseUrl.replace(/\/+$/, '');
  const tail = path === '' ? '' : `/${path.replace(/^\/+/, '')}`;
  const params = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams) && query !== undefined) {
    for (const [key, value] of query) {
      if (value === null || value === undefined) continue;
      params.append(key, String(value));
    }
  }
  const search = params.toString();
  return search === '' ? `${base}${tail}` : `${base}${tail}?${search}`;
}

/** Relative base URLs (`/providers/highlevel`) resolve against the page, as in a browser. */
function absolute(url: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(url)) return url;
  const here = (globalThis as { location?: { href?: string } }).location?.href;
  return here ? new URL(url, here).toString() : url;
}

function redactor(token: string | null | undefined): (text: string) => string {
  // A token of a few characters would garble every message; real tokens are long.
  if (!token || token.length < 6) return (text) => text;
  return (text) => text.split(token).join('[redacted]');
}

/** Seconds or an HTTP date → milliseconds from now. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [];
}

/** Reads the common error shapes: `message` (string or string[]), `errors`, `error`. */
export function readGenericErrorBody(body: unknown): string[] {
  if (typeof body === 'string') return strings(body.length > 300 ? '' : body);
  if (!isRecord(body)) return [];
  const fromMessage = strings(body['message']);
  if (fromMessage.length > 0) return fromMessage;
  const errors = body['errors'];
  if (isRecord(errors)) return Object.values(errors).flatMap(strings);
  return strings(errors).concat(strings(body['error']));
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

async function readBody(
  response: Response,
): Promise<{ text: string; json: unknown; isJson: boolean }> {
  const text = await response.text();
  if (text.trim() === '') return { text, json: undefined, isJson: true };
  try {
    return { text, json: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { text, json: undefined, isJson: false };
  }
}

function combineSignals(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

export async function request<T>(options: RequestOptions<T>): Promise<T> {
  const { signal: callerSignal, gate } = options;
  const redact = redactor(options.token);
  const write = (options.method ?? 'GET') !== 'GET';
  // A 429 is the API saying "not now", never "no": the request waits at the gate and goes
  // again, as often as it takes, until the caller gives up (decision 0013).
  for (;;) {
    // Not awaited when the budget allows: the request leaves in this very task.
    if (gate && !gate.enter()) {
      try {
        await gate.acquire(write, callerSignal);
      } catch (error) {
        throw new ApiError('aborted', ['The request was cancelled.'], { cause: error });
      }
    }
    const { response, body } = await exchange(options);
    if (gate && gate.observe(response.status, response.headers) !== null) continue;
    return readAnswer(options, response, body, redact);
  }
}

/** One request and its whole answer, within the timeout. */
async function exchange<T>(
  options: RequestOptions<T>,
): Promise<{ response: Response; body: Awaited<ReturnType<typeof readBody>> }> {
  const { token, signal: callerSignal, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const url = absolute(buildUrl(options.baseUrl, options.path, options.query));

  const headers = new Headers({ Accept: 'application/json' });
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // To Parley's own server only (a relative base URL): which tab this is, so its proxy
  // never answers this tab's reads from before its own writes (decision 0013). A real
  // API, reached directly, gets exactly the headers its contract names.
  if (options.baseUrl.startsWith('/')) headers.set('X-Parley-Session', SESSION);

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = callerSignal ? combineSignals([callerSignal, timeout.signal]) : timeout.signal;

  // Whichever signal fired decides the kind; the caller's wins a tie (it meant to cancel).
  const interrupted = (cause: unknown): ApiError | null => {
    if (callerSignal?.aborted)
      return new ApiError('aborted', ['The request was cancelled.'], { cause });
    if (timeout.signal.aborted) {
      return new ApiError('timeout', [`no complete answer within ${seconds(timeoutMs)}`], {
        cause,
      });
    }
    return null;
  };

  try {
    if (callerSignal?.aborted) throw interrupted(callerSignal.reason) as ApiError;

    let response: Response;
    try {
      response = await (options.transport ?? fetch)(url, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
    } catch (error) {
      throw (
        interrupted(error) ??
        new ApiError('network', ['The server could not be reached.'], { cause: error })
      );
    }

    try {
      return { response, body: await readBody(response) };
    } catch (error) {
      throw (
        interrupted(error) ??
        new ApiError('network', ['The connection broke while reading the answer.'], {
          cause: error,
        })
      );
    }
  } finally {
    clearTimeout(timer);
  }
}

/** An answer, read: its parsed body, or the ApiError its status and body say. */
function readAnswer<T>(
  options: RequestOptions<T>,
  response: Response,
  body: Awaited<ReturnType<typeof readBody>>,
  redact: (text: string) => string,
): T {
  if (!response.ok) {
    const status = response.status;
    // A short plain-text body can be a message; an HTML error page never is.
    const plain = /^text\/plain\b/i.test(response.headers.get('Content-Type') ?? '');
    const read = body.isJson ? body.json : plain ? body.text : undefined;
    const fromProvider = options.readErrorBody?.(read);
    const found =
      fromProvider && fromProvider.length > 0 ? fromProvider : readGenericErrorBody(read);
    const messages = (found.length > 0 ? found : [STATUS_TEXT[status] ?? `HTTP ${status}`]).map(
      redact,
    );
    const retryAfterMs =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers.get('Retry-After'))
        : undefined;
    throw new ApiError('http', messages, { status, retryAfterMs });
  }

  if (!body.isJson) {
    throw new ApiError('malformed', ['the body is not JSON']);
  }
  try {
    return options.parse(body.json);
  } catch (error) {
    if (error instanceof ApiError) {
      throw new ApiError(error.kind, error.messages.map(redact), { cause: error.cause });
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiError('malformed', [redact(message)]);
  }
}

// ---------------------------------------------------------------------------
// Words for the UI.

function joined(messages: string[]): string {
  return messages.join('; ');
}

/** `1 second`, `3 seconds`: rounded up, never zero. */
export function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** One clear sentence for any error, for a toast or an inline message. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Something unexpected went wrong.';
  }
  const detail = joined(error.messages);
  switch (error.kind) {
    case 'network':
      return 'Could not reach the server. Check your connection.';
    case 'timeout':
      return `The server took too long to answer (${detail}).`;
    case 'aborted':
      return 'The request was cancelled.';
    case 'malformed':
      return `The server sent a response Parley could not read: ${detail}`;
    case 'unsupported':
      return detail || 'The connected API cannot do that.';
    case 'http': {
      const status = error.status ?? 0;
      if (status === 401)
        return 'Your session is no longer valid (401). Reconnect with a new token.';
      if (status === 403) return `This token is not allowed to do that (403): ${detail}`;
      if (status === 404) return `The server could not find it (404): ${detail}`;
      if (status === 429) {
        return error.retryAfterMs === undefined
          ? 'Too many requests. Wait a moment and try again.'
          : `Too many requests. Try again in ${seconds(error.retryAfterMs)}.`;
      }
      if (status >= 500) return `The server failed to answer (${status}). Try again in a moment.`;
      return `The server rejected the request: ${detail}`;
    }
  }
}

/**
 * Whether sending the same read again could succeed: the network dropped, the server
 * failed (5xx) or asked to slow down (429). A timeout is not retried: the agent has already
 * waited the whole timeout, and deserves a message and a button rather than another wait.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind === 'network') return true;
  return error.kind === 'http' && (error.status === 429 || (error.status ?? 0) >= 500);
}

/**
 * Whether a write that failed this way may still have reached the API: the answer was lost
 * (a timeout, a broken connection) or the caller left while it was in flight. Sending such
 * a write again could do it twice (a reply sent twice): check first, or ask the agent.
 * An HTTP error status, a refusal before sending, or a malformed answer is a clear outcome.
 */
export function mayHaveBeenSent(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.kind === 'timeout' || error.kind === 'network' || error.kind === 'aborted';
}

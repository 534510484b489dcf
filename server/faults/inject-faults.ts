import type { ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { assumedErrorBody } from '../../src/api/contract/exante.ts';
import { INVALID_KEY_MESSAGE } from '../exante/routes.ts';
import { UNAUTHORIZED_MESSAGE } from '../../src/api/contract/highlevel.ts';
import { highLevelErrorBody } from '../highlevel/errors.ts';
import type { ActiveFault, FaultKind, FaultPlan } from './fault-plan.ts';

export interface InjectFaultsOptions {
  /** Mount path of the HighLevel API; every other /providers path speaks Exante's shape. */
  highLevelMount: string;
}

/** Marks injected answers, so a failing test can tell a planned fault from a real bug. */
export const FAULT_HEADER = 'X-Parley-Fault';

/** A hung request is cut after this even if the client never leaves, so nothing piles up. */
const HANG_LIMIT_MS = 10 * 60_000;

/**
 * Deliberately invalid JSON (trailing comma, unquoted key) under a JSON content type: what
 * a broken upstream or a misconfigured gateway returns.
 */
export const MALFORMED_JSON_BODY = '{"conversations": [{"id": "fault",}], total: 1';

const ERROR_MESSAGES: Record<'500' | '503' | '429' | '401', { highlevel: string; exante: string }> =
  {
    '500': { highlevel: 'Internal server error', exante: 'Internal server error.' },
    '503': {
      highlevel: 'Service temporarily unavailable',
      exante: 'Service temporarily unavailable.',
    },
    '429': { highlevel: 'Too many requests', exante: 'Too many requests.' },
    '401': { highlevel: UNAUTHORIZED_MESSAGE, exante: INVALID_KEY_MESSAGE },
  };

/**
 * Applies the planned faults to provider API requests (mount on `/providers/*`, before
 * the APIs). Kinds that break the connection itself (reset, hang, truncated) work on the
 * Node request and response that @hono/node-server passes as `c.env`, then answer
 * RESPONSE_ALREADY_SENT so the adapter writes nothing more. (The adapter honours that
 * marker only as a native Response; it is one because this module is imported before any
 * listener swaps in the adapter's lightweight Response, as app.ts is in main.ts and tests.)
 */
export function injectFaults(plan: FaultPlan, options: InjectFaultsOptions): MiddlewareHandler {
  return async (c, next) => {
    const fault = plan.take(c.req.method, c.req.path);
    if (fault === null) return next();
    const node = nodeBindings(c.env);

    if (fault.latencyMs > 0) {
      const outcome = await plan.hold(waitUnlessClosed(fault.latencyMs, node?.outgoing));
      // Nobody to answer: stop here rather than run the request for a closed socket.
      if (outcome === 'closed') return RESPONSE_ALREADY_SENT;
    }
    const provider = c.req.path.startsWith(options.highLevelMount) ? 'highlevel' : 'exante';

    switch (fault.kind) {
      case 'latency':
        return next();
      case '500':
      case '503':
      case '429':
      case '401':
        return errorResponse(c, fault, fault.kind, provider);
      case 'malformed-json':
        return c.body(MALFORMED_JSON_BODY, 200, {
          'Content-Type': 'application/json; charset=UTF-8',
          [FAULT_HEADER]: fault.kind,
        });
      case 'truncated':
      case 'reset':
      case 'hang': {
        if (node === null) {
          return c.json({ error: `fault ${fault.kind} needs the Node HTTP server` }, 501);
        }
        if (fault.kind === 'reset') {
          // An RST, not a clean FIN: the client sees ECONNRESET, as when a proxy dies.
          node.incoming.socket.resetAndDestroy();
        } else if (fault.kind === 'hang') {
          if ((await plan.hold(waitUnlessClosed(HANG_LIMIT_MS, node.outgoing))) === 'elapsed') {
            node.outgoing.destroy();
          }
        } else {
          await next();
          const real = c.res;
          const body = Buffer.from(await real.arrayBuffer());
          const headers: Record<string, string> = {};
          real.headers.forEach((value, name) => {
            headers[name] = value;
          });
          // The length promises the whole body; half arrives, then the connection closes.
          headers['content-length'] = String(body.length);
          headers[FAULT_HEADER.toLowerCase()] = fault.kind;
          node.outgoing.writeHead(real.status, headers);
          node.outgoing.write(body.subarray(0, Math.floor(body.length / 2)), () =>
            node.outgoing.destroy(),
          );
          // After next() the context holds the real response; clearing it first makes
          // Hono take the marker as is instead of copying it into a new Response.
          c.res = undefined;
          c.res = RESPONSE_ALREADY_SENT;
        }
        return RESPONSE_ALREADY_SENT;
      }
    }
  };
}

function errorResponse(
  c: Context,
  fault: ActiveFault,
  kind: Extract<FaultKind, '500' | '503' | '429' | '401'>,
  provider: 'highlevel' | 'exante',
): Response {
  const status = Number(kind) as ContentfulStatusCode;
  const message = ERROR_MESSAGES[kind][provider];
  const headers: Record<string, string> = { [FAULT_HEADER]: kind };
  if (kind === '429' || kind === '503') headers['Retry-After'] = String(fault.retryAfterSeconds);
  const body =
    provider === 'highlevel'
      ? highLevelErrorBody(status, message)
      : assumedErrorBody(status, message);
  return c.json(body, status, headers);
}

function nodeBindings(env: unknown): HttpBindings | null {
  const bindings = env as Partial<HttpBindings> | undefined;
  return bindings?.incoming !== undefined && bindings.outgoing !== undefined
    ? { incoming: bindings.incoming, outgoing: bindings.outgoing }
    : null;
}

/**
 * Waits `ms`, or less when the client goes away first: a delayed or hung request must
 * not hold a timer and a socket for a caller that is no longer there.
 */
function waitUnlessClosed(
  ms: number,
  outgoing: ServerResponse | undefined,
): Promise<'elapsed' | 'closed'> {
  if (outgoing?.socket?.destroyed === true || outgoing?.destroyed === true) {
    return Promise.resolve('closed');
  }
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve('closed');
    };
    const timer = setTimeout(() => {
      outgoing?.off('close', onClose);
      resolve('elapsed');
    }, ms);
    outgoing?.once('close', onClose);
  });
}

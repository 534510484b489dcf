import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { UpstreamConfig } from './config.ts';
import { createProxyApp } from './proxy.ts';

/**
 * The proxy's security promises (issue 7): only the upstream paths the app uses are
 * forwarded, and no credential ever reaches the log, whatever happens to the call.
 */

const ID = 'Abc123DEF456ghi789JK';
const UID = '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f';
const SERVER_TOKEN = 'pit-server-secret-0001';
const BROWSER_TOKEN = 'ex_live_browser_secret_0002';

interface Harness {
  app: Hono;
  calls: {
    url: string;
    method: string;
    authorization: string | null;
    signal: AbortSignal | null;
  }[];
  lines: string[];
}

function harness(
  provider: 'highlevel' | 'exante',
  token: string | null,
  answer: (url: string, signal: AbortSignal | undefined) => Promise<Response> = () =>
    Promise.resolve(new Response('{}', { headers: { 'Content-Type': 'application/json' } })),
  timeoutMs?: number,
): Harness {
  const calls: Harness['calls'] = [];
  const lines: string[] = [];
  const upstream: UpstreamConfig = {
    provider,
    url: provider === 'highlevel' ? 'https://upstream.test' : 'https://upstream.test/api',
    tenantId: 'tenant',
    token,
    meId: null,
  };
  const mountPath = provider === 'highlevel' ? '/providers/highlevel' : '/providers/exante';
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({
      url,
      method: init?.method ?? 'GET',
      authorization: new Headers(init?.headers).get('authorization'),
      // Kept, as a real fetch keeps it through its socket while the call is open.
      signal: init?.signal ?? null,
    });
    return answer(url, init?.signal ?? undefined);
  }) as typeof fetch;
  const app = new Hono();
  app.route(
    mountPath,
    createProxyApp({ upstream, mountPath, fetchImpl, log: (l) => lines.push(l), timeoutMs }),
  );
  return { app, calls, lines };
}

const browser = { Authorization: `Bearer ${BROWSER_TOKEN}`, Version: '2021-04-15' };

describe('the proxy forwards only what the app uses', () => {
  it('forwards each allowed HighLevel call, with the server token in place of the browser’s', async () => {
    const { app, calls } = harness('highlevel', SERVER_TOKEN);
    const allowed: [string, string][] = [
      ['GET', '/conversations/search?locationId=tenant&limit=5'],
      ['GET', `/conversations/${ID}`],
      ['PUT', `/conversations/${ID}`],
      ['GET', `/conversations/${ID}/messages?limit=20`],
      ['GET', '/users/?locationId=tenant'],
      ['GET', '/users?locationId=tenant'],
      ['GET', '/users/search?companyId=c'],
    ];
    for (const [method, path] of allowed) {
      const response = await app.request(`/providers/highlevel${path}`, {
        method,
        headers: browser,
        body: method === 'PUT' ? '{"starred":true}' : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(200);
    }
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(
      allowed.map(([method, path]) => `${method} https://upstream.test${path}`),
    );
    expect(calls.every((c) => c.authorization === `Bearer ${SERVER_TOKEN}`)).toBe(true);
  });

  it('forwards each allowed Exante call under the /api base', async () => {
    const { app, calls } = harness('exante', null);
    const allowed: [string, string][] = [
      ['GET', '/api/conversations?per_page=25'],
      ['GET', `/api/conversations/${UID}`],
      ['PATCH', `/api/conversations/${UID}`],
      ['GET', `/api/organization/${UID}/users`],
      ['GET', '/api/user'],
    ];
    for (const [method, path] of allowed) {
      const response = await app.request(`/providers/exante${path}`, {
        method,
        headers: browser,
        body: method === 'PATCH' ? '{"is_read":true}' : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(200);
    }
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(
      allowed.map(([method, path]) => `${method} https://upstream.test${path}`),
    );
    // No server token: the agent's own key goes through, and only to the upstream.
    expect(calls.every((c) => c.authorization === `Bearer ${BROWSER_TOKEN}`)).toBe(true);
  });

  it('refuses every other method, path and encoding trick without calling the upstream', async () => {
    const highlevel = harness('highlevel', SERVER_TOKEN);
    const refusedHl: [string, string][] = [
      ['POST', '/conversations/search'],
      ['DELETE', `/conversations/${ID}`],
      ['PATCH', `/conversations/${ID}`],
      ['POST', `/conversations/${ID}/messages`],
      ['GET', '/contacts/'],
      ['GET', `/contacts/${ID}`],
      ['GET', '/conversations/search/extra'],
      ['GET', `/conversations/${ID}/messages/x`],
      ['GET', '/conversations/..%2Fcontacts'],
      ['GET', '/conversations/%2e%2e%2Fcontacts'],
      ['GET', '/conversations/a%2Fb'],
      ['GET', '/conversations/a.b'],
      ['GET', '/conversations/%00'],
      ['GET', '//conversations/search'],
      ['GET', '/conversations//search'],
      ['GET', '/CONVERSATIONS/search'],
      ['GET', '/users/search/../../contacts'],
      ['GET', '/'],
      ['GET', ''],
      ['OPTIONS', '/conversations/search'],
    ];
    for (const [method, path] of refusedHl) {
      const response = await highlevel.app.request(`/providers/highlevel${path}`, {
        method,
        headers: browser,
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    expect(highlevel.calls).toEqual([]);

    const exante = harness('exante', SERVER_TOKEN);
    const refusedEx: [string, string][] = [
      ['GET', '/conversations'],
      ['GET', '/api/invoices'],
      ['DELETE', `/api/conversations/${UID}`],
      ['PUT', `/api/conversations/${UID}`],
      ['POST', '/api/conversations'],
      ['GET', `/api/conversations/${UID}/messages`],
      ['GET', `/api/organization/${UID}/invoices`],
      ['GET', '/api/organization/a%2F..%2Fx/users'],
      ['PATCH', '/api/user'],
      ['GET', '/api/../api/user/x'],
    ];
    for (const [method, path] of refusedEx) {
      const response = await exante.app.request(`/providers/exante${path}`, {
        method,
        headers: browser,
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ status: 'error', status_code: 404 });
    }
    expect(exante.calls).toEqual([]);
  });
});

describe('the proxy never logs a credential', () => {
  const secrets = [SERVER_TOKEN, BROWSER_TOKEN, 'Bearer', 'access_token', 'authorization'];
  const expectClean = (lines: string[]) => {
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of secrets)
      expect(lines.join('\n').toLowerCase()).not.toContain(secret.toLowerCase());
  };

  it('on success, with the query left out of the line', async () => {
    const { app, lines } = harness('highlevel', SERVER_TOKEN);
    await app.request(
      `/providers/highlevel/conversations/search?locationId=tenant&access_token=${BROWSER_TOKEN}`,
      { headers: browser },
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^proxy GET \/providers\/highlevel\/conversations\/search -> 200 \d+ms$/,
      ),
    ]);
    expectClean(lines);
  });

  it('when the upstream is unreachable or answers with an error', async () => {
    const unreachable = harness('exante', null, () =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })),
    );
    const down = await unreachable.app.request('/providers/exante/api/user', { headers: browser });
    expect(down.status).toBe(502);
    expectClean(unreachable.lines);

    const unauthorized = harness('highlevel', null, () =>
      Promise.resolve(
        new Response(JSON.stringify({ statusCode: 401, message: 'Invalid JWT' }), { status: 401 }),
      ),
    );
    const rejected = await unauthorized.app.request('/providers/highlevel/users/?locationId=t', {
      headers: browser,
    });
    expect(rejected.status).toBe(401);
    expectClean(unauthorized.lines);
  });

  // Node 20's AbortSignal.any holds AbortSignal.timeout() weakly: after a garbage collection
  // the timeout never fired and a hung upstream held the request until the client left.
  it('when the upstream never answers: a 504 after the timeout', { timeout: 2000 }, async () => {
    const slow = harness(
      'highlevel',
      SERVER_TOKEN,
      // Answers only by failing when the proxy gives up, as fetch does.
      (_url, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason as Error));
        }),
      50,
    );
    const timedOut = await slow.app.request(`/providers/highlevel/conversations/${ID}`, {
      headers: browser,
    });
    expect(timedOut.status).toBe(504);
    expect(await timedOut.json()).toMatchObject({ statusCode: 504 });
    expectClean(slow.lines);
  });
});

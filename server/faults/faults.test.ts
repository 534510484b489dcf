import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EX_HEADERS,
  HL_HEADERS,
  LOCATION_ID,
  ORGANIZATION_UID,
  request,
} from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import type { ActiveFault, FaultSpec } from './fault-plan.ts';
import { FAULT_HEADER, MALFORMED_JSON_BODY } from './inject-faults.ts';

let server: TestServer;
let hlId: string;
let exUid: string;

const hl = (path: string) => `${server.url}/providers/highlevel${path}`;
const ex = (path: string) => `${server.url}/providers/exante/api${path}`;
const searchPath = `/conversations/search?locationId=${LOCATION_ID}&limit=5`;

async function setFaults(faults: FaultSpec[]): Promise<ActiveFault[]> {
  const { status, body } = await request<{ faults: ActiveFault[] }>(
    `${server.url}/parley/test/faults`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ faults }),
    },
  );
  expect(status).toBe(200);
  return body.faults;
}

async function listFaults(): Promise<ActiveFault[]> {
  return (await request<{ faults: ActiveFault[] }>(`${server.url}/parley/test/faults`)).body.faults;
}

/** What node:http observed: the status line, headers, the bytes, and how it ended. */
interface RawOutcome {
  status: number | null;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ended: 'complete' | 'aborted' | 'error';
  errorCode: string | null;
}

function rawGet(url: string, headers: Record<string, string>): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const outcome: RawOutcome = {
      status: null,
      headers: {},
      body: Buffer.alloc(0),
      ended: 'error',
      errorCode: null,
    };
    const finish = (ended: RawOutcome['ended'], error?: NodeJS.ErrnoException) => {
      outcome.ended = ended;
      outcome.errorCode = error?.code ?? null;
      outcome.body = Buffer.concat(chunks);
      resolve(outcome);
    };
    // A fresh connection each time: a destroyed socket must not be confused with reuse.
    const req = http.get(url, { headers, agent: false }, (res) => {
      outcome.status = res.statusCode ?? null;
      outcome.headers = res.headers;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish(res.complete ? 'complete' : 'aborted'));
      res.on('error', (error) => finish('aborted', error));
    });
    req.on('error', (error) => finish('error', error));
  });
}

beforeAll(async () => {
  server = await startTestServer({ size: 20, env: { PARLEY_FAULTS: '1' } });
  const search = await request<{ conversations: { id: string }[] }>(hl(searchPath), {
    headers: HL_HEADERS,
  });
  const list = await request<{ data: { items: { uid: string }[] } }>(ex('/conversations'), {
    headers: EX_HEADERS,
  });
  hlId = search.body.conversations[0]?.id ?? '';
  exUid = list.body.data.items[0]?.uid ?? '';
  expect(hlId).not.toBe('');
  expect(exUid).not.toBe('');
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  await request(`${server.url}/parley/test/faults`, { method: 'DELETE' });
});

describe('the fault control route', () => {
  it('POST replaces the list, GET lists it with counts, DELETE clears it', async () => {
    const set = await setFaults([
      { match: { path: '/conversations/search' }, kind: '503', times: 2 },
      { match: { method: 'put', path: '/conversations/*' }, kind: 'latency' },
    ]);
    expect(set).toEqual([
      {
        match: { method: null, path: '/conversations/search' },
        kind: '503',
        times: 2,
        latencyMs: 0,
        retryAfterSeconds: 1,
        remaining: 2,
        applied: 0,
      },
      {
        match: { method: 'PUT', path: '/conversations/*' },
        kind: 'latency',
        times: null,
        latencyMs: 1000,
        retryAfterSeconds: 1,
        remaining: null,
        applied: 0,
      },
    ]);
    expect(await listFaults()).toEqual(set);
    await setFaults([{ match: { path: '/users' }, kind: '500' }]);
    expect((await listFaults()).map((f) => f.kind)).toEqual(['500']);
    const cleared = await request(`${server.url}/parley/test/faults`, { method: 'DELETE' });
    expect(cleared.body).toEqual({ faults: [], pending: 0 });
  });

  it('rejects a malformed plan, naming each problem, and keeps the old one', async () => {
    await setFaults([{ match: { path: '/users' }, kind: '500' }]);
    const { status, body } = await request<{ errors: string[] }>(
      `${server.url}/parley/test/faults`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          faults: [
            { match: { path: '' }, kind: 'explode', times: 0 },
            { match: { path: '/x', method: 'FETCH', host: 'a' }, kind: '429', latency: 5 },
            { match: { path: '/x' }, kind: 'latency', latencyMs: -1, retryAfterSeconds: 1.5 },
          ],
        }),
      },
    );
    expect(status).toBe(422);
    expect(body.errors).toEqual([
      'faults[0].match.path must be a non-empty string (a substring or glob)',
      'faults[0].kind must be one of latency, 500, 503, 429, 401, malformed-json, truncated, reset, hang',
      'faults[0].times must be an integer from 1 to 1000000',
      'faults[1].latency is not a fault property',
      'faults[1].match.host is not a match property',
      'faults[1].match.method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'faults[2].latencyMs must be an integer from 0 to 300000',
      'faults[2].retryAfterSeconds must be an integer from 0 to 3600',
    ]);
    const notJson = await request(`${server.url}/parley/test/faults`, {
      method: 'POST',
      body: 'faults please',
    });
    expect(notJson.status).toBe(400);
    expect((await listFaults()).map((f) => f.kind)).toEqual(['500']);
  });
});

describe('each fault kind, seen by a real HTTP client', () => {
  it('latency: delays, then answers normally', async () => {
    await setFaults([
      { match: { path: '/conversations/search' }, kind: 'latency', latencyMs: 300 },
    ]);
    const started = performance.now();
    const { status, body, headers } = await request<{ conversations: unknown[] }>(hl(searchPath), {
      headers: HL_HEADERS,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(status).toBe(200);
    expect(body.conversations).toHaveLength(5);
    expect(headers.get(FAULT_HEADER)).toBeNull();
  });

  it('500, in each provider’s error shape', async () => {
    await setFaults([{ match: { path: '/conversations' }, kind: '500' }]);
    const a = await request(hl(searchPath), { headers: HL_HEADERS });
    expect(a.status).toBe(500);
    expect(a.body).toEqual({
      statusCode: 500,
      message: 'Internal server error',
      error: 'Internal Server Error',
    });
    expect(a.headers.get(FAULT_HEADER)).toBe('500');
    expect(a.headers.get('retry-after')).toBeNull();
    const b = await request(ex('/conversations'), { headers: EX_HEADERS });
    expect(b.status).toBe(500);
    expect(b.body).toEqual({
      status: 'error',
      status_code: 500,
      message: 'Internal server error.',
      data: null,
    });
  });

  it('503 with Retry-After', async () => {
    await setFaults([{ match: { path: '/providers/' }, kind: '503', retryAfterSeconds: 7 }]);
    const a = await request(hl(searchPath), { headers: HL_HEADERS });
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('7');
    expect(a.body).toEqual({
      statusCode: 503,
      message: 'Service temporarily unavailable',
      error: 'Service Unavailable',
    });
    const b = await request(ex('/conversations'), { headers: EX_HEADERS });
    expect(b.status).toBe(503);
    expect(b.headers.get('retry-after')).toBe('7');
    expect(b.body).toMatchObject({ status: 'error', status_code: 503, data: null });
  });

  it('429 with Retry-After, in each provider’s error shape', async () => {
    await setFaults([{ match: { path: '/conversations' }, kind: '429', retryAfterSeconds: 2 }]);
    const a = await request(hl(searchPath), { headers: HL_HEADERS });
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('2');
    expect(a.body).toEqual({
      statusCode: 429,
      message: 'Too many requests',
      error: 'Too Many Requests',
    });
    const b = await request(ex('/conversations'), { headers: EX_HEADERS });
    expect(b.status).toBe(429);
    expect(b.headers.get('retry-after')).toBe('2');
    expect(b.body).toEqual({
      status: 'error',
      status_code: 429,
      message: 'Too many requests.',
      data: null,
    });
  });

  it('401 mid-session, with the body a real expired token gets', async () => {
    const realHl = await request(hl(searchPath), {
      headers: { ...HL_HEADERS, Authorization: 'x' },
    });
    const realEx = await request(ex('/conversations'), {
      headers: { Authorization: 'Bearer ex_live_expired' },
    });
    expect((await request(hl(searchPath), { headers: HL_HEADERS })).status).toBe(200);
    await setFaults([{ match: { path: '/providers/' }, kind: '401', times: 2 }]);
    const a = await request(hl(searchPath), { headers: HL_HEADERS });
    expect(a.status).toBe(401);
    expect(a.body).toEqual(realHl.body);
    const b = await request(ex('/conversations'), { headers: EX_HEADERS });
    expect(b.status).toBe(401);
    expect(b.body).toEqual(realEx.body);
    expect((await request(hl(searchPath), { headers: HL_HEADERS })).status).toBe(200);
  });

  it('malformed-json: a 200 whose JSON body does not parse', async () => {
    await setFaults([{ match: { path: '/api/conversations' }, kind: 'malformed-json' }]);
    const response = await fetch(ex('/conversations'), { headers: EX_HEADERS });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(text).toBe(MALFORMED_JSON_BODY);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('truncated: half the real body under a Content-Length for all of it, then the connection closes', async () => {
    const whole = await rawGet(hl(`/conversations/${hlId}`), HL_HEADERS);
    expect(whole.ended).toBe('complete');
    await setFaults([{ match: { path: `/conversations/${hlId}` }, kind: 'truncated' }]);
    const cut = await rawGet(hl(`/conversations/${hlId}`), HL_HEADERS);
    expect(cut.status).toBe(200);
    expect(cut.headers['content-length']).toBe(String(whole.body.length));
    expect(cut.headers['content-type']).toContain('application/json');
    expect(cut.ended).not.toBe('complete');
    expect(cut.body.length).toBe(Math.floor(whole.body.length / 2));
    expect(whole.body.subarray(0, cut.body.length).equals(cut.body)).toBe(true);
    // fetch reports it as a failure while reading the body, not a parse error of a 200.
    const response = await fetch(hl(`/conversations/${hlId}`), { headers: HL_HEADERS });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(/terminated/);
  });

  it('reset: the connection is destroyed without an answer', async () => {
    await setFaults([{ match: { method: 'PATCH', path: '/api/conversations/*' }, kind: 'reset' }]);
    const raw = await rawGet(ex(`/conversations/${exUid}`), EX_HEADERS);
    expect(raw.status).toBe(200); // GET is not matched
    const failure = await fetch(ex(`/conversations/${exUid}`), {
      method: 'PATCH',
      headers: { ...EX_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ is_read: true }),
    }).then(
      () => null,
      (error: unknown) => error as Error & { cause?: { code?: string } },
    );
    expect(failure?.message).toBe('fetch failed');
    expect(failure?.cause?.code).toBe('ECONNRESET');
    await setFaults([{ match: { path: '/conversations' }, kind: 'reset' }]);
    const viaHttp = await rawGet(hl(searchPath), HL_HEADERS);
    expect(viaHttp.status).toBeNull();
    expect(viaHttp.errorCode).toBe('ECONNRESET');
  });

  it('hang: never answers, and lets go when the client gives up', async () => {
    await setFaults([{ match: { path: '/conversations/search' }, kind: 'hang', times: 1 }]);
    const started = performance.now();
    const failure = await fetch(hl(searchPath), {
      headers: HL_HEADERS,
      signal: AbortSignal.timeout(300),
    }).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.name).toBe('TimeoutError');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await request(hl(searchPath), { headers: HL_HEADERS })).status).toBe(200);
  });
});

describe('matching and counting', () => {
  it('honours times, then answers normally; GET shows what was applied', async () => {
    await setFaults([{ match: { path: '/conversations/search' }, kind: '503', times: 2 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await request(hl(searchPath), { headers: HL_HEADERS })).status);
    }
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(await listFaults()).toMatchObject([{ kind: '503', remaining: 0, applied: 2 }]);
  });

  it('the first matching fault applies; method, substring and glob narrow it', async () => {
    await setFaults([
      { match: { method: 'PUT', path: '/providers/highlevel/conversations/*' }, kind: '500' },
      { match: { path: '/providers/highlevel/**/messages' }, kind: '429' },
      { match: { path: 'users' }, kind: '503', times: 1 },
      { match: { path: '/providers/highlevel' }, kind: '401' },
    ]);
    const put = await request(hl(`/conversations/${hlId}`), {
      method: 'PUT',
      headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ locationId: LOCATION_ID, starred: true }),
    });
    expect(put.status).toBe(500);
    expect(
      (await request(hl(`/conversations/${hlId}/messages`), { headers: HL_HEADERS })).status,
    ).toBe(429);
    const usersUrl = hl(`/users/?locationId=${LOCATION_ID}`);
    expect((await request(usersUrl, { headers: HL_HEADERS })).status).toBe(503);
    expect((await request(usersUrl, { headers: HL_HEADERS })).status).toBe(401);
    expect((await request(hl(`/conversations/${hlId}`), { headers: HL_HEADERS })).status).toBe(401);
    expect((await request(ex('/conversations'), { headers: EX_HEADERS })).status).toBe(200);
    expect(
      (await request(ex(`/organization/${ORGANIZATION_UID}/users`), { headers: EX_HEADERS }))
        .status,
    ).toBe(200);
  });

  it('applies only to /providers/* paths', async () => {
    await setFaults([
      { match: { path: '/parley' }, kind: '500' },
      { match: { path: '**' }, kind: 'reset' },
    ]);
    expect((await request(`${server.url}/parley/health`)).status).toBe(200);
    expect((await request(`${server.url}/parley/config`)).status).toBe(200);
    expect(await listFaults()).toMatchObject([{ applied: 0 }, { applied: 0 }]);
  });
});

describe('when fault injection is off', () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startTestServer({ size: 10 });
  });
  afterAll(async () => {
    await plain.close();
  });

  it('the control route is a 404 for every method and no fault applies', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await request(`${plain.url}/parley/test/faults`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body:
          method === 'POST'
            ? JSON.stringify({ faults: [{ match: { path: '/' }, kind: '500' }] })
            : undefined,
      });
      expect(response.status, method).toBe(404);
    }
    const search = await request(`${plain.url}/providers/highlevel${searchPath}`, {
      headers: HL_HEADERS,
    });
    expect(search.status).toBe(200);
    expect(search.headers.get(FAULT_HEADER)).toBeNull();
  });
});

describe('hung and delayed requests do not outlive their client', () => {
  it('they are held while the client waits and released as soon as it goes away', async () => {
    await setFaults([
      { match: { path: '/search' }, kind: 'hang' },
      { match: { path: '/users' }, kind: 'latency', latencyMs: 60_000 },
    ]);
    const pending = async () =>
      (await request<{ pending: number }>(`${server.url}/parley/test/faults`)).body.pending;
    const controller = new AbortController();
    const calls = Promise.allSettled([
      fetch(hl(searchPath), { headers: HL_HEADERS, signal: controller.signal }),
      fetch(hl(`/users/?locationId=${LOCATION_ID}`), {
        headers: HL_HEADERS,
        signal: controller.signal,
      }),
    ]);
    await expect.poll(pending, { interval: 20, timeout: 2000 }).toBe(2);
    controller.abort();
    expect((await calls).map((o) => o.status)).toEqual(['rejected', 'rejected']);
    // A leaked hang or delay would stay pending for ten minutes or a minute.
    await expect.poll(pending, { interval: 20, timeout: 2000 }).toBe(0);
  });
});

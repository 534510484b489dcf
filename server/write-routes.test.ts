import type { Database } from 'better-sqlite3';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamConfig } from './config.ts';
import type { FaultSpec } from './faults/fault-plan.ts';
import { FAULT_HEADER } from './faults/inject-faults.ts';
import { createProxyApp } from './proxy.ts';
import { CONTACTS_VERSION } from '../src/api/contract/highlevel.ts';
import { DEMO_HIGHLEVEL_USER_ID } from './seed/demo-identities.ts';
import { EX_HEADERS, HL_HEADERS, TOKEN, request } from './test-support/fixtures.ts';
import { startTestServer, type TestServer } from './test-support/test-server.ts';

/**
 * The writes of docs/decisions/0015 (reply, assign) reach the same machinery as the reads:
 * planned faults match them (a failed write stores nothing, so a retry sends once), and the
 * proxy forwards exactly them upstream, nothing near them.
 */

describe('fault injection covers the writes', () => {
  let server: TestServer;
  let db: Database;
  const hl = (path: string) => `${server.url}/providers/highlevel${path}`;
  const ex = (path: string) => `${server.url}/providers/exante/api${path}`;

  beforeAll(async () => {
    server = await startTestServer({ size: 60, env: { PARLEY_FAULTS: '1' } });
    db = server.db as Database;
  });
  afterAll(() => server.close());

  async function plan(faults: FaultSpec[]) {
    const { status } = await request(`${server.url}/parley/test/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ faults }),
    });
    expect(status).toBe(200);
  }

  const sentCount = (table: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('fails a reply once as planned, storing nothing; the retry sends it once', async () => {
    const { contact_id: contactId } = db
      .prepare("SELECT contact_id FROM hl_conversations WHERE type = 'TYPE_PHONE' LIMIT 1")
      .get() as { contact_id: string };
    await plan([
      { match: { method: 'POST', path: '/conversations/messages' }, kind: '500', times: 1 },
    ]);
    const post = () =>
      request(hl('/conversations/messages'), {
        method: 'POST',
        headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'SMS', contactId, message: 'Once only' }),
      });
    const before = sentCount('hl_sent_messages');
    const failed = await post();
    expect(failed.status).toBe(500);
    expect(failed.headers.get(FAULT_HEADER)).toBe('500');
    expect(failed.body).toMatchObject({ statusCode: 500 });
    expect(sentCount('hl_sent_messages')).toBe(before);
    expect((await post()).status).toBe(200);
    expect(sentCount('hl_sent_messages')).toBe(before + 1);
  });

  it('matches an assignment by glob, with a 429 in HighLevel’s shape', async () => {
    const { contact_id: contactId } = db
      .prepare('SELECT contact_id FROM hl_conversations LIMIT 1')
      .get() as { contact_id: string };
    await plan([{ match: { method: 'PUT', path: '/contacts/*' }, kind: '429', times: 1 }]);
    const put = () =>
      request(hl(`/contacts/${contactId}`), {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          Version: CONTACTS_VERSION,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ assignedTo: DEMO_HIGHLEVEL_USER_ID }),
      });
    const limited = await put();
    expect(limited.status).toBe(429);
    expect(limited.headers.get(FAULT_HEADER)).toBe('429');
    expect((await put()).status).toBe(200);
  });

  it('fails an Exante reply in Exante’s shape', async () => {
    const { uid } = db
      .prepare("SELECT uid FROM ex_conversations WHERE status = 'active' LIMIT 1")
      .get() as { uid: string };
    await plan([
      { match: { method: 'POST', path: '/api/conversations/*/messages' }, kind: '503', times: 1 },
    ]);
    const post = () =>
      request(ex(`/conversations/${uid}/messages`), {
        method: 'POST',
        headers: { ...EX_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body_text: 'Thanks' }),
      });
    const before = sentCount('ex_sent_messages');
    const failed = await post();
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ status: 'error', status_code: 503 });
    expect(sentCount('ex_sent_messages')).toBe(before);
    expect((await post()).status).toBe(201);
    expect(sentCount('ex_sent_messages')).toBe(before + 1);
  });
});

describe('the proxy forwards the writes, and nothing near them', () => {
  const ID = 'Abc123DEF456ghi789JK';
  const UID = '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f';

  function proxy(provider: 'highlevel' | 'exante') {
    const calls: { method: string; url: string; body: string | null }[] = [];
    const upstream: UpstreamConfig = {
      provider,
      url: provider === 'highlevel' ? 'https://upstream.test' : 'https://upstream.test/api',
      tenantId: 'tenant',
      token: 'server-token-000001',
      meId: null,
    };
    const mountPath = provider === 'highlevel' ? '/providers/highlevel' : '/providers/exante';
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = init?.body ? new TextDecoder().decode(init.body as ArrayBuffer) : null;
      calls.push({ method: init?.method ?? 'GET', url: String(input), body });
      return new Response('{}', { headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const app = new Hono().route(
      mountPath,
      createProxyApp({ upstream, mountPath, fetchImpl, log: () => undefined }),
    );
    return { app, calls, mountPath };
  }

  it('forwards a reply, an assignment and an email body on HighLevel, with their bodies', async () => {
    const { app, calls, mountPath } = proxy('highlevel');
    const allowed: [string, string, string | undefined][] = [
      ['POST', '/conversations/messages', '{"type":"SMS","contactId":"c1","message":"Hi"}'],
      ['PUT', `/contacts/${ID}`, '{"assignedTo":null}'],
      ['GET', `/conversations/messages/email/${ID}`, undefined],
    ];
    for (const [method, path, body] of allowed) {
      const response = await app.request(`${mountPath}${path}`, {
        method,
        body,
        headers: { 'Content-Type': 'application/json', Version: '2021-07-28' },
      });
      expect(response.status, `${method} ${path}`).toBe(200);
    }
    expect(calls).toEqual(
      allowed.map(([method, path, body]) => ({
        method,
        url: `https://upstream.test${path}`,
        body: body ?? null,
      })),
    );
  });

  it('forwards a reply on Exante', async () => {
    const { app, calls, mountPath } = proxy('exante');
    const response = await app.request(`${mountPath}/api/conversations/${UID}/messages`, {
      method: 'POST',
      body: '{"body_text":"Hi"}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(calls).toEqual([
      {
        method: 'POST',
        url: `https://upstream.test/api/conversations/${UID}/messages`,
        body: '{"body_text":"Hi"}',
      },
    ]);
  });

  it('refuses the paths beside them without calling the upstream', async () => {
    const highlevel = proxy('highlevel');
    for (const [method, path] of [
      ['DELETE', `/contacts/${ID}`],
      ['POST', `/contacts/${ID}`],
      ['PUT', '/contacts/'],
      ['PUT', `/contacts/${ID}/tags`],
      ['POST', '/conversations/messages/extra'],
      ['GET', '/conversations/messages/email/a%2Fb'],
    ] as const) {
      const response = await highlevel.app.request(`${highlevel.mountPath}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(highlevel.calls).toEqual([]);
    const exante = proxy('exante');
    for (const [method, path] of [
      ['PUT', `/api/conversations/${UID}/messages`],
      ['POST', `/api/conversations/${UID}/messages/x`],
      ['POST', '/api/conversations/messages/x'],
    ] as const) {
      const response = await exante.app.request(`${exante.mountPath}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(exante.calls).toEqual([]);
  });
});

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXANTE_AGENT_UID, DEMO_HIGHLEVEL_USER_ID } from './seed/demo-identities.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';
import {
  EX_HEADERS,
  HL_HEADERS,
  LOCATION_ID,
  ORGANIZATION_UID,
  TOKEN,
  request,
} from './test-support/fixtures.ts';
import { listen, startTestServer, type TestServer } from './test-support/test-server.ts';

describe('embedded mode', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      size: 100,
      env: { PARLEY_TEST_HOOKS: '1' },
      dist: {
        'index.html': '<!doctype html><title>Parley</title><div id="root"></div>',
        'assets/index-abc123.js': 'console.log("app")',
        'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('GET /parley/config tells the app how to reach both embedded APIs', async () => {
    const { status, headers, body } = await request(`${server.url}/parley/config`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      mode: 'embedded',
      providers: {
        highlevel: {
          baseUrl: '/providers/highlevel',
          tenantId: LOCATION_ID,
          token: TOKEN,
          meId: DEMO_HIGHLEVEL_USER_ID,
        },
        exante: {
          baseUrl: '/providers/exante/api',
          tenantId: ORGANIZATION_UID,
          token: TOKEN,
          meId: DEMO_EXANTE_AGENT_UID,
        },
      },
    });
  });

  it('GET /parley/health', async () => {
    expect((await request(`${server.url}/parley/health`)).body).toEqual({ ok: true });
  });

  it('puts the security headers on every kind of response', async () => {
    const urls = [
      `${server.url}/parley/health`,
      `${server.url}/providers/highlevel/conversations/search`,
      `${server.url}/providers/exante/api/nope`,
      `${server.url}/`,
      `${server.url}/assets/index-abc123.js`,
      `${server.url}/missing.png`,
    ];
    for (const url of urls) {
      const { headers } = await request(url);
      expect(headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-frame-options')).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('embeds the /parley/config body in every index.html as a JSON data block', async () => {
    const { body: config } = await request(`${server.url}/parley/config`);
    for (const route of ['/', '/index.html', '/conversations/abc?read=unread', '/settings']) {
      const page = await fetch(`${server.url}${route}`);
      // It holds the demo token: never stored by the browser or an intermediary.
      expect(page.headers.get('cache-control'), route).toBe('no-store');
      const block = /<script type="application\/json" id="parley-config">(.*?)<\/script>/.exec(
        await page.text(),
      );
      expect(block, route).not.toBeNull();
      expect(JSON.parse(block?.[1] ?? '')).toEqual(config);
    }
    // A data block is not script: the policy still allows no inline script.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const head = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(head.headers.get('cache-control')).toBe('no-store');
  });

  it('serves dist/ with long-cached assets and a no-store SPA fallback', async () => {
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("app")');

    for (const route of ['/', '/conversations/abc', '/inbox/unread?assignee=me']) {
      const page = await fetch(`${server.url}${route}`);
      expect(page.status, route).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(await page.text()).toContain('<div id="root">');
    }
    expect((await fetch(`${server.url}/missing.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/parley.db`)).status).not.toBe(200);
    expect((await fetch(`${server.url}/../parley.db`)).status).not.toBe(500);
    // API paths never fall back to the app's HTML.
    const api = await fetch(`${server.url}/parley/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('the test hook adds newest, unread conversations for each provider', async () => {
    const created = await request<{ ids: string[] }>(`${server.url}/parley/test/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ provider: 'highlevel', count: 3 }),
    });
    expect(created.status).toBe(201);
    expect(created.body.ids).toHaveLength(3);
    const { body } = await request<{
      conversations: { id: string; unreadCount: number }[];
      total: number;
    }>(`${server.url}/providers/highlevel/conversations/search?locationId=${LOCATION_ID}&limit=3`, {
      headers: HL_HEADERS,
    });
    expect(body.total).toBe(103);
    expect(body.conversations.map((c) => c.id).sort()).toEqual([...created.body.ids].sort());
    expect(body.conversations.every((c) => c.unreadCount > 0)).toBe(true);
    const found = await request<{ total: number }>(
      `${server.url}/providers/highlevel/conversations/search?locationId=${LOCATION_ID}&id=${created.body.ids[0]}`,
      { headers: HL_HEADERS },
    );
    expect(found.body.total).toBe(1);

    const exante = await request<{ ids: string[] }>(`${server.url}/parley/test/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ provider: 'exante', count: 2 }),
    });
    expect(exante.status).toBe(201);
    const list = await request<{
      data: { items: { uid: string; is_read: boolean }[]; pagination: { total: number } };
    }>(`${server.url}/providers/exante/api/conversations?per_page=2`, { headers: EX_HEADERS });
    expect(list.body.data.pagination.total).toBe(102);
    expect(list.body.data.items.map((i) => i.uid).sort()).toEqual([...exante.body.ids].sort());
    expect(list.body.data.items.every((i) => !i.is_read)).toBe(true);

    const bad = await request(`${server.url}/parley/test/conversations`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'zendesk' }),
    });
    expect(bad.status).toBe(422);
  });

  it('the test hook can give the new conversations one new contact: a view of exactly them', async () => {
    for (const provider of ['highlevel', 'exante'] as const) {
      const created = await request<{ ids: string[]; contact: string }>(
        `${server.url}/parley/test/conversations`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ provider, count: 4, oneContact: true }),
        },
      );
      expect(created.status).toBe(201);
      const url =
        provider === 'highlevel'
          ? `${server.url}/providers/highlevel/conversations/search?locationId=${LOCATION_ID}&contactId=${created.body.contact}`
          : `${server.url}/providers/exante/api/conversations?party_uid=${created.body.contact}`;
      const { body } = await request<{ total?: number; data?: { pagination: { total: number } } }>(
        url,
        { headers: provider === 'highlevel' ? HL_HEADERS : EX_HEADERS },
      );
      expect(body.total ?? body.data?.pagination.total).toBe(4);
    }
    const bad = await request(`${server.url}/parley/test/conversations`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'exante', oneContact: 'yes' }),
    });
    expect(bad.status).toBe(422);
  });
});

describe('test hooks are off by default', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ size: 10 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('POST /parley/test/conversations is a 404', async () => {
    const response = await request(`${server.url}/parley/test/conversations`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'highlevel' }),
    });
    expect(response.status).toBe(404);
  });

  it('without dist/, non-API paths are plain 404s', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
  });
});

function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fake upstream that records what reached it. */
async function startUpstream() {
  const recorded: Recorded[] = [];
  const server = await listen(async (req) => {
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => {
      headers[name] = value;
    });
    recorded.push({ method: req.method, url: req.url, headers, body: await req.text() });
    return new Response(JSON.stringify({ upstream: true }), {
      status: 200,
      headers: {
        'Content-Type': 'application/json',
        'X-RateLimit-Remaining': '99',
        'Set-Cookie': 'session=upstream',
        'Keep-Alive': 'timeout=5',
      },
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('upstream mode (HighLevel, server-side token)', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let server: TestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    upstream = await startUpstream();
    server = await startTestServer({
      env: {
        PARLEY_UPSTREAM_PROVIDER: 'highlevel',
        PARLEY_UPSTREAM_URL: `${upstream.url}/base`,
        PARLEY_UPSTREAM_TENANT: 'RealLocation00000001',
        PARLEY_UPSTREAM_TOKEN: 'pit-secret-server-token',
        PARLEY_UPSTREAM_ME: 'RealUser000000000001',
      },
      log: (line) => lines.push(line),
    });
  });

  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  it('has no database and a config without any token', async () => {
    expect(server.db).toBeNull();
    const { body } = await request(`${server.url}/parley/config`);
    expect(body).toEqual({
      mode: 'upstream',
      providers: {
        highlevel: {
          baseUrl: '/providers/highlevel',
          tenantId: 'RealLocation00000001',
          token: null,
          meId: 'RealUser000000000001',
        },
      },
    });
  });

  it('forwards allowed calls with the server token, query and body, minus hop-by-hop headers', async () => {
    const search = await request(
      `${server.url}/providers/highlevel/conversations/search?locationId=RealLocation00000001&limit=5`,
      {
        headers: { Version: '2021-04-15', Authorization: 'Bearer from-the-browser', Cookie: 'a=b' },
      },
    );
    expect(search.status).toBe(200);
    expect(search.body).toEqual({ upstream: true });
    // The location's budget is the server's to pace (decision 0013), not the browser's.
    expect(search.headers.get('x-ratelimit-remaining')).toBeNull();
    expect(search.headers.get('set-cookie')).toBeNull();
    expect(search.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    // fetch() refuses to send Connection, so this call uses node:http.
    const putStatus = await rawRequest(
      `${server.url}/providers/highlevel/conversations/Abc123DEF456ghi789JK`,
      'PUT',
      {
        Version: '2021-04-15',
        'Content-Type': 'application/json',
        Connection: 'keep-alive, X-Custom',
        'X-Custom': '1',
      },
      JSON.stringify({ locationId: 'RealLocation00000001', starred: true }),
    );
    expect(putStatus).toBe(200);

    const [first, second] = upstream.recorded.slice(-2);
    expect(first?.method).toBe('GET');
    expect(first?.url).toBe(
      `${upstream.url}/base/conversations/search?locationId=RealLocation00000001&limit=5`,
    );
    expect(first?.headers.authorization).toBe('Bearer pit-secret-server-token');
    expect(first?.headers.version).toBe('2021-04-15');
    expect(first?.headers.cookie).toBeUndefined();
    expect(second?.method).toBe('PUT');
    expect(second?.url).toBe(`${upstream.url}/base/conversations/Abc123DEF456ghi789JK`);
    expect(JSON.parse(second?.body ?? '{}')).toEqual({
      locationId: 'RealLocation00000001',
      starred: true,
    });
    expect(second?.headers['x-custom']).toBeUndefined();
    // Logs name the call, never credentials.
    expect(lines.join('\n')).toContain(
      'PUT /providers/highlevel/conversations/Abc123DEF456ghi789JK -> 200',
    );
    expect(lines.join('\n')).not.toContain('pit-secret-server-token');
    expect(lines.join('\n')).not.toContain('from-the-browser');
  });

  it('refuses paths and methods the app does not use', async () => {
    const before = upstream.recorded.length;
    for (const [method, path] of [
      ['DELETE', '/providers/highlevel/conversations/Abc123DEF456ghi789JK'],
      ['GET', '/providers/highlevel/contacts/'],
      ['GET', '/providers/highlevel/conversations/..%2Fcontacts'],
      ['POST', '/providers/highlevel/conversations/search'],
    ] as const) {
      const response = await request(`${server.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    expect(upstream.recorded.length).toBe(before);
    expect((await request(`${server.url}/providers/exante/api/conversations`)).status).toBe(404);
  });
});

describe('upstream mode (Exante, no server token)', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let server: TestServer;

  beforeAll(async () => {
    upstream = await startUpstream();
    server = await startTestServer({
      env: {
        PARLEY_UPSTREAM_PROVIDER: 'exante',
        PARLEY_UPSTREAM_URL: `${upstream.url}/api/`,
        PARLEY_UPSTREAM_TENANT: ORGANIZATION_UID,
      },
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  it("forwards the browser's Authorization and maps /providers/exante/api to the base URL", async () => {
    const list = await request(`${server.url}/providers/exante/api/conversations?per_page=5`, {
      headers: { Authorization: 'Bearer ex_live_user_key' },
    });
    expect(list.status).toBe(200);
    const patch = await request(
      `${server.url}/providers/exante/api/conversations/${ORGANIZATION_UID}`,
      {
        method: 'PATCH',
        headers: { Authorization: 'Bearer ex_live_user_key', 'Content-Type': 'application/json' },
        body: '{"is_read":true}',
      },
    );
    expect(patch.status).toBe(200);
    const me = await request(`${server.url}/providers/exante/api/user`, { headers: EX_HEADERS });
    expect(me.status).toBe(200);
    const [first, second, third] = upstream.recorded;
    expect(first?.url).toBe(`${upstream.url}/api/conversations?per_page=5`);
    expect(first?.headers.authorization).toBe('Bearer ex_live_user_key');
    expect(second).toMatchObject({ method: 'PATCH', body: '{"is_read":true}' });
    expect(third?.url).toBe(`${upstream.url}/api/user`);
    const refused = await request(`${server.url}/providers/exante/api/invoices`, {
      headers: EX_HEADERS,
    });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ status: 'error', status_code: 404, data: null });
  });

  it('answers 502 in the provider shape when the upstream is down', async () => {
    await upstream.close();
    // A path not asked before: a read answered moments ago may still come from memory.
    const response = await request(`${server.url}/providers/exante/api/conversations?page=9`, {
      headers: EX_HEADERS,
    });
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ status: 'error', status_code: 502, data: null });
  });
});

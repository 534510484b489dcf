import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HL_HEADERS, LOCATION_ID, TOKEN } from '../test-support/fixtures.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

/**
 * The proxy as the location's one client (decision 0013), against the embedded HighLevel
 * API enforcing the real limit (100 requests in any 10 s): however many agents ask at once,
 * the upstream never refuses one, identical reads cost one request, and an agent told to
 * wait is told for how long.
 */

let upstream: TestServer;
let proxy: TestServer;
const upstreamStatuses: number[] = [];

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  upstreamStatuses.push(response.status);
  return response;
};

beforeAll(async () => {
  upstream = await startTestServer({ size: 300, env: { PARLEY_RATE_LIMIT: '100' } });
  proxy = await startTestServer({
    env: {
      PARLEY_UPSTREAM_PROVIDER: 'highlevel',
      PARLEY_UPSTREAM_URL: `${upstream.url}/providers/highlevel`,
      PARLEY_UPSTREAM_TENANT: LOCATION_ID,
      PARLEY_UPSTREAM_TOKEN: TOKEN,
    },
    fetchImpl: recordingFetch,
    log: () => undefined,
  });
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

const search = (extra: string) =>
  fetch(
    `${proxy.url}/providers/highlevel/conversations/search?locationId=${LOCATION_ID}&limit=1${extra}`,
    { headers: HL_HEADERS },
  );

describe('the proxy paces a location', () => {
  it('sends identical reads once, however many agents ask', async () => {
    upstreamStatuses.length = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, () => search('&status=unread')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(upstreamStatuses).toHaveLength(1);
  });

  it('keeps a burst of distinct reads inside the limit: the upstream never refuses one', async () => {
    upstreamStatuses.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) => search(`&query=burst${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(upstreamStatuses.filter((s) => s === 429)).toEqual([]);
    // What could not go within the window was told to come back, never failed.
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(upstreamStatuses.length).toBeLessThanOrEqual(100);
    const waited = answers.filter((a) => a.status === 429);
    expect(waited.length).toBeGreaterThan(0);
    for (const answer of waited) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await answer.json()).toMatchObject({
        statusCode: 429,
        message: expect.stringMatching(/^Waiting for HighLevel's rate limit \(\d+ s\)$/),
      });
    }
    // The location's own budget headers stay on the server.
    const ok = answers.find((a) => a.status === 200);
    expect(ok?.headers.get('x-ratelimit-remaining')).toBeNull();
  });

  it('a write waits for the spent budget, first in line, and is never refused', async () => {
    // The budget is spent by the burst above: a read now is told to come back, a write
    // is held until the window frees (up to 10 s) and then sent.
    const { body } = await fetch(
      `${upstream.url}/providers/highlevel/conversations/search?locationId=${LOCATION_ID}&limit=1`,
      { headers: HL_HEADERS },
    ).then(async (r) => ({ body: (await r.json()) as { conversations: { id: string }[] } }));
    const id = body.conversations[0]?.id ?? '';
    const writing = fetch(`${proxy.url}/providers/highlevel/conversations/${id}`, {
      method: 'PUT',
      headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ locationId: LOCATION_ID, starred: true }),
    });
    const read = await search('&query=after-the-burst');
    expect(read.status).toBe(429);
    const write = await writing;
    expect(write.status).toBe(200);
    expect(await write.json()).toMatchObject({ success: true });
    expect(upstreamStatuses.filter((s) => s === 429)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EX_HEADERS, HL_HEADERS, LOCATION_ID, request } from './test-support/fixtures.ts';
import { startTestServer, type TestServer } from './test-support/test-server.ts';
import { LIST_PARAMS } from '../src/api/contract/exante.ts';
import { CURSOR_ARRAY_SPELLINGS, SEARCH_PARAMS } from '../src/api/contract/highlevel.ts';

/** Whatever a caller sends, the answer is a deliberate status, never a 500. */
const NASTY = [
  '',
  ' ',
  "'",
  '"',
  "' OR 1=1 --",
  '; DROP TABLE hl_conversations; --',
  '%00',
  '\u0000',
  '<script>alert(1)</script>',
  '-1',
  '1e309',
  '9'.repeat(400),
  'NaN',
  '[]',
  '{}',
  ',,,',
  '🙂',
  'مرحبا',
  'a'.repeat(5000),
  '*',
  'NEAR(a b)',
  '"unterminated',
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ size: 50 });
});
afterAll(async () => {
  await server.close();
});

const ALLOWED = new Set([200, 400, 403, 404, 422]);

describe('hostile input never causes a 500', () => {
  it('on every HighLevel search parameter', async () => {
    const params = [...SEARCH_PARAMS, ...CURSOR_ARRAY_SPELLINGS];
    for (const param of params) {
      for (const value of NASTY) {
        const query = new URLSearchParams({
          locationId: LOCATION_ID,
          sortBy: 'score_profile',
          sortScoreProfile: 'x',
        });
        query.set(param, value);
        const { status } = await request(
          `${server.url}/providers/highlevel/conversations/search?${query}`,
          { headers: HL_HEADERS },
        );
        expect(ALLOWED.has(status), `${param}=${value.slice(0, 20)} -> ${status}`).toBe(true);
      }
    }
  });

  it('on every Exante list parameter, ids in paths, and bodies', async () => {
    // The assumed search name, and the one the adapter once sent.
    const params = [...LIST_PARAMS, 'search'];
    for (const param of params) {
      for (const value of NASTY) {
        const { status } = await request(
          `${server.url}/providers/exante/api/conversations?${new URLSearchParams({ [param]: value })}`,
          { headers: EX_HEADERS },
        );
        expect(ALLOWED.has(status), `${param}=${value.slice(0, 20)} -> ${status}`).toBe(true);
      }
    }
    for (const value of NASTY.filter((v) => v.trim() !== '')) {
      const id = encodeURIComponent(value);
      const responses = await Promise.all([
        request(`${server.url}/providers/exante/api/conversations/${id}`, { headers: EX_HEADERS }),
        request(`${server.url}/providers/highlevel/conversations/${id}`, { headers: HL_HEADERS }),
        request(`${server.url}/providers/highlevel/conversations/${id}/messages`, {
          headers: HL_HEADERS,
        }),
        request(`${server.url}/providers/highlevel/conversations/${id}`, {
          method: 'PUT',
          headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
          body: value,
        }),
        request(`${server.url}/providers/exante/api/conversations/${id}`, {
          method: 'PATCH',
          headers: { ...EX_HEADERS, 'Content-Type': 'application/json' },
          body: value,
        }),
      ]);
      for (const { status } of responses)
        expect(ALLOWED.has(status), `${value.slice(0, 20)} -> ${status}`).toBe(true);
    }
  });

  it('rejects oversized bodies with 413 in the provider shape', async () => {
    const big = JSON.stringify({
      locationId: LOCATION_ID,
      feedback: { text: 'x'.repeat(100_000) },
    });
    const { status, body } = await request(
      `${server.url}/providers/highlevel/conversations/whatever`,
      {
        method: 'PUT',
        headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
        body: big,
      },
    );
    expect(status).toBe(413);
    expect(body).toMatchObject({ statusCode: 413 });
  });
});

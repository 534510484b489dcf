import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXANTE_AGENT_UID } from '../seed/demo-identities.ts';
import { EX_HEADERS, ORGANIZATION_UID, request } from '../test-support/fixtures.ts';
import {
  authHeaders,
  expectDeliberateAnswer,
  PROPERTY_RUNS,
  pathId,
  queryString,
  requestBody,
} from '../test-support/random-input.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import { CHANNELS, LIFECYCLES, LIST_PARAMS, SORT_FIELDS } from '../../src/api/contract/exante.ts';

/** Random query strings and bodies at every Exante endpoint: never a 500 (issue 7). */
const RUNS = PROPERTY_RUNS;

let server: TestServer;
let base: string;
let uids: string[];

beforeAll(async () => {
  server = await startTestServer({ size: 200 });
  base = `${server.url}/providers/exante/api`;
  const { body } = await request<{ data: { items: { uid: string; party_uid: string }[] } }>(
    `${base}/conversations?per_page=20`,
    { headers: EX_HEADERS },
  );
  uids = body.data.items.map((c) => c.uid);
});

afterAll(async () => {
  await server.close();
});

const LIST_KEYS: readonly string[] = LIST_PARAMS;

const VALID_VALUES = [
  ORGANIZATION_UID,
  ORGANIZATION_UID.toUpperCase(),
  DEMO_EXANTE_AGENT_UID,
  '00000000-0000-4000-8000-000000000000',
  'true',
  'false',
  '1',
  '0',
  'billing',
  'refund',
  'invoice overdue',
  '25',
  '100',
  ...LIFECYCLES,
  ...CHANNELS,
  ...SORT_FIELDS,
  ...SORT_FIELDS.map((f) => `-${f}`),
];

const headers = authHeaders(false);

async function check(url: string, init: RequestInit = {}): Promise<void> {
  await expectDeliberateAnswer('exante', url, init);
}

describe(
  'Exante endpoints answer random input deliberately, never with a 500',
  { timeout: RUNS * 100 },
  () => {
    it('GET /api/conversations', async () => {
      // Prototype-named keys are left out until list-query.ts is fixed (the skipped test below).
      const query = queryString(LIST_KEYS, VALID_VALUES, {});
      await fc.assert(
        fc.asyncProperty(query, headers, (q, h) =>
          check(`${base}/conversations?${q}`, { headers: h }),
        ),
        { numRuns: RUNS },
      );
    });

    it('GET /api/conversations/:uid', async () => {
      await fc.assert(
        fc.asyncProperty(
          pathId(uids),
          queryString(['include'], VALID_VALUES),
          headers,
          (id, q, h) => check(`${base}/conversations/${id}?${q}`, { headers: h }),
        ),
        { numRuns: RUNS },
      );
    });

    it('PATCH /api/conversations/:uid', async () => {
      const body = requestBody({
        is_read: fc.boolean(),
        agent_uid: fc.constantFrom(null, DEMO_EXANTE_AGENT_UID, ORGANIZATION_UID),
        status: fc.constantFrom(...LIFECYCLES),
        categories: fc.array(fc.constantFrom('billing', 'Billing', 'vip', ' '), { maxLength: 4 }),
      });
      await fc.assert(
        fc.asyncProperty(pathId(uids), body, headers, (id, b, h) =>
          check(`${base}/conversations/${id}`, {
            method: 'PATCH',
            headers: { ...h, 'Content-Type': 'application/json' },
            body: b,
          }),
        ),
        { numRuns: RUNS },
      );
    });

    // Regression: a plain-object error map once made these keys throw (a 500).
    it('GET /api/conversations rejects prototype-named query keys with a 422', async () => {
      for (const key of ['__proto__', 'constructor', 'toString']) {
        const { status, body } = await request<{ errors: Record<string, string[]> }>(
          `${base}/conversations?${key}=1`,
          { headers: EX_HEADERS },
        );
        expect(status, key).toBe(422);
        expect(Object.keys(body.errors), key).toEqual([key]);
      }
    });

    it('PATCH names prototype-named body fields as unknown, with a 422', async () => {
      for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const { status, body } = await request<{ errors: Record<string, string[]> }>(
          `${base}/conversations/${uids[0] ?? ''}`,
          {
            method: 'PATCH',
            headers: { ...EX_HEADERS, 'Content-Type': 'application/json' },
            body: `{"${key}": 1, "is_read": true}`,
          },
        );
        expect(status, key).toBe(422);
        expect(Object.keys(body.errors), key).toEqual([key]);
        expect(body.errors[key], key).toEqual([`Unknown field: ${key}.`]);
      }
    });

    it('GET /api/organization/:uid/users and /api/user', async () => {
      const call = fc.oneof(
        fc
          .tuple(pathId([ORGANIZATION_UID, DEMO_EXANTE_AGENT_UID]), queryString([], VALID_VALUES))
          .map(([id, q]) => `/organization/${id}/users?${q}`),
        queryString(['uid'], VALID_VALUES).map((q) => `/user?${q}`),
      );
      await fc.assert(
        fc.asyncProperty(call, headers, (path, h) => check(`${base}${path}`, { headers: h })),
        { numRuns: RUNS },
      );
    });
  },
);

import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEMO_HIGHLEVEL_COMPANY_ID, DEMO_HIGHLEVEL_USER_ID } from '../seed/demo-identities.ts';
import { HL_HEADERS, LOCATION_ID, request } from '../test-support/fixtures.ts';
import {
  authHeaders,
  expectDeliberateAnswer,
  PROPERTY_RUNS,
  pathId,
  queryString,
  requestBody,
} from '../test-support/random-input.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import {
  SEARCH_PARAMS,
  SEARCH_STATUSES,
  SORT_BY_VALUES,
} from '../../src/api/contract/highlevel.ts';
import { MESSAGE_TYPES } from './message-types.ts';

/** Random query strings and bodies at every HighLevel endpoint: never a 500 (issue 7). */
const RUNS = PROPERTY_RUNS;

let server: TestServer;
let base: string;
let ids: string[];
let messageIds: string[];

beforeAll(async () => {
  server = await startTestServer({ size: 200 });
  base = `${server.url}/providers/highlevel`;
  const { body } = await request<{ conversations: { id: string; contactId: string }[] }>(
    `${base}/conversations/search?locationId=${LOCATION_ID}&limit=20`,
    { headers: HL_HEADERS },
  );
  ids = body.conversations.map((c) => c.id);
  const thread = await request<{ messages: { messages: { id: string }[] } }>(
    `${base}/conversations/${ids[0] ?? ''}/messages`,
    { headers: HL_HEADERS },
  );
  messageIds = thread.body.messages.messages.map((m) => m.id);
});

afterAll(async () => {
  await server.close();
});

const SEARCH_KEYS: readonly string[] = SEARCH_PARAMS;

const VALID_VALUES = [
  LOCATION_ID,
  DEMO_HIGHLEVEL_USER_ID,
  'unassigned',
  'asc',
  'desc',
  'inbound',
  'outbound',
  'automated',
  'manual',
  'refund',
  'order late',
  '20',
  '100',
  '1700000000000',
  ...SORT_BY_VALUES,
  ...SEARCH_STATUSES,
  ...MESSAGE_TYPES.slice(0, 4),
];

const headers = authHeaders(true);

async function check(url: string, init: RequestInit = {}): Promise<void> {
  await expectDeliberateAnswer('highlevel', url, init);
}

describe(
  'HighLevel endpoints answer random input deliberately, never with a 500',
  { timeout: RUNS * 100 },
  () => {
    it('GET /conversations/search', async () => {
      const query = queryString(SEARCH_KEYS, VALID_VALUES, { locationId: LOCATION_ID });
      await fc.assert(
        fc.asyncProperty(query, headers, (q, h) =>
          check(`${base}/conversations/search?${q}`, { headers: h }),
        ),
        { numRuns: RUNS },
      );
    });

    it('GET /conversations/:id and /conversations/:id/messages', async () => {
      const query = queryString(
        ['lastMessageId', 'limit', 'type'],
        [...VALID_VALUES, ...messageIds, MESSAGE_TYPES.join(',')],
      );
      await fc.assert(
        fc.asyncProperty(pathId(ids), query, headers, fc.boolean(), (id, q, h, messages) =>
          check(`${base}/conversations/${id}${messages ? '/messages' : ''}?${q}`, { headers: h }),
        ),
        { numRuns: RUNS * 2 },
      );
    });

    it('PUT /conversations/:id', async () => {
      const body = requestBody({
        locationId: fc.constant(LOCATION_ID),
        starred: fc.boolean(),
        unreadCount: fc.integer({ min: -5, max: 200_000 }),
        feedback: fc.oneof(fc.constantFrom('positive', 'negative'), fc.object({ maxDepth: 1 })),
      });
      await fc.assert(
        fc.asyncProperty(pathId(ids), body, headers, (id, b, h) =>
          check(`${base}/conversations/${id}`, {
            method: 'PUT',
            headers: { ...h, 'Content-Type': 'application/json' },
            body: b,
          }),
        ),
        { numRuns: RUNS },
      );
    });

    it('GET /users/ and /users/search', async () => {
      const list = queryString(['locationId'], VALID_VALUES, { locationId: LOCATION_ID });
      const search = queryString(
        [
          'companyId',
          'query',
          'skip',
          'limit',
          'locationId',
          'type',
          'role',
          'ids',
          'sort',
          'sortDirection',
          'enabled2waySync',
        ],
        [...VALID_VALUES, DEMO_HIGHLEVEL_COMPANY_ID, 'admin', 'user', 'agency', 'account', 'true'],
        { companyId: DEMO_HIGHLEVEL_COMPANY_ID },
      );
      const call = fc.oneof(
        list.map((q) => `/users/?${q}`),
        list.map((q) => `/users?${q}`),
        search.map((q) => `/users/search?${q}`),
      );
      await fc.assert(
        fc.asyncProperty(call, headers, (path, h) => check(`${base}${path}`, { headers: h })),
        { numRuns: RUNS },
      );
    });
  },
);

import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEND_TYPES } from '../src/api/contract/highlevel.ts';
import { DEMO_HIGHLEVEL_USER_ID } from './seed/demo-identities.ts';
import { expectCountsExact, expectFullTextIntact } from './test-support/consistency.ts';
import {
  authHeaders,
  expectDeliberateAnswer,
  HOSTILE_STRINGS,
  PROPERTY_RUNS,
  pathId,
  requestBody,
} from './test-support/random-input.ts';
import { request } from './test-support/fixtures.ts';
import { startTestServer, type TestServer } from './test-support/test-server.ts';

/**
 * Random bodies at the writes of docs/decisions/0015 (a reply on either API, an
 * assignment on HighLevel): a deliberate answer in the provider's shape, never a 500, and
 * whatever was accepted leaves the view counts and the full-text indexes exact.
 */
const RUNS = Math.max(50, Math.floor(PROPERTY_RUNS / 2));

let server: TestServer;
let db: Database;
let contacts: string[];
let uids: string[];

beforeAll(async () => {
  server = await startTestServer({ size: 200 });
  db = server.db as Database;
  contacts = (
    db.prepare('SELECT DISTINCT contact_id FROM hl_conversations LIMIT 20').all() as {
      contact_id: string;
    }[]
  ).map((r) => r.contact_id);
  uids = (db.prepare('SELECT uid FROM ex_conversations LIMIT 20').all() as { uid: string }[]).map(
    (r) => r.uid,
  );
});

afterAll(async () => {
  await server.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom('a'.repeat(1531), 'ж'.repeat(671), '€'.repeat(761)),
);
const emails = fc.array(fc.constantFrom('a@b.example', 'not an email', ''), { maxLength: 3 });

describe('the writes answer random input deliberately', { timeout: RUNS * 200 }, () => {
  it('POST /conversations/messages', async () => {
    const body = requestBody({
      type: fc.constantFrom(...SEND_TYPES, 'Fax'),
      subType: fc.constantFrom(...SEND_TYPES),
      status: fc.constantFrom('pending', 'delivered', 'sent'),
      contactId: fc.oneof(fc.constantFrom(...contacts), fc.string({ maxLength: 20 })),
      message: text,
      html: text,
      subject: text,
      emailTo: fc.constantFrom('a@b.example', 'nobody'),
      emailCc: emails,
      replyMessageId: fc.string({ maxLength: 20 }),
      threadId: fc.string({ maxLength: 20 }),
      attachments: fc.array(fc.constantFrom('https://x.example/a.pdf', 'file:///etc/passwd')),
      toNumber: fc.constantFrom('+15550100', 'call me'),
    });
    await fc.assert(
      fc.asyncProperty(body, authHeaders(true), (b, h) =>
        expectDeliberateAnswer(
          'highlevel',
          `${server.url}/providers/highlevel/conversations/messages`,
          {
            method: 'POST',
            headers: { ...h, 'Content-Type': 'application/json' },
            body: b,
          },
        ),
      ),
      { numRuns: RUNS },
    );
  });

  it('PUT /contacts/:contactId', async () => {
    const body = requestBody({
      assignedTo: fc.oneof(
        fc.constant(DEMO_HIGHLEVEL_USER_ID),
        fc.constant(null),
        fc.string({ maxLength: 20 }),
      ),
      firstName: fc.string({ maxLength: 10 }),
    });
    await fc.assert(
      fc.asyncProperty(pathId(contacts), body, authHeaders(true), (id, b, h) =>
        expectDeliberateAnswer('highlevel', `${server.url}/providers/highlevel/contacts/${id}`, {
          method: 'PUT',
          headers: { ...h, 'Content-Type': 'application/json' },
          body: b,
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('POST /api/conversations/:uid/messages', async () => {
    const body = requestBody({ body_text: text, subject: text });
    await fc.assert(
      fc.asyncProperty(pathId(uids), body, authHeaders(false), async (uid, b, h) => {
        const url = `${server.url}/providers/exante/api/conversations/${uid}/messages`;
        const init = {
          method: 'POST',
          headers: { ...h, 'Content-Type': 'application/json' },
          body: b,
        };
        const { status, body: answer } = await request(url, init);
        // 201 is the reply's success; everything else as every endpoint promises.
        if (status === 201) expect(answer).toMatchObject({ status: 'success' });
        else await expectDeliberateAnswer('exante', url, init);
      }),
      { numRuns: RUNS },
    );
  });

  it('left the database consistent', () => {
    expectCountsExact(db);
    expectFullTextIntact(db);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXANTE_AGENT_UID } from './seed/demo-identities.ts';
import { createRng } from './seed/prng.ts';
import { EX_HEADERS, HL_HEADERS, LOCATION_ID, request } from './test-support/fixtures.ts';
import { startTestServer, type TestServer } from './test-support/test-server.ts';

/**
 * Star and read changes must never be lost (issue 7). HTTP gives concurrent requests no
 * order, so "the last write wins" is checked where an order exists: writes to different
 * fields or conversations racing each other must all land, writes chained one after the
 * other on one conversation must end on the last, and writes racing on one field must end
 * on one of the values sent, each answered with the state it wrote.
 */

let server: TestServer;
let hlIds: string[];
let exUids: string[];
let exAgents: string[];

const hl = (path: string) => `${server.url}/providers/highlevel${path}`;
const ex = (path: string) => `${server.url}/providers/exante/api${path}`;

interface HlState {
  id: string;
  starred: boolean;
  unreadCount: number;
}
interface ExState {
  uid: string;
  is_read: boolean;
  status: string;
  agent_uid: string | null;
}

async function hlPut(id: string, fields: Record<string, unknown>): Promise<HlState> {
  const { status, body } = await request<{ conversation: HlState }>(hl(`/conversations/${id}`), {
    method: 'PUT',
    headers: { ...HL_HEADERS, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locationId: LOCATION_ID, ...fields }),
  });
  expect(status).toBe(200);
  return body.conversation;
}

async function hlGet(id: string): Promise<HlState> {
  const { status, body } = await request<HlState>(hl(`/conversations/${id}`), {
    headers: HL_HEADERS,
  });
  expect(status).toBe(200);
  return body;
}

async function exPatch(uid: string, fields: Record<string, unknown>): Promise<ExState> {
  const { status, body } = await request<{ data: ExState }>(ex(`/conversations/${uid}`), {
    method: 'PATCH',
    headers: { ...EX_HEADERS, 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  });
  expect(status).toBe(200);
  return body.data;
}

async function exGet(uid: string): Promise<ExState> {
  const { status, body } = await request<{ data: ExState }>(ex(`/conversations/${uid}`), {
    headers: EX_HEADERS,
  });
  expect(status).toBe(200);
  return body.data;
}

/** Every HighLevel conversation, walked page by page through the search cursor. */
async function hlAll(filter = ''): Promise<{ items: HlState[]; total: number }> {
  const items: HlState[] = [];
  let cursor = '';
  let total = -1;
  for (;;) {
    const { body } = await request<{
      conversations: (HlState & { sort: number[] })[];
      total: number;
    }>(hl(`/conversations/search?locationId=${LOCATION_ID}&limit=100${filter}${cursor}`), {
      headers: HL_HEADERS,
    });
    if (total === -1) total = body.total;
    items.push(...body.conversations);
    const last = body.conversations.at(-1);
    if (body.conversations.length < 100 || last === undefined) return { items, total };
    cursor = `&startAfterDate=${last.sort.join(',')}`;
  }
}

beforeAll(async () => {
  // The spec's PUT answer echoes every field the test checks; the real one leaves some out.
  server = await startTestServer({ size: 150, env: { PARLEY_WIRE: 'spec' } });
  hlIds = (await hlAll()).items.map((c) => c.id);
  const { body } = await request<{ data: { items: ExState[] } }>(
    ex('/conversations?per_page=100'),
    { headers: EX_HEADERS },
  );
  exUids = body.data.items.map((c) => c.uid);
  const agents = await request<{ data: { items: { uid: string }[] } }>(
    ex(`/organization/${server.config.demoOrganizationUid}/users`),
    { headers: EX_HEADERS },
  );
  exAgents = agents.body.data.items.map((a) => a.uid);
  expect(hlIds.length).toBe(150);
  expect(exUids.length).toBe(100);
  expect(exAgents).toContain(DEMO_EXANTE_AGENT_UID);
});

afterAll(async () => {
  await server.close();
});

describe('HighLevel PUT under concurrency', () => {
  it('concurrent writes to different fields and conversations all land', async () => {
    const rng = createRng(7);
    const wanted = hlIds
      .slice(0, 60)
      .map((id) => ({ id, starred: rng.chance(0.5), unreadCount: rng.int(0, 8) }));
    await Promise.all(
      wanted.flatMap(({ id, starred, unreadCount }) => [
        hlPut(id, { starred }),
        hlPut(id, { unreadCount }),
      ]),
    );
    for (const { id, starred, unreadCount } of wanted) {
      const state = await hlGet(id);
      expect({ starred: state.starred, unreadCount: state.unreadCount }, id).toEqual({
        starred,
        unreadCount,
      });
    }
  });

  it('toggles chained per conversation, all chains at once, end on each chain’s last write', async () => {
    const rng = createRng(11);
    const targets = hlIds.slice(60, 100);
    const last = new Map<string, { starred: boolean; unreadCount: number }>();
    await Promise.all(
      targets.map(async (id) => {
        let starred = false;
        let unreadCount = 0;
        for (let step = 0; step < 12; step += 1) {
          // A rapid star/read toggler: each write waits for the previous answer.
          if (rng.chance(0.5)) {
            starred = !starred;
            expect((await hlPut(id, { starred })).starred).toBe(starred);
          } else {
            unreadCount = unreadCount === 0 ? rng.int(1, 5) : 0;
            expect((await hlPut(id, { unreadCount })).unreadCount).toBe(unreadCount);
          }
        }
        // The chain may not have touched a field; pin both so the end state is defined.
        await hlPut(id, { starred, unreadCount });
        last.set(id, { starred, unreadCount });
      }),
    );
    for (const id of targets) {
      const state = await hlGet(id);
      expect({ starred: state.starred, unreadCount: state.unreadCount }, id).toEqual(last.get(id));
    }
  });

  it('racing writes to one field end on a value that was sent; each answer shows its own write', async () => {
    const id = hlIds[100] ?? '';
    const sent = Array.from({ length: 50 }, (_, i) => i % 7);
    const answers = await Promise.all(sent.map((unreadCount) => hlPut(id, { unreadCount })));
    answers.forEach((answer, i) => expect(answer.unreadCount).toBe(sent[i]));
    expect(sent).toContain((await hlGet(id)).unreadCount);
  });

  it('after all that, the starred and unread views agree with the conversations', async () => {
    const all = (await hlAll()).items;
    const starred = await hlAll('&status=starred');
    const unread = await hlAll('&status=unread');
    expect(starred.items.map((c) => c.id).sort()).toEqual(
      all
        .filter((c) => c.starred)
        .map((c) => c.id)
        .sort(),
    );
    expect(starred.total).toBe(starred.items.length);
    expect(unread.items.map((c) => c.id).sort()).toEqual(
      all
        .filter((c) => c.unreadCount > 0)
        .map((c) => c.id)
        .sort(),
    );
    expect(unread.total).toBe(unread.items.length);
  });
});

describe('Exante PATCH under concurrency', () => {
  it('concurrent writes to different fields and conversations all land', async () => {
    const rng = createRng(13);
    const wanted = exUids.slice(0, 50).map((uid) => ({
      uid,
      is_read: rng.chance(0.5),
      status: rng.pick(['active', 'archived', 'closed']),
      agent_uid: rng.chance(0.2) ? null : rng.pick(exAgents),
    }));
    await Promise.all(
      wanted.flatMap(({ uid, is_read, status, agent_uid }) => [
        exPatch(uid, { is_read }),
        exPatch(uid, { status }),
        exPatch(uid, { agent_uid }),
      ]),
    );
    for (const { uid, ...fields } of wanted) {
      const { is_read, status, agent_uid } = await exGet(uid);
      expect({ is_read, status, agent_uid }, uid).toEqual(fields);
    }
  });

  it('read toggles chained per conversation, all chains at once, end on each chain’s last write', async () => {
    const rng = createRng(17);
    const targets = exUids.slice(50, 100);
    const last = new Map<string, boolean>();
    await Promise.all(
      targets.map(async (uid) => {
        let isRead = rng.chance(0.5);
        for (let step = 0; step < 10; step += 1) {
          isRead = rng.chance(0.5) ? !isRead : isRead;
          expect((await exPatch(uid, { is_read: isRead })).is_read).toBe(isRead);
        }
        last.set(uid, isRead);
      }),
    );
    for (const uid of targets) expect((await exGet(uid)).is_read, uid).toBe(last.get(uid));
  });

  it('the unread filter and its total agree with the conversations afterwards', async () => {
    const { body: all } = await request<{ data: { items: ExState[] } }>(
      ex('/conversations?per_page=100&page=1'),
      { headers: EX_HEADERS },
    );
    const { body: unread } = await request<{
      data: { items: ExState[]; pagination: { total: number } };
    }>(ex('/conversations?per_page=100&is_read=false'), { headers: EX_HEADERS });
    const { body: rest } = await request<{ data: { items: ExState[] } }>(
      ex('/conversations?per_page=100&page=2'),
      { headers: EX_HEADERS },
    );
    const everything = [...all.data.items, ...rest.data.items];
    const expected = everything.filter((c) => !c.is_read).map((c) => c.uid);
    expect(unread.data.pagination.total).toBe(expected.length);
    expect(unread.data.items.map((c) => c.uid).sort()).toEqual(expected.sort());
  });
});

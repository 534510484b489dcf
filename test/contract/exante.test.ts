import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../server/db/fts-query.ts';
import { DEMO_EXANTE_AGENT_UID } from '../../server/seed/demo-identities.ts';
import { ApiError } from '../../src/api/client.ts';
import { INVALID_ORGANIZATION_MESSAGE } from '../../src/api/contract/exante.ts';
import type { Conversation, InboxFilters, Provider } from '../../src/api/model.ts';
import { createExanteProvider } from '../../src/api/providers/exante.ts';
import { filtersOf, inOrder, listToEnd, startEmbedded, type Embedded } from './harness.ts';

/**
 * The Exante adapter against the embedded Exante API: the documented list and get, and the
 * assumptions Parley makes where the docs are silent (src/api/contract/exante.ts: `q`, the
 * PATCH, the agents path), which the two sides must share.
 */

let embedded: Embedded;
let provider: Provider;

beforeAll(() => {
  embedded = startEmbedded({ size: 800 });
  provider = createExanteProvider(embedded.connection('exante'), embedded.transport);
});

afterAll(() => embedded.close());

interface View {
  name: string;
  filters: Partial<InboxFilters>;
  /** The view's predicate over ex_conversations `c`, and its parameters. */
  where: string;
  params?: unknown[];
  /** Which instant the view is ordered by. */
  orderedBy?: 'lastActivityAt' | 'createdAt';
  limit?: number;
}

const views: View[] = [
  { name: 'the default view', filters: {}, where: '1' },
  { name: 'the Unread view', filters: { read: 'unread' }, where: 'c.is_read = 0' },
  {
    name: 'the Unread view, nine at a time',
    filters: { read: 'unread' },
    where: 'c.is_read = 0',
    limit: 9,
  },
  {
    name: 'a filtered view (active email, mine)',
    filters: { channel: 'email', lifecycle: ['active'], assignee: ['me'] },
    where: "c.channel = 'email' AND c.status = 'active' AND c.agent_uid = ?",
    params: [DEMO_EXANTE_AGENT_UID],
  },
  {
    name: 'the default view, oldest first',
    filters: { sort: { field: 'lastActivity', direction: 'asc' } },
    where: '1',
  },
  {
    name: 'newest created first',
    filters: { sort: { field: 'created', direction: 'desc' } },
    where: '1',
    orderedBy: 'createdAt',
  },
  {
    name: 'a search',
    filters: { q: 'invoice' },
    where: 'c.seq IN (SELECT rowid FROM ex_fts WHERE ex_fts MATCH ?)',
    params: [toFtsQuery('invoice')],
  },
];

function truth(where: string, params: unknown[] = []): string[] {
  return (
    embedded.db
      .prepare(`SELECT c.uid FROM ex_conversations c WHERE c.organization_uid = ? AND ${where}`)
      .all(embedded.config.demoOrganizationUid, ...params) as { uid: string }[]
  ).map((r) => r.uid);
}

describe('Exante adapter × embedded API', () => {
  it.each(views)('scrolls $name to its end: each conversation once, in order', async (view) => {
    const filters = filtersOf(view.filters);
    const listed = await listToEnd(provider, filters, { limit: view.limit });
    const expected = truth(view.where, view.params);
    expect(expected.length).toBeGreaterThan(0);
    expect(listed.ids).toHaveLength(new Set(listed.ids).size);
    expect(new Set(listed.ids)).toEqual(new Set(expected));
    const instants = listed.items.map((c) => c[view.orderedBy ?? 'lastActivityAt'] ?? '');
    expect(inOrder(instants, filters.sort.direction)).toBe(true);
    expect(listed.unreadable).toEqual([]);
    expect(listed.pages[0]?.total).toBe(expected.length);
  });

  it('finds nothing for a word no subject has, rather than calling search unavailable', async () => {
    const page = await provider.list({ filters: filtersOf({ q: 'zzyzx' }), cursor: null });
    expect(page).toMatchObject({ items: [], total: 0, nextCursor: null });
  });

  it('opens a conversation as its row shows it, and reads its whole thread', async () => {
    const [row] = (await provider.list({ filters: filtersOf(), cursor: null })).items as [
      Conversation,
    ];
    expect(await provider.get(row.id)).toEqual(row);
    const thread = await provider.messages(row.id, null);
    expect(thread.olderCursor).toBeNull();
    expect(thread.messages.length).toBeGreaterThan(0);
    expect(
      inOrder(
        thread.messages.map((m) => m.sentAt),
        'asc',
      ),
    ).toBe(true);
    for (const message of thread.messages) {
      expect(typeof message.body).toBe('string');
      expect(message.bodyRef).toBeNull();
    }
    await expect(provider.messageBody(thread.messages[0]?.id ?? '')).rejects.toMatchObject({
      kind: 'unsupported',
    });
  });

  it('marks read and unread: no answer contradicts the write, and the change holds', async () => {
    const { uid } = embedded.db
      .prepare('SELECT uid FROM ex_conversations WHERE is_read = 0 ORDER BY seq LIMIT 1')
      .get() as { uid: string };
    for (const read of [true, false, true]) {
      const answer = await provider.update(uid, { read });
      expect(answer.id).toBe(uid);
      if (answer.isUnread !== undefined) expect(answer.isUnread).toBe(!read);
      expect(await provider.get(uid)).toMatchObject({ isUnread: !read });
    }
    await expect(provider.update(uid, { starred: true })).rejects.toMatchObject({
      kind: 'unsupported',
    });
  });

  it('lists the agents of the organization', async () => {
    const agents = await provider.agents();
    const expected = embedded.db
      .prepare('SELECT uid FROM ex_agents WHERE organization_uid = ? ORDER BY ord')
      .all(embedded.config.demoOrganizationUid) as { uid: string }[];
    expect(agents.map((a) => a.id)).toEqual(expected.map((a) => a.uid));
    expect(agents.find((a) => a.id === DEMO_EXANTE_AGENT_UID)?.name).toBe('Avery Quinn');
  });

  it('passes on the 400 of an organization that is not one', async () => {
    const malformed = createExanteProvider(
      { ...embedded.connection('exante'), tenantId: 'not-an-organization' },
      embedded.transport,
    );
    const error = await malformed
      .list({ filters: filtersOf(), cursor: null })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      messages: [INVALID_ORGANIZATION_MESSAGE],
    });
  });
});

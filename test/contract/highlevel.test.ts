import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HIGHLEVEL_USER_ID } from '../../server/seed/demo-identities.ts';
import type {
  Conversation,
  ConversationPatch,
  ConversationUpdate,
  InboxFilters,
  Provider,
} from '../../src/api/model.ts';
import { createHighLevelProvider } from '../../src/api/providers/highlevel.ts';
import { filtersOf, inOrder, listToEnd, startEmbedded, type Embedded } from './harness.ts';

/**
 * The HighLevel adapter against the embedded HighLevel API, on both of its wires: the real
 * one (omitted keys, a one-element sort whose cursor skips ties, numbers and Firestore
 * dates, email bodies by reference) and the spec's. The seed holds bursts of hundreds of
 * conversations sharing one millisecond (server/seed/highlevel-seed.ts, planBursts): each
 * view must still scroll to its end showing every conversation once, in order.
 */

/** 1,600 conversations: bursts of 200 (wider than any page), 100, and 40 sharing dateAdded. */
const SIZE = 1600;

const wires = ['real', 'spec'] as const;
type Wire = (typeof wires)[number];

const servers = {} as Record<Wire, { embedded: Embedded; provider: Provider }>;

beforeAll(() => {
  for (const wire of wires) {
    const embedded = startEmbedded({ size: SIZE, env: { PARLEY_WIRE: wire } });
    const provider = createHighLevelProvider(embedded.connection('highlevel'), embedded.transport);
    servers[wire] = { embedded, provider };
  }
});

afterAll(() => {
  for (const wire of wires) servers[wire]?.embedded.close();
});

interface View {
  name: string;
  filters: Partial<InboxFilters>;
  /** The view's predicate over hl_conversations: what the API holds for it. */
  where: string;
  limit?: number;
}

const views: View[] = [
  { name: 'the default view', filters: {}, where: '1' },
  { name: 'the Unread view', filters: { read: 'unread' }, where: 'unread_count > 0' },
  {
    name: 'the Unread view, seven at a time',
    filters: { read: 'unread' },
    where: 'unread_count > 0',
    limit: 7,
  },
  {
    name: 'a filtered view (mine, last message an SMS)',
    filters: { assignee: ['me'], messageType: 'TYPE_SMS' },
    where: `assigned_to = '${DEMO_HIGHLEVEL_USER_ID}' AND last_message_type = 'TYPE_SMS'`,
  },
  { name: 'the Starred view', filters: { starred: true }, where: 'starred = 1' },
  {
    name: 'the default view, oldest first',
    filters: { sort: { field: 'lastActivity', direction: 'asc' } },
    where: '1',
  },
];

function truth(embedded: Embedded, where: string): string[] {
  return (
    embedded.db
      .prepare(`SELECT id FROM hl_conversations WHERE location_id = ? AND ${where}`)
      .all(embedded.config.demoLocationId) as { id: string }[]
  ).map((r) => r.id);
}

describe.each(wires)('HighLevel adapter × embedded API, %s wire', (wire) => {
  const server = () => servers[wire];

  it('holds ties wider than any page: the case the paging is for', () => {
    const { embedded } = server();
    const widest = embedded.db
      .prepare(
        'SELECT COUNT(*) AS n FROM hl_conversations GROUP BY last_message_date ORDER BY n DESC LIMIT 1',
      )
      .get() as { n: number };
    expect(widest.n).toBeGreaterThan(100);
  });

  it.each(views)('scrolls $name to its end: each conversation once, in order', async (view) => {
    const { embedded, provider } = server();
    const filters = filtersOf(view.filters);
    const listed = await listToEnd(provider, filters, { limit: view.limit });
    const expected = truth(embedded, view.where);
    expect(expected.length).toBeGreaterThan(0);
    expect(listed.ids).toHaveLength(new Set(listed.ids).size);
    expect(new Set(listed.ids)).toEqual(new Set(expected));
    expect(
      inOrder(
        listed.items.map((c) => c.lastActivityAt),
        filters.sort.direction,
      ),
    ).toBe(true);
    expect(listed.unreadable).toEqual([]);
    expect(listed.gaps).toEqual([]);
    expect(listed.pages[0]?.total).toBe(expected.length);
    for (const item of listed.items) {
      if (view.filters.read === 'unread') expect(item.isUnread).toBe(true);
      if (view.filters.starred) expect(item.starred).toBe(true);
    }
  });

  it('opens a conversation as its row shows it', async () => {
    const { provider } = server();
    const page = await provider.list({ filters: filtersOf(), cursor: null, limit: 100 });
    // A no-show (no body, a type outside the enum) and an ordinary one.
    const samples = [
      page.items.find((c) => c.rawChannel === 'TYPE_PHONE' && c.snippet === ''),
      page.items.find((c) => c.snippet !== '' && c.assigneeId !== null),
    ].filter((c): c is Conversation => c !== undefined);
    expect(samples.length).toBeGreaterThan(0);
    for (const row of samples) expect(await provider.get(row.id)).toEqual(row);
  });

  it('stars and marks read: no answer contradicts the write, and the change holds', async () => {
    const { embedded, provider } = server();
    const { id } = embedded.db
      .prepare(
        'SELECT id FROM hl_conversations WHERE starred = 0 AND unread_count > 0 ORDER BY seq LIMIT 1',
      )
      .get() as { id: string };
    let shown = await provider.get(id);
    expect(shown).toMatchObject({ starred: false, isUnread: true });

    const steps: ConversationPatch[] = [
      { starred: true },
      { read: true },
      { starred: false, read: false },
      { read: true, starred: true },
    ];
    for (const patch of steps) {
      const answer = await provider.update(id, patch);
      expect(answer.id).toBe(id);
      const intent = applied(shown, patch);
      // What the agent sees once the answer is in: the write, reconciled with what the
      // answer carries (src/inbox/actions/write-ledger.ts) — it must not roll back.
      expect(visible(intent, answer, patch)).toMatchObject(written(patch));
      shown = await provider.get(id);
      expect(shown).toMatchObject(written(patch));
      expect(shown).toEqual({ ...intent, updatedAt: shown.updatedAt });
    }
  });

  it('reads a thread with an email, the body fetched when the list leaves it out', async () => {
    const { provider } = server();
    const [withEmail] = (
      await provider.list({ filters: filtersOf({ messageType: 'TYPE_EMAIL' }), cursor: null })
    ).items;
    expect(withEmail).toBeDefined();
    const thread = await provider.messages(withEmail?.id ?? '', null);
    expect(thread.messages.length).toBeGreaterThan(0);
    expect(
      inOrder(
        thread.messages.map((m) => m.sentAt),
        'asc',
      ),
    ).toBe(true);
    const last = thread.messages.at(-1);
    if (wire === 'real') {
      expect(last).toMatchObject({ body: null, bodyRef: expect.any(String) });
      const text = await provider.messageBody(last?.bodyRef ?? '');
      expect(text).not.toBe('');
      expect(text).not.toMatch(/<(div|br)\b/);
    } else {
      expect(last).toMatchObject({ body: expect.any(String), bodyRef: null });
    }
    for (const message of thread.messages) {
      if (message.bodyRef === null) expect(typeof message.body).toBe('string');
    }
  });

  it('lists the agents of the location', async () => {
    const { embedded, provider } = server();
    const agents = await provider.agents();
    const users = embedded.db.prepare('SELECT id FROM hl_users ORDER BY ord').all() as {
      id: string;
    }[];
    expect(agents.map((a) => a.id)).toEqual(users.map((u) => u.id));
    expect(agents[0]).toMatchObject({ id: DEMO_HIGHLEVEL_USER_ID, name: 'Avery Quinn' });
  });
});

describe('HighLevel, one seed on both wires', () => {
  it('reads the same conversations from both', async () => {
    const [real, spec] = await Promise.all(
      wires.map((wire) =>
        servers[wire].provider.list({ filters: filtersOf(), cursor: null, limit: 100 }),
      ),
    );
    // Writes above changed one conversation on each, alike but not in the same millisecond.
    // The real wire leaves lastMessageDirection out of some items; where it says, it agrees.
    const alike = (items: Conversation[] = []) =>
      items.map((c) => ({ ...c, updatedAt: null, lastMessageDirection: null }));
    expect(alike(real?.items)).toEqual(alike(spec?.items));
    const said = real?.items.filter((c) => c.lastMessageDirection !== null) ?? [];
    expect(said.length).toBeGreaterThan(0);
    for (const c of said) {
      expect(c.lastMessageDirection).toBe(
        spec?.items.find((s) => s.id === c.id)?.lastMessageDirection,
      );
    }
  });

  it("fetches by reference the email text the spec's thread carries", async () => {
    const { items } = await servers.real.provider.list({
      filters: filtersOf({ messageType: 'TYPE_EMAIL' }),
      cursor: null,
      limit: 10,
    });
    for (const { id } of items) {
      const [real, spec] = await Promise.all(
        wires.map((wire) => servers[wire].provider.messages(id, null)),
      );
      expect(real?.messages.map((m) => m.id)).toEqual(spec?.messages.map((m) => m.id));
      for (const [i, message] of (real?.messages ?? []).entries()) {
        const text =
          message.bodyRef === null
            ? message.body
            : await servers.real.provider.messageBody(message.bodyRef);
        expect(text?.trim()).toBe(spec?.messages[i]?.body?.trim());
      }
    }
  });
});

/** The conversation once `patch` is applied, as the list shows it at once. */
function applied(conversation: Conversation, patch: ConversationPatch): Conversation {
  const next = { ...conversation };
  if (patch.starred !== undefined) next.starred = patch.starred;
  if (patch.read !== undefined) {
    next.isUnread = !patch.read;
    next.unreadCount = patch.read ? 0 : 1;
  }
  return next;
}

/** The fields a patch decides, as the cache holds them. */
function written(patch: ConversationPatch): Partial<Conversation> {
  return {
    ...(patch.starred === undefined ? {} : { starred: patch.starred }),
    ...(patch.read === undefined ? {} : { isUnread: !patch.read }),
  };
}

/** The cache after the answer: the intent, overridden by the decided fields it carries. */
function visible(
  intent: Conversation,
  answer: ConversationUpdate,
  patch: ConversationPatch,
): Conversation {
  const carried: Partial<Conversation> = {};
  if (patch.starred !== undefined && answer.starred !== undefined) carried.starred = answer.starred;
  if (patch.read !== undefined) {
    if (answer.isUnread !== undefined) carried.isUnread = answer.isUnread;
    if (answer.unreadCount !== undefined) carried.unreadCount = answer.unreadCount;
  }
  return { ...intent, ...carried };
}

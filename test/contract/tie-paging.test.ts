import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHighLevelApp } from '../../server/highlevel/routes.ts';
import {
  emptyDatabase,
  insertHlConversations,
  type HlTestConversation,
} from '../../server/test-support/highlevel-rows.ts';
import { ASSUMED_SEARCH_MAX_LIMIT } from '../../src/api/contract/highlevel.ts';
import type { InboxFilters, SortDirection } from '../../src/api/model.ts';
import { createHighLevelProvider } from '../../src/api/providers/highlevel.ts';
import { filtersOf, inOrder, listToEnd, transportInto } from './harness.ts';

/**
 * Exactly once over a cursor that cannot break ties, on random tie patterns: the HighLevel
 * adapter pages the embedded API's real wire (a one-element sort, `startAfterDate` strictly
 * after it) over conversations of which many share one lastMessageDate, in groups from one
 * to 350, some sharing their dateAdded too, read and unread at random. Every view must
 * scroll to its end showing each of its conversations once, in order, in a bounded number
 * of pages. PARLEY_PROPERTY_RUNS raises the runs, as for server/test-support/random-input.ts.
 */

const RUNS = Number(process.env.PARLEY_PROPERTY_RUNS ?? 25) || 25;
/** A run pages up to ~1,400 conversations, a few hundred milliseconds on a slow machine. */
const TIMEOUT = 30_000 + RUNS * 1_500;
const TOKEN = 'tie_paging_property_token';
const LOCATION = 'TiePagingLocation001';
const MOUNT = '/providers/highlevel';

interface Group {
  size: number;
  /** Whether the group's conversations were also created in one millisecond (then ≤ 100). */
  sharedAdded: boolean;
  /** How far below the previous group's lastMessageDate: 1 ms puts ties side by side. */
  gap: number;
  /** The share of the group that is unread. */
  unread: number;
}

interface Pattern {
  groups: Group[];
  /** Drives everything per conversation: creation dates, read state, insertion order. */
  seed: number;
}

const group: fc.Arbitrary<Group> = fc.record({
  size: fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 4 }) },
    { weight: 3, arbitrary: fc.integer({ min: 5, max: 120 }) },
    { weight: 2, arbitrary: fc.integer({ min: 101, max: 350 }) },
  ),
  sharedAdded: fc.boolean(),
  gap: fc.constantFrom(1, 2, 1000, 86_400_000),
  unread: fc.constantFrom(0, 0.2, 0.5, 0.9, 1),
});

const pattern: fc.Arbitrary<Pattern> = fc.record({
  groups: fc.array(group, { minLength: 1, maxLength: 6 }),
  seed: fc.integer(),
});

/** Small, fast and deterministic: the property's randomness stays in fast-check's seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NEWEST = Date.UTC(2026, 9, 1);

function conversationsOf({ groups, seed }: Pattern): HlTestConversation[] {
  const random = mulberry32(seed);
  const conversations: HlTestConversation[] = [];
  let at = NEWEST;
  for (const [g, { size, sharedAdded, gap, unread }] of groups.entries()) {
    at -= gap;
    const created = () => at - 1 - Math.floor(random() * 1e9);
    const shared = created();
    const count = sharedAdded ? Math.min(size, ASSUMED_SEARCH_MAX_LIMIT) : size;
    for (let i = 0; i < count; i++) {
      conversations.push({
        id: `g${g}c${i}`,
        lastMessageDate: at,
        dateAdded: sharedAdded ? shared : created(),
        unreadCount: random() < unread ? 1 + Math.floor(random() * 3) : 0,
      });
    }
  }
  // Insertion order is the server's order within a tie: shuffle it.
  for (let i = conversations.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [conversations[i], conversations[j]] = [
      conversations[j] as HlTestConversation,
      conversations[i] as HlTestConversation,
    ];
  }
  return conversations;
}

/** A fresh database and the real-wire API over it, with the adapter that pages it. */
function setUp(conversations: readonly HlTestConversation[]) {
  const db = emptyDatabase();
  insertHlConversations(db, LOCATION, conversations);
  const app = new Hono().route(
    MOUNT,
    createHighLevelApp({ db, token: TOKEN, locationId: LOCATION, wire: 'real' }),
  );
  const transport = transportInto(app);
  const provider = createHighLevelProvider(
    { provider: 'highlevel', baseUrl: MOUNT, tenantId: LOCATION, token: TOKEN, meId: null },
    transport,
  );
  return { db, transport, provider };
}

/** The most conversations of `rows` that share both lastMessageDate and dateAdded. */
function widestExactTie(rows: readonly HlTestConversation[]): number {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.lastMessageDate}|${r.dateAdded}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

const views: {
  name: string;
  filters: Partial<InboxFilters>;
  holds: (c: HlTestConversation) => boolean;
}[] = [
  { name: 'the default view', filters: {}, holds: () => true },
  { name: 'the Unread view', filters: { read: 'unread' }, holds: (c) => (c.unreadCount ?? 0) > 0 },
];
const directions: SortDirection[] = ['desc', 'asc'];
const cases = views.flatMap((view) => directions.map((direction) => ({ ...view, direction })));

describe.each(cases)('$name, $direction, over random ties', ({ filters, holds, direction }) => {
  it(
    'shows every conversation exactly once, in order, and ends',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          pattern,
          fc.constantFrom(1, 2, 3, 7, 20, 50, 100),
          async (chosen, limit) => {
            const conversations = conversationsOf(chosen);
            const { db, transport, provider } = setUp(conversations);
            try {
              const expected = conversations.filter(holds);
              const listed = await listToEnd(
                provider,
                filtersOf({ ...filters, sort: { field: 'lastActivity', direction } }),
                // Every page but the last shows at least one: more pages than rows is a loop.
                { limit, maxPages: expected.length + 2 },
              );
              expect(listed.ids).toHaveLength(expected.length);
              expect(new Set(listed.ids)).toEqual(new Set(expected.map((c) => c.id)));
              expect(
                inOrder(
                  listed.items.map((c) => c.lastActivityAt),
                  direction,
                ),
              ).toBe(true);
              expect(listed.pages[0]?.total).toBe(expected.length);
              expect(listed.unreadable).toEqual([]);
              // A part of a tie that shares its creation time is listed whole up to a full
              // page; the pager cannot tell a full page of it from a wider one.
              if (widestExactTie(expected) < ASSUMED_SEARCH_MAX_LIMIT) {
                expect(listed.gaps).toEqual([]);
              }
              // A handful of requests a page: the overlap, and a split of a wide tie.
              expect(transport.requests()).toBeLessThanOrEqual(4 * listed.pages.length + 40);
            } finally {
              db.close();
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('a tie wider than a page that shares its creation time too', () => {
  it.each(
    views.flatMap((view) =>
      directions.flatMap((direction) => [1, 50].map((limit) => ({ ...view, direction, limit }))),
    ),
  )(
    '$name, $direction, $limit a page: a gap said, no duplicates, and an end',
    async ({ filters, direction, limit }) => {
      const at = NEWEST - 1000;
      const conversations: HlTestConversation[] = [
        ...Array.from({ length: 3 }, (_, i) => ({
          id: `newer${i}`,
          lastMessageDate: at + 1,
          dateAdded: at - 10 - i,
          unreadCount: 1,
        })),
        // 150 created and last active in the same millisecond: an import.
        ...Array.from({ length: 150 }, (_, i) => ({
          id: `import${i}`,
          lastMessageDate: at,
          dateAdded: at - 5000,
          unreadCount: 1,
        })),
        ...Array.from({ length: 3 }, (_, i) => ({
          id: `older${i}`,
          lastMessageDate: at - 1,
          dateAdded: at - 5000,
          unreadCount: 1,
        })),
      ];
      const { db, provider } = setUp(conversations);
      try {
        const listed = await listToEnd(
          provider,
          filtersOf({ ...filters, sort: { field: 'lastActivity', direction } }),
          { limit, maxPages: conversations.length + 2 },
        );
        expect(listed.ids).toHaveLength(new Set(listed.ids).size);
        const others = [...listed.ids].filter((id) => !id.startsWith('import'));
        expect(new Set(others)).toEqual(
          new Set(['newer0', 'newer1', 'newer2', 'older0', 'older1', 'older2']),
        );
        expect(listed.ids.filter((id) => id.startsWith('import'))).toHaveLength(
          ASSUMED_SEARCH_MAX_LIMIT,
        );
        expect(
          inOrder(
            listed.items.map((c) => c.lastActivityAt),
            direction,
          ),
        ).toBe(true);
        expect(listed.gaps).toHaveLength(1);
        expect(listed.gaps[0]).toMatch(/could not be listed.*Filter the view/);
      } finally {
        db.close();
      }
    },
  );
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import type { Page } from '../../api/model.ts';
import { aConversation } from '../../api/test-support.ts';
import { applyEach, bulkConcurrency, collectMatching, unlessApplied } from './bulk-run.ts';

const unread = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    aConversation({ id: `c${i}`, isUnread: true, unreadCount: 1 }),
  );

describe('collectMatching', () => {
  it('pages through the whole view once, reporting progress against the total', async () => {
    const all = unread(250);
    const progress: [number, number][] = [];
    const list = async (cursor: string | null): Promise<Page> => {
      const start = Number(cursor ?? 0);
      const items = all.slice(start, start + 100);
      const end = start + items.length;
      return {
        items,
        total: all.length,
        nextCursor: end < all.length ? String(end) : null,
        unreadable: [],
        gaps: [],
      };
    };
    const found = await collectMatching(list, new AbortController().signal, (f, t) =>
      progress.push([f, t]),
    );
    expect(found.map((c) => c.id)).toEqual(all.map((c) => c.id));
    expect(progress).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
  });
});

describe('applyEach', () => {
  it('writes only what is not already in the state, a few at a time', async () => {
    const items = [...unread(9), aConversation({ id: 'read', isUnread: false })];
    let inFlight = 0;
    let peak = 0;
    const written: string[] = [];
    const outcome = await applyEach(
      items,
      unlessApplied({ read: true }),
      async (c) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        written.push(c.id);
        inFlight -= 1;
      },
      new AbortController().signal,
      () => undefined,
    );
    expect(written.sort()).toEqual(
      items
        .slice(0, 9)
        .map((c) => c.id)
        .sort(),
    );
    expect(peak).toBe(bulkConcurrency);
    expect(outcome).toMatchObject({ skipped: 1, failed: [], cancelled: false });
    expect(outcome.succeeded).toHaveLength(9);
  });

  it('reports each failure with its reason, and keeps going', async () => {
    const items = unread(5);
    const outcome = await applyEach(
      items,
      unlessApplied({ read: true }),
      async (c) => {
        if (c.id === 'c2') throw new ApiError('http', ['Conversation not found'], { status: 404 });
      },
      new AbortController().signal,
      () => undefined,
    );
    expect(outcome.succeeded.map((c) => c.id)).toEqual(['c0', 'c1', 'c3', 'c4']);
    expect(outcome.failed).toEqual([
      {
        conversation: items[2],
        reason: 'The server could not find it (404): Conversation not found',
      },
    ]);
  });

  it('stops sending when cancelled; what was in flight is counted', async () => {
    const controller = new AbortController();
    let writes = 0;
    const outcome = await applyEach(
      unread(40),
      unlessApplied({ read: true }),
      async () => {
        writes += 1;
        if (writes === 6) controller.abort();
        await Promise.resolve();
      },
      controller.signal,
      () => undefined,
    );
    expect(outcome.cancelled).toBe(true);
    expect(outcome.succeeded.length).toBe(writes);
    expect(writes).toBeLessThan(6 + bulkConcurrency);
  });

  it('writes once per group, and gives the group the result of that write', async () => {
    // Five conversations of three contacts: on HighLevel one assignment per contact.
    const items = [
      aConversation({ id: 'a1', contactId: 'A' }),
      aConversation({ id: 'b1', contactId: 'B' }),
      aConversation({ id: 'a2', contactId: 'A' }),
      aConversation({ id: 'c1', contactId: 'C', assigneeId: 'u1' }),
      aConversation({ id: 'b2', contactId: 'B' }),
    ];
    const written: string[] = [];
    const progress: [number, number][] = [];
    const outcome = await applyEach(
      items,
      unlessApplied({ assignee: 'u1' }),
      async (c) => {
        written.push(c.id);
        if (c.contactId === 'B') throw new ApiError('http', ['no access'], { status: 403 });
      },
      new AbortController().signal,
      (done, todo) => progress.push([done, todo]),
      (c) => c.contactId,
    );
    expect(written.sort()).toEqual(['a1', 'b1']);
    expect(outcome.writes).toBe(2);
    expect(outcome.skipped).toBe(1);
    expect(outcome.succeeded.map((c) => c.id).sort()).toEqual(['a1', 'a2']);
    expect(outcome.failed.map((f) => f.conversation.id).sort()).toEqual(['b1', 'b2']);
    expect(progress.at(-1)).toEqual([2, 2]);
  });
});

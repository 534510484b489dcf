import { describe, expect, it } from 'vitest';
import type { Conversation, InboxFilters } from '../../api/model.ts';
import { missingFromHead } from './left-the-head.ts';

const newest: InboxFilters['sort'] = { field: 'lastActivity', direction: 'desc' };
const oldest: InboxFilters['sort'] = { field: 'lastActivity', direction: 'asc' };
const bySubject: InboxFilters['sort'] = { field: 'subject', direction: 'asc' };

/** A row last active `minute` minutes past noon (and created an hour before). */
const row = (id: string, minute: number) =>
  ({
    id,
    lastActivityAt: new Date(Date.UTC(2026, 11, 3, 12, minute)).toISOString(),
    createdAt: new Date(Date.UTC(2026, 11, 3, 11, minute)).toISOString(),
  }) as Conversation;
const ids = (rows: Conversation[]) => rows.map((r) => r.id);

describe('missingFromHead', () => {
  const shown = [row('a', 50), row('b', 40), row('c', 30), row('d', 20), row('e', 10)];

  it('finds shown rows the answer covers but left out', () => {
    // A full answer (size 3) down to c: b is missing; d and e lie below what it covers.
    const answer = [row('a', 50), row('c', 30), row('x', 25)];
    expect(ids(missingFromHead(shown, answer, 3, newest))).toEqual(['b']);
  });

  it('does not count rows pushed below the head by newer ones', () => {
    const answer = [row('n1', 59), row('n2', 58), row('a', 50)];
    expect(missingFromHead(shown, answer, 3, newest)).toEqual([]);
  });

  it('takes a short answer as the whole view', () => {
    const answer = [row('a', 50), row('e', 10)];
    expect(ids(missingFromHead(shown, answer, 3, newest))).toEqual(['b', 'c', 'd']);
    expect(ids(missingFromHead(shown, [], 3, newest))).toEqual(['a', 'b', 'c']);
  });

  it('counts a row that ties with the last one as covered', () => {
    const answer = [row('a', 50), row('x', 45), row('y', 40)];
    expect(ids(missingFromHead(shown, answer, 3, newest))).toEqual(['b']);
  });

  it('reads the span the other way in ascending order, and by creation', () => {
    const ascending = [...shown].reverse();
    const answer = [row('e', 10), row('x', 15), row('c', 30)];
    expect(ids(missingFromHead(ascending, answer, 3, oldest))).toEqual(['d']);
    const created: InboxFilters['sort'] = { field: 'created', direction: 'desc' };
    expect(
      ids(missingFromHead(shown, [row('a', 50), row('x', 45), row('c', 30)], 3, created)),
    ).toEqual(['b']);
  });

  it('without a time to compare, covers the shown rows down to the answer’s last', () => {
    expect(
      ids(missingFromHead(shown, [row('a', 0), row('c', 0), row('d', 0)], 3, bySubject)),
    ).toEqual(['b']);
    // Its last row is not shown: nothing can be said.
    expect(missingFromHead(shown, [row('a', 0), row('x', 0), row('y', 0)], 3, bySubject)).toEqual(
      [],
    );
  });
});

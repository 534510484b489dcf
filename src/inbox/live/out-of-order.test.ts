import { describe, expect, it } from 'vitest';
import { aConversation } from '../../api/test-support.ts';
import { movedRows } from './out-of-order.ts';

const at = (id: string, minute: number) =>
  aConversation({ id, lastActivityAt: new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString() });
const newestFirst = { field: 'lastActivity', direction: 'desc' } as const;
const oldestFirst = { field: 'lastActivity', direction: 'asc' } as const;
const none = () => false;

describe('movedRows', () => {
  it('finds nothing in a list as loaded, ties included', () => {
    const rows = [at('a', 9), at('b', 8), at('c', 8), at('d', 1)];
    expect(movedRows(rows, newestFirst, none)).toBe(0);
    expect(movedRows([...rows].reverse(), oldestFirst, none)).toBe(0);
  });

  it('counts a row a reply made the newest, where it stands', () => {
    const rows = [at('a', 9), at('b', 8), at('replied', 30), at('d', 1)];
    expect(movedRows(rows, newestFirst, none)).toBe(1);
    expect(movedRows([at('replied', 30), at('b', 2), at('c', 3)], oldestFirst, none)).toBe(1);
    // Already the first of a newest-first view: it has nowhere to go.
    expect(movedRows([at('replied', 30), at('b', 8)], newestFirst, none)).toBe(0);
  });

  it('leaves out rows that left the view, and orders that do not move', () => {
    const rows = [at('replied', 30), at('b', 2), at('c', 3)];
    expect(movedRows(rows, oldestFirst, (c) => c.id === 'replied')).toBe(0);
    expect(movedRows(rows, { field: 'subject', direction: 'asc' }, none)).toBe(0);
  });
});

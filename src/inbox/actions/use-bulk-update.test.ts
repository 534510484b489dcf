import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../api/model.ts';
import { needingChange, starPatch } from './use-bulk-update.ts';

const conversation = (id: string, starred: boolean | null, isUnread: boolean) =>
  ({ id, starred, isUnread }) as Conversation;

describe('starPatch', () => {
  it('stars all unless every one is starred already', () => {
    expect(starPatch([conversation('a', true, false), conversation('b', false, false)])).toEqual({
      starred: true,
    });
    expect(starPatch([conversation('a', true, false), conversation('b', true, false)])).toEqual({
      starred: false,
    });
  });
});

describe('needingChange', () => {
  const list = [
    conversation('read', false, false),
    conversation('unread', true, true),
    conversation('unread-2', false, true),
  ];

  it('keeps only the conversations the patch changes', () => {
    expect(needingChange(list, { read: true }).map((c) => c.id)).toEqual(['unread', 'unread-2']);
    expect(needingChange(list, { read: false }).map((c) => c.id)).toEqual(['read']);
    expect(needingChange(list, { starred: true }).map((c) => c.id)).toEqual(['read', 'unread-2']);
    expect(needingChange(list, {})).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { aConversation } from '../../api/test-support.ts';
import { describeDone } from './bulk-run-panel.tsx';
import { undoPatch } from './bulk-run.ts';
import { applyPatch, describePatch, needsChange } from './patches.ts';

const names = (id: string) => ({ u1: 'Avery Quinn', u2: 'Sam Lee' })[id] ?? id;

describe('applyPatch', () => {
  it('sets the assignee and the status, and nothing else', () => {
    const before = aConversation({ assigneeId: 'u1', lifecycle: 'active', starred: true });
    expect(applyPatch(before, { assignee: 'u2' })).toEqual({ ...before, assigneeId: 'u2' });
    expect(applyPatch(before, { assignee: null })).toEqual({ ...before, assigneeId: null });
    expect(applyPatch(before, { lifecycle: 'closed' })).toEqual({ ...before, lifecycle: 'closed' });
  });

  it('marks read as a count API and a boolean API hold it', () => {
    expect(applyPatch(aConversation({ isUnread: true, unreadCount: 3 }), { read: true })).toEqual(
      aConversation({ isUnread: false, unreadCount: 0 }),
    );
    expect(applyPatch(aConversation({ unreadCount: null }), { read: false })).toEqual(
      aConversation({ isUnread: true, unreadCount: null }),
    );
  });
});

describe('needsChange', () => {
  it('knows an assignment or a status that is already so', () => {
    const c = aConversation({ assigneeId: 'u1', lifecycle: 'closed' });
    expect(needsChange(c, { assignee: 'u1' })).toBe(false);
    expect(needsChange(c, { assignee: null })).toBe(true);
    expect(needsChange(c, { lifecycle: 'closed' })).toBe(false);
    expect(needsChange(c, { lifecycle: 'active' })).toBe(true);
    expect(needsChange(aConversation({ assigneeId: null }), { assignee: null })).toBe(false);
  });
});

describe('undoPatch', () => {
  it('restores exactly the fields the change set', () => {
    const before = aConversation({ starred: false, isUnread: true, unreadCount: 2 });
    expect(undoPatch(before, { read: true })).toEqual({ read: false });
    expect(undoPatch(before, { starred: true })).toEqual({ starred: false });
  });

  it('puts the assignee back, nobody included', () => {
    expect(undoPatch(aConversation({ assigneeId: 'u1' }), { assignee: 'u2' })).toEqual({
      assignee: 'u1',
    });
    expect(undoPatch(aConversation({ assigneeId: null }), { assignee: 'u2' })).toEqual({
      assignee: null,
    });
  });

  it('puts a status back only where an agent may set it', () => {
    const writable = ['active', 'archived', 'closed'] as const;
    expect(
      undoPatch(aConversation({ lifecycle: 'active' }), { lifecycle: 'closed' }, writable),
    ).toEqual({ lifecycle: 'active' });
    expect(
      undoPatch(aConversation({ lifecycle: 'draft' }), { lifecycle: 'closed' }, writable),
    ).toBeNull();
  });
});

describe('words', () => {
  it('names each change as a verb an agent reads', () => {
    const it = 'the conversation';
    expect(describePatch({ assignee: 'u1' }, names, it)).toBe(
      'assign the conversation to Avery Quinn',
    );
    expect(describePatch({ assignee: null }, names, it)).toBe('unassign the conversation');
    expect(describePatch({ lifecycle: 'closed' }, names, it)).toBe('close the conversation');
    expect(describePatch({ lifecycle: 'active' }, names, it)).toBe('reopen the conversation');
    expect(describePatch({ lifecycle: 'archived' }, names, it)).toBe('archive the conversation');
    expect(describePatch({ read: false }, names, it)).toBe('mark as unread the conversation');
    expect(describePatch({ starred: true }, names, it)).toBe('star the conversation');
  });

  it('sums a bulk run up, done and undone', () => {
    expect(describeDone({ read: true }, false, '3 conversations', names)).toBe(
      'Marked read 3 conversations.',
    );
    expect(describeDone({ read: true }, true, '3 conversations', names)).toBe(
      'Undid “marked read” on 3 conversations.',
    );
    expect(describeDone({ assignee: 'u2' }, false, '3 conversations', names)).toBe(
      'Assigned 3 conversations to Sam Lee.',
    );
    expect(describeDone({ assignee: 'u2' }, true, '3 conversations', names)).toBe(
      'Undid “assigned to Sam Lee” on 3 conversations.',
    );
    expect(describeDone({ lifecycle: 'closed' }, false, '1 conversation', names)).toBe(
      'Closed 1 conversation.',
    );
  });
});

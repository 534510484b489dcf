import { describe, expect, it } from 'vitest';
import { defaultFilters, type Conversation, type InboxFilters } from '../../api/model.ts';
import { aConversation } from '../../api/test-support.ts';
import { matchesFilters } from './matches-filters.ts';

const view = (patch: Partial<InboxFilters>): InboxFilters => ({ ...defaultFilters, ...patch });
const row = (patch: Partial<Conversation>) => aConversation(patch);
const matches = (c: Conversation, f: Partial<InboxFilters>) => matchesFilters(c, view(f), 'me1');

describe('matchesFilters', () => {
  it('puts every conversation in the default view', () => {
    expect(matches(row({}), {})).toBe(true);
  });

  it.each<[string, Partial<InboxFilters>, Partial<Conversation>, Partial<Conversation>]>([
    ['unread', { read: 'unread' }, { isUnread: true }, { isUnread: false }],
    ['read', { read: 'read' }, { isUnread: false }, { isUnread: true }],
    ['starred', { starred: true }, { starred: true }, { starred: false }],
    ['assigned to me', { assignee: ['me'] }, { assigneeId: 'me1' }, { assigneeId: 'u2' }],
    ['unassigned', { assignee: ['unassigned'] }, { assigneeId: null }, { assigneeId: 'u2' }],
    ['one of the agents', { assignee: ['u2', 'u3'] }, { assigneeId: 'u3' }, { assigneeId: null }],
    ['a status', { lifecycle: ['active'] }, { lifecycle: 'active' }, { lifecycle: 'closed' }],
    [
      'a status, none known',
      { lifecycle: ['active'] },
      { lifecycle: 'active' },
      { lifecycle: null },
    ],
    ['a channel', { channel: 'email' }, { channel: 'email' }, { channel: 'sms' }],
    ['a category', { categories: ['vip', 'x'] }, { labels: ['b', 'vip'] }, { labels: ['b'] }],
    ['a contact', { contact: 'c1' }, { contactId: 'c1' }, { contactId: 'c2' }],
    [
      'who wrote last',
      { direction: 'inbound' },
      { lastMessageDirection: 'inbound' },
      { lastMessageDirection: 'outbound' },
    ],
    [
      'created from',
      { from: '2026-10-02' },
      { createdAt: '2026-10-02T00:00:00Z' },
      { createdAt: '2026-10-01T23:59:59Z' },
    ],
    [
      'created until',
      { to: '2026-10-02' },
      { createdAt: '2026-10-02T23:59:59Z' },
      { createdAt: '2026-10-03T00:00:00Z' },
    ],
  ])('tells in from out for %s', (_, filters, inside, outside) => {
    expect(matches(row(inside), filters)).toBe(true);
    expect(matches(row(outside), filters)).toBe(false);
  });

  it.each<[string, Partial<InboxFilters>]>([
    ['a search', { q: 'refund' }],
    ['followers', { followers: ['u1'] }],
    ['mentions', { mentions: ['u1'] }],
    ['the last message type', { messageType: 'TYPE_SMS' }],
    ['who wrote last, where the API did not say', { direction: 'inbound' }],
    ['the last message action', { action: 'manual' }],
  ])('leaves %s to the server', (_, filters) => {
    expect(matches(row({}), filters)).toBeNull();
  });

  it('cannot place a row without a creation date in a date range', () => {
    expect(matches(row({ createdAt: null }), { from: '2026-10-01' })).toBeNull();
  });

  it('knows a row left the view even where the server knows the rest', () => {
    expect(matches(row({ isUnread: false }), { read: 'unread', q: 'refund' })).toBe(false);
    expect(matches(row({ isUnread: true }), { read: 'unread', q: 'refund' })).toBeNull();
  });
});

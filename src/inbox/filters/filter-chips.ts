/**
 * Active filters as removable chips: one label per filter, and the filters without it.
 * Also the words of the empty state ("Active filters: …").
 */
import { defaultFilters, type Agent, type InboxFilters } from '../../api/model.ts';

export interface Chip {
  key: string;
  label: string;
  without: InboxFilters;
}

const names = (ids: string[], agents: ReadonlyMap<string, Agent>) =>
  ids
    .map((id) =>
      id === 'me' ? 'me' : id === 'unassigned' ? 'unassigned' : (agents.get(id)?.name ?? id),
    )
    .join(', ');

export function filterChips(f: InboxFilters, agents: ReadonlyMap<string, Agent>): Chip[] {
  const chips: Chip[] = [];
  const add = (key: string, active: boolean, label: string, patch: Partial<InboxFilters>) => {
    if (active) chips.push({ key, label, without: { ...f, ...patch } });
  };
  const d = defaultFilters;
  add('assignee', f.assignee.length > 0, `Assignee: ${names(f.assignee, agents)}`, {
    assignee: d.assignee,
  });
  add('read', f.read !== 'all', f.read === 'unread' ? 'Unread' : 'Read', { read: d.read });
  add('starred', f.starred, 'Starred', { starred: false });
  add('status', f.lifecycle.length > 0, `Status: ${f.lifecycle.join(', ')}`, {
    lifecycle: d.lifecycle,
  });
  add('channel', f.channel !== null, `Channel: ${f.channel ?? ''}`, { channel: null });
  add('category', f.categories.length > 0, `Category: ${f.categories.join(', ')}`, {
    categories: d.categories,
  });
  add('contact', f.contact !== null, `Contact: ${f.contact ?? ''}`, { contact: null });
  add('followers', f.followers.length > 0, `Followers: ${names(f.followers, agents)}`, {
    followers: d.followers,
  });
  add('mentions', f.mentions.length > 0, `Mentions: ${names(f.mentions, agents)}`, {
    mentions: d.mentions,
  });
  add('type', f.messageType !== null, `Last message: ${f.messageType ?? ''}`, {
    messageType: null,
  });
  add('direction', f.direction !== null, `Direction: ${f.direction ?? ''}`, { direction: null });
  add('action', f.action !== null, `Action: ${f.action ?? ''}`, { action: null });
  add('from', f.from !== null, `Created from ${f.from ?? ''}`, { from: null });
  add('to', f.to !== null, `Created until ${f.to ?? ''}`, { to: null });
  add('q', f.q !== '', `Search: “${f.q}”`, { q: '' });
  return chips;
}

import type { Capabilities } from '../../api/model.ts';

export interface BuiltInView {
  name: string;
  search: string;
  /** `g` then this key jumps to the view (keyboard triage). */
  shortcut: string;
  shown: (caps: Capabilities) => boolean;
  /**
   * Where it is not shown, why, when that is worth saying: the rail lists the view, without
   * a link, rather than leave the agent looking for it (or show a wrong list).
   */
  whyNot?: string;
}

export const builtInViews: BuiltInView[] = [
  { name: 'All', search: '', shortcut: 'i', shown: () => true },
  { name: 'Mine', search: '?assignee=me', shortcut: 'm', shown: () => true },
  {
    name: 'Unassigned',
    search: '?assignee=unassigned',
    shortcut: 'u',
    shown: (c) => c.unassignedFilter,
  },
  { name: 'Unread', search: '?read=unread', shortcut: 'r', shown: () => true },
  { name: 'Starred', search: '?starred=1', shortcut: 's', shown: (c) => c.star },
  {
    // The customer wrote last: oldest waiting first (sort=updated is oldest first).
    name: 'Waiting on us',
    search: '?direction=inbound&sort=updated',
    shortcut: 'w',
    shown: (c) => c.filters.includes('direction') && c.sortFields.includes('lastActivity'),
    whyNot: 'This API cannot tell who wrote last, so it cannot list them.',
  },
];

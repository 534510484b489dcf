import type { Capabilities } from '../../api/model.ts';

export interface BuiltInView {
  name: string;
  search: string;
  /** `g` then this key jumps to the view (keyboard triage). */
  shortcut: string;
  shown: (caps: Capabilities) => boolean;
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
];

import { describe, expect, it } from 'vitest';
import type { Agent } from '../../api/model.ts';
import { highlevelCapabilities } from '../../api/providers/highlevel.ts';
import { viewOf } from './view-of.ts';

const agents: Agent[] = [
  { id: 'u1', name: 'Avery Quinn', email: null },
  { id: 'u2', name: 'Sam Lee', email: null },
];

describe('viewOf with the agents directory', () => {
  it('drops agents the API does not have, and says which and why', () => {
    const view = viewOf('?assignee=me,nobody,u2&followers=u1,ghost', highlevelCapabilities, agents);
    expect(view.filters.assignee).toEqual(['me', 'u2']);
    expect(view.filters.followers).toEqual(['u1']);
    expect(new URLSearchParams(view.search).toString()).toBe('assignee=me%2Cu2&followers=u1');
    expect(view.notices).toEqual([
      'ignored assignee=nobody: no agent of this API has that id',
      'ignored followers=ghost: no agent of this API has that id',
    ]);
  });

  it('keeps every id until the directory has loaded, or when it came back empty', () => {
    for (const directory of [undefined, []]) {
      const view = viewOf('?assignee=nobody', highlevelCapabilities, directory);
      expect(view.filters.assignee).toEqual(['nobody']);
      expect(view.notices).toEqual([]);
    }
  });

  it('keeps the words that are not ids', () => {
    const view = viewOf('?assignee=me,unassigned', highlevelCapabilities, agents);
    expect(view.filters.assignee).toEqual(['me', 'unassigned']);
    expect(view.notices).toEqual([]);
  });
});

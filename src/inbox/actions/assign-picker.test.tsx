import { describe, expect, it } from 'vitest';
import type { Agent } from '../../api/model.ts';
import { assignChoices, matchingChoices } from './assign-picker.tsx';

const agents: Agent[] = [
  { id: 'u3', name: 'Zed Adams', email: 'zed@example.com' },
  { id: 'me', name: 'Priya Raman', email: 'priya@example.com' },
  { id: 'u2', name: 'Ann Lee', email: null },
];

describe('assignChoices', () => {
  it('puts Me first, the others by name, and Unassigned last', () => {
    expect(assignChoices(agents, 'me').map((c) => [c.value, c.label])).toEqual([
      ['me', 'Me (Priya Raman)'],
      ['u2', 'Ann Lee'],
      ['u3', 'Zed Adams'],
      [null, 'Unassigned'],
    ]);
  });

  it('offers no Me when Parley does not know who the agent is', () => {
    expect(assignChoices(agents, null).map((c) => c.value)).toEqual(['u2', 'me', 'u3', null]);
  });
});

describe('matchingChoices', () => {
  const choices = assignChoices(agents, 'me');
  const labels = (typed: string) => matchingChoices(choices, typed).map((c) => c.label);

  it('matches names, emails and words, every word typed, in the list’s order', () => {
    expect(labels('')).toHaveLength(4);
    expect(labels('a')).toEqual(['Me (Priya Raman)', 'Ann Lee', 'Zed Adams', 'Unassigned']);
    expect(labels('zed@')).toEqual(['Zed Adams']);
    expect(labels('me')).toEqual(['Me (Priya Raman)']);
    expect(labels('nobody')).toEqual(['Unassigned']);
    expect(labels('ann lee')).toEqual(['Ann Lee']);
    expect(labels('lee zed')).toEqual([]);
  });
});

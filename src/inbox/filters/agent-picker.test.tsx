import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../api/model.ts';
import { AgentPicker } from './agent-picker.tsx';

const agents: Agent[] = [
  { id: 'a1', name: 'Avery Quinn', email: null },
  { id: 'a2', name: 'Noah Dubois', email: null },
  { id: 'a3', name: 'Oksana Patel', email: null },
];

function Harness({ single = false }: { single?: boolean }) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <>
      <AgentPicker
        legend="Assignee"
        agents={agents}
        selected={selected}
        onChange={setSelected}
        single={single}
        specials={[{ id: 'me', label: 'Me' }]}
      />
      <output aria-label="selection">{selected.join(',')}</output>
    </>
  );
}

describe('AgentPicker', () => {
  it('finds agents by name and picks several', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByRole('searchbox', { name: 'Find assignee by name' }), 'no');
    expect(screen.getAllByRole('checkbox').map((box) => box.closest('label')?.textContent)).toEqual(
      ['Noah Dubois'],
    );
    await user.click(screen.getByRole('checkbox', { name: 'Noah Dubois' }));
    await user.clear(screen.getByRole('searchbox'));
    await user.click(screen.getByRole('checkbox', { name: 'Me' }));
    expect(screen.getByRole('status', { name: 'selection' })).toHaveTextContent('a2,me');
  });

  it('keeps one agent at a time when the API filters a single assignee', async () => {
    const user = userEvent.setup();
    render(<Harness single />);
    await user.click(screen.getByRole('checkbox', { name: 'Avery Quinn' }));
    await user.click(screen.getByRole('checkbox', { name: 'Oksana Patel' }));
    expect(screen.getByRole('status', { name: 'selection' })).toHaveTextContent(/^a3$/);
    expect(screen.getByRole('checkbox', { name: 'Avery Quinn' })).not.toBeChecked();
  });

  it('says when no agent matches', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByRole('searchbox'), 'zz');
    expect(screen.getByText('No agent matches “zz”.')).toBeInTheDocument();
  });
});

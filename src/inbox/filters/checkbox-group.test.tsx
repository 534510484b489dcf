import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { CheckboxGroup } from './checkbox-group.tsx';

const agents = [
  { value: 'me', label: 'Me' },
  { value: 'a1', label: 'Avery Quinn' },
  { value: 'a2', label: 'Noah Dubois' },
  { value: 'a3', label: 'Oksana Patel' },
];

function Harness({ single = false, find }: { single?: boolean; find?: string }) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <>
      <CheckboxGroup
        legend="Assignee"
        options={agents}
        selected={selected}
        onChange={setSelected}
        single={single}
        find={find}
      />
      <output aria-label="selection">{selected.join(',')}</output>
    </>
  );
}

describe('CheckboxGroup', () => {
  it('finds options by name and picks several', async () => {
    const user = userEvent.setup();
    render(<Harness find="agent" />);
    await user.type(screen.getByRole('searchbox', { name: 'Find assignee by name' }), 'no');
    expect(screen.getAllByRole('checkbox').map((box) => box.closest('label')?.textContent)).toEqual(
      ['Noah Dubois'],
    );
    await user.click(screen.getByRole('checkbox', { name: 'Noah Dubois' }));
    await user.clear(screen.getByRole('searchbox'));
    await user.click(screen.getByRole('checkbox', { name: 'Me' }));
    expect(screen.getByRole('status', { name: 'selection' })).toHaveTextContent('a2,me');
    await user.click(screen.getByRole('checkbox', { name: 'Noah Dubois' }));
    expect(screen.getByRole('status', { name: 'selection' })).toHaveTextContent(/^me$/);
  });

  it('keeps one value at a time when the API filters a single one', async () => {
    const user = userEvent.setup();
    render(<Harness single />);
    await user.click(screen.getByRole('checkbox', { name: 'Avery Quinn' }));
    await user.click(screen.getByRole('checkbox', { name: 'Oksana Patel' }));
    expect(screen.getByRole('status', { name: 'selection' })).toHaveTextContent(/^a3$/);
    expect(screen.getByRole('checkbox', { name: 'Avery Quinn' })).not.toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Oksana Patel' }));
    expect(screen.getByRole('status', { name: 'selection' })).toBeEmptyDOMElement();
  });

  it('says when nothing matches, and offers no search box where there is no need', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Harness find="agent" />);
    await user.type(screen.getByRole('searchbox'), 'zz');
    expect(screen.getByText('No agent matches “zz”.')).toBeInTheDocument();
    unmount();
    render(<Harness />);
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    expect(screen.getAllByRole('checkbox')).toHaveLength(4);
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { allowConsoleErrors } from '../../test/fail-on-console-error.ts';
import { RegionBoundary } from './region-boundary.tsx';

let broken = true;
function Fragile() {
  if (broken) throw new Error('a field the schema let through was not a string');
  return <p>Rows</p>;
}

describe('RegionBoundary', () => {
  it('replaces only the crashed region with a message, and Try again renders it anew', async () => {
    allowConsoleErrors(/a field the schema let through/);
    broken = true;
    render(
      <>
        <RegionBoundary name="conversation list" back={<a href="/">Back to the inbox</a>}>
          <Fragile />
        </RegionBoundary>
        <p>Views rail</p>
      </>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The conversation list could not be shown.',
    );
    expect(screen.getByText('Views rail')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the inbox' })).toBeInTheDocument();

    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Rows')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('starts over when its reset key changes', () => {
    allowConsoleErrors(/a field the schema let through/);
    broken = true;
    const { rerender } = render(
      <RegionBoundary name="reading pane" resetKey="a">
        <Fragile />
      </RegionBoundary>,
    );
    expect(screen.getByRole('alert')).toBeInTheDocument();
    broken = false;
    rerender(
      <RegionBoundary name="reading pane" resetKey="b">
        <Fragile />
      </RegionBoundary>,
    );
    expect(screen.getByText('Rows')).toBeInTheDocument();
  });
});

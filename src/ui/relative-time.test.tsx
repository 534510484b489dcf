import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RelativeTime, formatRelative } from './relative-time.tsx';

const now = Date.parse('2026-11-21T12:00:00Z');

describe('RelativeTime', () => {
  it('says how long ago, in the largest whole unit', () => {
    expect(formatRelative('2026-11-21T11:59:30Z', now)).toBe('just now');
    expect(formatRelative('2026-11-21T11:15:00Z', now)).toBe('45m ago');
    expect(formatRelative('2026-11-20T12:00:00Z', now)).toBe('yesterday');
  });

  it('shows the full date once the pointer reaches it', async () => {
    render(<RelativeTime iso="2026-11-19T09:30:00Z" now={now} />);
    const time = screen.getByText('2d ago');
    expect(time).toHaveAttribute('datetime', '2026-11-19T09:30:00Z');
    expect(time).not.toHaveAttribute('title');
    await userEvent.hover(time);
    expect(time.getAttribute('title')).toMatch(/^Thursday, November 19, 2026 at \d+:30/);
  });
});

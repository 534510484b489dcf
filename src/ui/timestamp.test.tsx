import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatFull, formatStamp, Timestamp } from './timestamp.tsx';

// A Friday afternoon in New York.
const now = Date.parse('2026-11-20T19:00:00Z');
const ny = { locale: 'en-US', timeZone: 'America/New_York' };

describe('formatStamp', () => {
  it('shows the time today, the weekday this week, the day this year, and the year before', () => {
    expect(formatStamp('2026-11-20T16:58:00Z', now, ny)).toBe('11:58 AM');
    expect(formatStamp('2026-11-17T16:58:00Z', now, ny)).toBe('Tue');
    expect(formatStamp('2026-11-01T16:00:00Z', now, ny)).toBe('Nov 1');
    expect(formatStamp('2025-11-01T16:00:00Z', now, ny)).toBe('Nov 1, 2025');
  });

  it('counts days in the agent’s time zone, not UTC', () => {
    // 03:00 UTC on the 20th is still the evening of the 19th in New York: Thursday.
    expect(formatStamp('2026-11-20T03:00:00Z', now, ny)).toBe('Thu');
    expect(formatStamp('2026-11-20T03:00:00Z', now, { locale: 'en-US', timeZone: 'UTC' })).toBe(
      '3:00 AM',
    );
  });

  it('speaks the agent’s locale', () => {
    expect(
      formatStamp('2026-11-20T16:58:00Z', now, { locale: 'de-DE', timeZone: 'Europe/Berlin' }),
    ).toBe('17:58');
    expect(
      formatStamp('2026-11-01T16:00:00Z', now, { locale: 'de-DE', timeZone: 'Europe/Berlin' }),
    ).toBe('1. Nov.');
  });

  it('a week ago is a date, not a weekday that could be this week’s', () => {
    expect(formatStamp('2026-11-13T16:00:00Z', now, ny)).toBe('Nov 13');
  });

  it('takes a time a little ahead of this clock as today’s, and says nothing for no date', () => {
    expect(formatStamp('2026-11-20T19:01:00Z', now, ny)).toBe('2:01 PM');
    expect(formatStamp('not a date', now, ny)).toBe('');
  });
});

describe('Timestamp', () => {
  it('is a <time> with the instant, and the full date and time on hover', async () => {
    render(<Timestamp iso="2026-11-19T09:30:00Z" now={now} />);
    const time = screen.getByText(formatStamp('2026-11-19T09:30:00Z', now));
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('datetime', '2026-11-19T09:30:00Z');
    expect(time).not.toHaveAttribute('title');
    await userEvent.hover(time);
    expect(time).toHaveAttribute('title', formatFull('2026-11-19T09:30:00Z'));
    expect(formatFull('2026-11-19T09:30:00Z', ny)).toBe('Thursday, November 19, 2026 at 4:30 AM');
  });
});

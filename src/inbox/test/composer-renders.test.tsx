/**
 * Typing in the composer must not re-render the list (issue 16's performance budget), and
 * a write re-renders the row it changed, not every mounted row (a bulk run makes hundreds):
 * every render of a row is counted.
 */
import { screen, within } from '@testing-library/react';
import { createElement, memo, type ComponentProps } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type * as RowModule from '../list/conversation-row.tsx';
import { fakeApis, renderInbox, rowOf, rows } from './inbox-harness.tsx';
import { waitFor } from '@testing-library/react';

const renders = vi.hoisted(() => ({ rows: 0 }));

// The app's row, counted: a wrapper memoized as the row is renders exactly when it would.
vi.mock('../list/conversation-row.tsx', async (importOriginal) => {
  const actual = await importOriginal<typeof RowModule>();
  type Props = ComponentProps<typeof actual.ConversationRow>;
  return {
    ConversationRow: memo(function CountedRow(props: Props) {
      renders.rows += 1;
      return createElement(actual.ConversationRow, props);
    }, actual.sameRow),
  };
});

const server = fakeApis();

describe('typing a reply', () => {
  it('renders no row of the list, while the draft marker still appears', async () => {
    server.highlevel().rows = rows(20);
    const { user } = renderInbox('/conversations/conv003');
    const box = await screen.findByRole('textbox', { name: /^Reply by SMS to/ });
    await screen.findByRole('heading', { name: 'Contact 3' });
    await user.click(box);
    // The counter counts: the list's rows rendered to get here.
    expect(renders.rows).toBeGreaterThan(0);
    renders.rows = 0;
    await user.type(box, 'Thanks for waiting, your refund is on its way.');
    expect(box).toHaveValue('Thanks for waiting, your refund is on its way.');
    expect(within(rowOf('Contact 3') as HTMLElement).getByText('Draft reply')).toBeInTheDocument();
    expect(renders.rows).toBe(0);
    localStorage.clear();
  });
});

describe('a write', () => {
  it('re-renders the row it changed, not the others', async () => {
    server.highlevel().rows = rows(20);
    const { user } = renderInbox('/');
    const star = await screen.findByRole('button', { name: 'Star conversation with Contact 3' });
    renders.rows = 0;
    // Cells read the list's context, which a memo does not stop: count what the DOM saw.
    const changedRows = new Set<Element>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const target =
          record.target instanceof Element ? record.target : record.target.parentElement;
        const row = target?.closest('[role="row"][data-id]');
        if (row) changedRows.add(row);
      }
    });
    observer.observe(screen.getByRole('grid', { name: 'Conversations' }), {
      subtree: true,
      attributes: true,
      childList: true,
      characterData: true,
    });
    await user.click(star);
    await waitFor(() => expect(star).toHaveAttribute('aria-pressed', 'true'));
    observer.disconnect();
    // The starred row, and the first one, which gives up the list's one tab stop.
    expect([...changedRows].map((row) => row.getAttribute('data-id')).sort()).toEqual(
      expect.arrayContaining(['conv003']),
    );
    expect(changedRows.size).toBeLessThanOrEqual(2);
    // The starred row (optimistic, then the server's answer) and the focus moving to it
    // from the first row: a handful, not the twenty mounted.
    expect(renders.rows).toBeGreaterThan(0);
    expect(renders.rows).toBeLessThanOrEqual(4);
  });
});

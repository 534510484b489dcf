/**
 * Typing in the composer must not re-render the list (issue 16's performance budget):
 * every render of a row is counted while an agent types a reply.
 */
import { screen, within } from '@testing-library/react';
import { createElement, memo, type ComponentProps } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type * as RowModule from '../list/conversation-row.tsx';
import { fakeApis, renderInbox, rowOf, rows } from './inbox-harness.tsx';

const renders = vi.hoisted(() => ({ rows: 0 }));

// The app's row, counted: a memoized wrapper renders exactly when the row would.
vi.mock('../list/conversation-row.tsx', async (importOriginal) => {
  const actual = await importOriginal<typeof RowModule>();
  type Props = ComponentProps<typeof actual.ConversationRow>;
  return {
    ConversationRow: memo(function CountedRow(props: Props) {
      renders.rows += 1;
      return createElement(actual.ConversationRow, props);
    }),
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

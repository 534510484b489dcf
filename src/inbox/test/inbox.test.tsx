import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fakeApis,
  grid,
  renderInbox,
  rowOf,
  rows,
  rowsShown,
  shownNames,
} from './inbox-harness.tsx';

const server = fakeApis();
const toolbar = () => screen.findByRole('toolbar', { name: 'Selected conversations' });
const starOf = (name: string) =>
  screen.getByRole('button', { name: `Star conversation with ${name}` });
const railLink = (name: string) =>
  within(screen.getByRole('navigation', { name: 'Views' })).getByRole('link', {
    name: new RegExp(`^${name}`),
  });

describe('the list', () => {
  it('shows each conversation once when a page repeats rows of the one before', async () => {
    // Page-number paging: two conversations arrived between the requests, so page 2
    // starts with two rows page 1 already had.
    server.exante().pages = [
      ['Contact 1', 'Contact 2', 'Contact 3', 'Contact 4'],
      ['Contact 3', 'Contact 4', 'Contact 5', 'Contact 6'],
    ];
    renderInbox('/', 'exante');
    expect(await screen.findByText('End of list · 6 conversations')).toBeInTheDocument();
    expect(shownNames()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Contact ${i}`));
  });
});

describe('selecting', () => {
  it('selects with clicks, Shift+click ranges and keys, and Esc clears it', async () => {
    server.highlevel().rows = rows(5);
    const { user } = renderInbox('/');
    await rowsShown();

    await user.click(screen.getByRole('checkbox', { name: 'Select Contact 2' }));
    expect(await toolbar()).toHaveTextContent('1 selected');
    await user.keyboard('{Shift>}');
    await user.click(screen.getByRole('checkbox', { name: 'Select Contact 4' }));
    await user.keyboard('{/Shift}');
    expect(await toolbar()).toHaveTextContent('3 selected');
    for (const name of ['Contact 2', 'Contact 3', 'Contact 4']) {
      expect(rowOf(name)).toHaveAttribute('aria-selected', 'true');
    }
    expect(rowOf('Contact 1')).toHaveAttribute('aria-selected', 'false');

    // The row last clicked has the focus: j moves on from it, x selects.
    await user.keyboard('jx');
    expect(await toolbar()).toHaveTextContent('4 selected');
    expect(rowOf('Contact 5')).toHaveFocus();
    expect(rowOf('Contact 5')).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('toolbar', { name: 'Selected conversations' })).toBeNull(),
    );
  });
});

describe('starring', () => {
  it('stars at once, and the server keeps it', async () => {
    const api = server.highlevel();
    api.rows = rows(3);
    const { user } = renderInbox('/');
    await rowsShown();
    const release = api.hold('put');
    await user.click(starOf('Contact 2'));
    // Before the server has answered.
    expect(starOf('Contact 2')).toHaveAttribute('aria-pressed', 'true');
    release();
    await waitFor(() => expect(api.rows[1]?.starred).toBe(true));
    expect(api.puts).toEqual([{ id: 'conv002', body: { locationId: 'Loc1', starred: true } }]);
    expect(starOf('Contact 2')).toHaveAttribute('aria-pressed', 'true');
  });

  it('rolls a star back, and says so, when the server refuses it', async () => {
    const api = server.highlevel();
    api.rows = rows(3);
    api.failWrites = true;
    const { user } = renderInbox('/');
    await rowsShown();
    const release = api.hold('put');
    await user.click(starOf('Contact 2'));
    expect(starOf('Contact 2')).toHaveAttribute('aria-pressed', 'true');
    release();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Could not star the conversation with Contact 2\./,
    );
    expect(starOf('Contact 2')).toHaveAttribute('aria-pressed', 'false');
  });
});

describe('counts', () => {
  it('move at once when a row leaves the view, and the row stays, labelled', async () => {
    const api = server.highlevel();
    api.rows = rows(5, (i) => i <= 3);
    const { user } = renderInbox('/?read=unread');
    await rowsShown();
    expect(await screen.findByTestId('unread-count')).toHaveTextContent('3 unread');
    await waitFor(() => expect(railLink('Unread')).toHaveTextContent(/^Unread3$/));

    const release = api.hold('put');
    await user.click(document.body);
    await user.keyboard('j{Shift>}I{/Shift}');
    // Before the server has answered: the view's counts, in the summary and the rail.
    expect(screen.getByTestId('unread-count')).toHaveTextContent('2 unread');
    expect(railLink('Unread')).toHaveTextContent(/^Unread2$/);
    expect(railLink('All')).toHaveTextContent(/^All5$/);
    expect(rowOf('Contact 1')).toHaveTextContent('No longer in this view');
    expect(shownNames()).toEqual(['Contact 1', 'Contact 2', 'Contact 3']);
    release();
    await waitFor(() => expect(api.rows[0]?.unreadCount).toBe(0));
    expect(screen.getByTestId('unread-count')).toHaveTextContent('2 unread');
  });
});

describe('searching', () => {
  it('asks for the words typed, after a pause, not each key; the box follows the URL', async () => {
    const api = server.highlevel();
    api.rows = rows(12);
    const { user } = renderInbox('/');
    await rowsShown();
    const box = screen.getByRole('searchbox', { name: 'Search conversations' });

    await user.type(box, 'Contact 1');
    await waitFor(() =>
      expect(shownNames()).toEqual(['Contact 1', 'Contact 10', 'Contact 11', 'Contact 12']),
    );
    // The words, not each key's prefix ("C", "Co", …): the list and its count ask for them.
    expect(new Set(api.searches)).toEqual(new Set(['Contact 1']));

    // The search's chip removed: the URL has no search, and neither has the box.
    await user.click(screen.getByRole('button', { name: 'Remove filter Search: “Contact 1”' }));
    await waitFor(() => expect(box).toHaveValue(''));
    await waitFor(() => expect(shownNames()).toHaveLength(12));
    expect(new Set(api.searches)).toEqual(new Set(['Contact 1']));
  });

  it('takes / from anywhere in the list to the box', async () => {
    server.highlevel().rows = rows(3);
    const { user } = renderInbox('/');
    await rowsShown();
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search conversations' })).toHaveFocus();
  });
});

describe('offline', () => {
  afterEach(() => onlineManager.setOnline(true));

  it('keeps the view readable, says how old it is, and refuses a star with the reason', async () => {
    const api = server.highlevel();
    api.rows = rows(3);
    const { user } = renderInbox('/');
    await rowsShown();
    act(() => onlineManager.setOnline(false));
    expect(await screen.findByText(/^You are offline\. This view is shown as of \S/)).toBeVisible();
    expect(shownNames()).toEqual(['Contact 1', 'Contact 2', 'Contact 3']);
    await user.click(starOf('Contact 2'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You are offline: Parley did not star',
    );
    expect(starOf('Contact 2')).toHaveAttribute('aria-pressed', 'false');
    expect(api.puts).toEqual([]);
    act(() => onlineManager.setOnline(true));
    await waitFor(() => expect(screen.queryByText(/^You are offline\./)).toBeNull());
  });
});

describe('live changes', () => {
  it('update shown rows in place and announce new ones, which show when asked', async () => {
    const api = server.highlevel();
    api.rows = rows(3);
    const { user, queryClient } = renderInbox('/');
    await rowsShown();

    // Meanwhile: another agent stars Contact 2, and a customer writes.
    const [template] = rows(1);
    if (!template) throw new Error('no row');
    api.rows = [
      { ...template, id: 'new001', fullName: 'New Customer', lastMessageDate: Date.now() },
      ...api.rows.map((row) => (row.id === 'conv002' ? { ...row, starred: true } : row)),
    ];
    await queryClient.refetchQueries({ queryKey: [{ entity: 'head' }] });

    await waitFor(() => expect(starOf('Contact 2')).toHaveAttribute('aria-pressed', 'true'));
    expect(shownNames()).toEqual(['Contact 1', 'Contact 2', 'Contact 3']);
    await user.click(await screen.findByRole('button', { name: '1 new conversation' }));
    await waitFor(() =>
      expect(shownNames()).toEqual(['New Customer', 'Contact 1', 'Contact 2', 'Contact 3']),
    );
  });

  it('show each change another agent or the customer makes, one field at a time', async () => {
    const api = server.highlevel();
    api.rows = rows(5, (i) => i === 2);
    const { queryClient } = renderInbox('/');
    await rowsShown();
    const timeOf = (name: string) => within(rowOf(name) as HTMLElement).getByRole('time');
    const before = timeOf('Contact 5').getAttribute('datetime');

    // Each row changes in one field only, so each field's check is what shows it.
    api.rows = api.rows.map((row) => {
      switch (row.id) {
        case 'conv001':
          return { ...row, unreadCount: 2 };
        case 'conv002':
          return { ...row, unreadCount: 3 };
        case 'conv003':
          return { ...row, assignedTo: 'u8AgentTwo000000002' };
        case 'conv004':
          return { ...row, lastMessageBody: 'Any news on my order?' };
        default:
          return { ...row, lastMessageDate: row.lastMessageDate - 86_400_000 };
      }
    });
    await queryClient.refetchQueries({ queryKey: [{ entity: 'head' }] });

    await waitFor(() =>
      expect(within(rowOf('Contact 1') as HTMLElement).getByLabelText('2 unread messages')),
    );
    expect(within(rowOf('Contact 2') as HTMLElement).getByLabelText('3 unread messages'));
    expect(rowOf('Contact 3')).toHaveTextContent('Tomás García');
    expect(rowOf('Contact 4')).toHaveTextContent('Any news on my order?');
    expect(timeOf('Contact 5').getAttribute('datetime')).not.toBe(before);
    // In place: nothing moved.
    expect(shownNames()).toEqual(['Contact 1', 'Contact 2', 'Contact 3', 'Contact 4', 'Contact 5']);
  });

  it('show a row another agent read in the Unread view as read, left in place, and the counts follow', async () => {
    const api = server.highlevel();
    api.rows = rows(5, (i) => i <= 3);
    const { queryClient } = renderInbox('/?read=unread');
    await rowsShown();
    expect(await screen.findByTestId('unread-count')).toHaveTextContent('3 unread');
    await waitFor(() => expect(railLink('Unread')).toHaveTextContent(/^Unread3$/));

    // Another agent reads Contact 2: the newest unread no longer hold it.
    api.rows = api.rows.map((row) => (row.id === 'conv002' ? { ...row, unreadCount: 0 } : row));
    await queryClient.refetchQueries({ queryKey: [{ entity: 'head' }] });

    await waitFor(() => expect(rowOf('Contact 2')).toHaveTextContent('No longer in this view'));
    expect(within(rowOf('Contact 2') as HTMLElement).queryByLabelText(/unread message/)).toBeNull();
    expect(within(rowOf('Contact 1') as HTMLElement).getByLabelText(/unread message/));
    expect(shownNames()).toEqual(['Contact 1', 'Contact 2', 'Contact 3']);
    await waitFor(() => expect(screen.getByTestId('unread-count')).toHaveTextContent('2 unread'));
    await waitFor(() => expect(railLink('Unread')).toHaveTextContent(/^Unread2$/));
  });

  it('never undo a change the agent made after the poll was sent', async () => {
    const api = server.highlevel();
    api.rows = rows(3);
    const { user, queryClient } = renderInbox('/');
    await rowsShown();

    // The poll leaves with Contact 2 unstarred (and Contact 3 starred by another agent);
    // the agent stars Contact 2 before the answer arrives.
    api.rows = api.rows.map((row) => (row.id === 'conv003' ? { ...row, starred: true } : row));
    const answerPoll = api.hold('search');
    void queryClient.refetchQueries({ queryKey: [{ entity: 'head' }] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const answerWrite = api.hold('put');
    await user.click(starOf('Contact 2'));
    answerPoll();
    // The answer is applied (Contact 3), and is older than the agent's star.
    await waitFor(() => expect(starOf('Contact 3')).toHaveAttribute('aria-pressed', 'true'));
    expect(starOf('Contact 2')).toHaveAttribute('aria-pressed', 'true');
    answerWrite();
    await waitFor(() => expect(api.rows[1]?.starred).toBe(true));
  });
});

describe('select all matching', () => {
  it('marks every conversation of the view read, loaded or not', async () => {
    const api = server.highlevel();
    api.rows = rows(60, (i) => i % 2 === 1);
    const { user } = renderInbox('/');
    await rowsShown();
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded conversations' }));
    expect(await toolbar()).toHaveTextContent('50 selected');
    await user.click(screen.getByRole('button', { name: 'Select all 60 matching' }));
    expect(await toolbar()).toHaveTextContent('All 60 matching conversations selected');
    await user.click(screen.getByRole('button', { name: 'Mark read' }));

    expect(
      await screen.findByText(/^Marked read 30 conversations/, undefined, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(api.rows.filter((row) => row.unreadCount > 0)).toEqual([]);
    // Only the unread ones cost a request; rows past the loaded 50 were reached too.
    expect(api.puts).toHaveLength(30);
    expect(api.puts.map((put) => put.id)).toContain('conv059');
    expect(within(grid()).queryAllByRole('link', { name: /\(unread\)$/ })).toEqual([]);
  });
});

import { onlineManager } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApis, grid, meId, renderInbox, rowOf, rows, rowsShown } from './inbox-harness.tsx';

const server = fakeApis();
const pane = () => screen.getByRole('complementary', { name: 'Reading pane' });
const composer = () => screen.findByRole('textbox', { name: /^Reply by SMS to/ });
const sendButton = () => within(pane()).getByRole('button', { name: /^Send SMS$|^Sending…$/ });
const railLink = (name: string) =>
  within(screen.getByRole('navigation', { name: 'Views' })).getByRole('link', {
    name: new RegExp(`^${name}`),
  });

afterEach(() => {
  localStorage.clear();
  onlineManager.setOnline(true);
});

describe('the composer', () => {
  it('keeps a draft per conversation across navigation, and marks its row', async () => {
    server.highlevel().rows = rows(3);
    const { user } = renderInbox('/conversations/conv002');
    await user.type(await composer(), 'Half a thought');
    expect(within(rowOf('Contact 2') as HTMLElement).getByText('Draft reply')).toBeInTheDocument();
    // Kept under the connection's scope, the agent and the conversation.
    const keys = Object.keys(localStorage).filter((key) => key.startsWith('parley.draft:'));
    expect(keys).toEqual([`parley.draft:${JSON.stringify(['test', meId, 'conv002'])}`]);

    await user.click(within(grid()).getByRole('link', { name: 'Contact 3' }));
    expect(await composer()).toHaveValue('');
    await user.click(within(grid()).getByRole('link', { name: 'Contact 2' }));
    await waitFor(async () => expect(await composer()).toHaveValue('Half a thought'));
  });

  it('counts an SMS in characters and segments, and names the limit before sending', async () => {
    const api = server.highlevel();
    api.rows = rows(2);
    const { user } = renderInbox('/conversations/conv001');
    const box = await composer();
    await user.click(sendButton());
    expect(await within(pane()).findByRole('alert')).toHaveTextContent(
      'Write a message before sending.',
    );

    await user.type(box, 'Hi there');
    expect(screen.getByText(/^8 characters \(GSM-7\) · 1 of at most 10 segments/)).toBeVisible();
    await user.click(box);
    await user.paste('x'.repeat(1530));
    await user.click(sendButton());
    expect(await within(pane()).findByRole('alert')).toHaveTextContent(
      'This SMS must fit in 10 SMS segments (1,530 GSM-7 characters, or 670 when any character is outside GSM-7); it takes 11.',
    );
    expect(api.sends).toEqual([]);
  });

  it('shows Sending…, then Sent, sends once on a double click, and the row follows', async () => {
    const api = server.highlevel();
    api.rows = rows(3);
    const { user } = renderInbox('/conversations/conv003');
    await user.type(await composer(), 'On its way today');
    const release = api.hold('send');
    await user.dblClick(sendButton());
    expect(
      await within(pane()).findByText('Sending…', { selector: '[role=status]' }),
    ).toBeVisible();
    expect(await composer()).toHaveAttribute('readonly');
    await user.keyboard('{Control>}{Enter}{/Control}');
    release();

    const thread = within(within(pane()).getByRole('region', { name: 'Messages' }));
    await waitFor(() => expect(thread.getByText('On its way today')).toBeVisible());
    expect(thread.getByText('Sent')).toBeVisible();
    expect(api.sends).toEqual([
      expect.objectContaining({
        contactId: 'contact-conv003',
        type: 'SMS',
        message: 'On its way today',
      }),
    ]);
    expect(await composer()).toHaveValue('');
    // The row says what was sent, and has no draft left.
    const row = rowOf('Contact 3') as HTMLElement;
    expect(row).toHaveTextContent('On its way today');
    expect(within(row).queryByText('Draft reply')).toBeNull();
    expect(Object.keys(localStorage).filter((k) => k.startsWith('parley.draft:'))).toEqual([]);
    // It is the newest now; the list waits for the agent to show the new order.
    expect(await screen.findByRole('button', { name: '1 conversation moved' })).toBeVisible();
  });

  it('says why a send failed, keeps the text, and a retry sends it once', async () => {
    const api = server.highlevel();
    api.rows = rows(2);
    api.sendFaults = [500];
    const { user } = renderInbox('/conversations/conv001');
    await user.type(await composer(), 'Second try');
    await user.click(sendButton());
    expect(await within(pane()).findByRole('alert')).toHaveTextContent(
      /^Not sent — The server failed to answer \(500\)/,
    );
    expect(await composer()).toHaveValue('Second try');
    await user.click(within(pane()).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.thread('conv001').map((m) => m.body)).toContain('Second try'));
    expect(api.sends).toHaveLength(2);
    expect(api.thread('conv001').filter((m) => m.body === 'Second try')).toHaveLength(1);
    await waitFor(async () => expect(await composer()).toHaveValue(''));
  });

  it('reads the thread after a lost answer: a reply that arrived is Sent, never sent again', async () => {
    const api = server.highlevel();
    api.rows = rows(2);
    api.sendFaults = ['lost-after-delivery'];
    const { user } = renderInbox('/conversations/conv001');
    await user.type(await composer(), 'Did this arrive?');
    await user.click(sendButton());
    const thread = within(within(pane()).getByRole('region', { name: 'Messages' }));
    await waitFor(() => expect(thread.getByText('Sent')).toBeVisible());
    expect(within(pane()).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(api.sends).toHaveLength(1);
  });

  it('after a lost answer the thread does not show, offers a retry that sends once', async () => {
    const api = server.highlevel();
    api.rows = rows(2);
    api.sendFaults = ['lost'];
    const { user } = renderInbox('/conversations/conv001');
    await user.type(await composer(), 'Lost on the way');
    await user.click(sendButton());
    expect(await within(pane()).findByRole('alert')).toHaveTextContent(
      'The thread does not have it: it was not sent.',
    );
    await user.click(within(pane()).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(api.thread('conv001').filter((m) => m.body === 'Lost on the way')).toHaveLength(1),
    );
    expect(api.sends).toHaveLength(2);
  });

  it('names a refusal (403) and keeps the draft', async () => {
    const api = server.highlevel();
    api.rows = rows(2);
    api.sendFaults = [403];
    const { user } = renderInbox('/conversations/conv001');
    await user.type(await composer(), 'Not allowed?');
    await user.click(sendButton());
    expect(await within(pane()).findByRole('alert')).toHaveTextContent(
      'Not sent — This token is not allowed to send messages (403): refused (403).',
    );
    expect(await composer()).toHaveValue('Not allowed?');
    expect(within(rowOf('Contact 1') as HTMLElement).getByText('Draft reply')).toBeInTheDocument();
  });

  it('refuses to send offline, and keeps the draft', async () => {
    const api = server.highlevel();
    api.rows = rows(2);
    const { user } = renderInbox('/conversations/conv001');
    await user.type(await composer(), 'Sent from a tunnel');
    onlineManager.setOnline(false);
    await user.click(sendButton());
    expect(await within(pane()).findByRole('alert')).toHaveTextContent(
      'You are offline: Parley did not send it. Your draft is kept',
    );
    expect(api.sends).toEqual([]);
    expect(await composer()).toHaveValue('Sent from a tunnel');
  });

  it('r focuses the composer, Esc leaves it with the text kept', async () => {
    server.highlevel().rows = rows(3);
    const { user } = renderInbox('/');
    await rowsShown();
    await user.click(document.body);
    await user.keyboard('jr');
    const box = await composer();
    await waitFor(() => expect(box).toHaveFocus());
    expect(screen.getByRole('heading', { name: 'Contact 1' })).toBeVisible();
    await user.keyboard('Typed after r{Escape}');
    expect(box).not.toHaveFocus();
    expect(box).toHaveValue('Typed after r');
    // With the pane open, r goes to its composer.
    await user.keyboard('r');
    expect(box).toHaveFocus();
  });
});

describe('assigning', () => {
  const picker = () => screen.findByRole('dialog', { name: /^Assign/ });

  it('a opens a picker: Me first, Unassigned last, type-ahead, and the row moves at once', async () => {
    const api = server.highlevel();
    api.rows = rows(4);
    // Contact 2 and Contact 4 are one person: assigning one assigns both.
    api.rows[3] = { ...(api.rows[3] as (typeof api.rows)[number]), contactId: 'contact-conv002' };
    const { user } = renderInbox('/');
    await rowsShown();
    await waitFor(() => expect(railLink('Mine')).toHaveTextContent(/^Mine0$/));
    await waitFor(() => expect(railLink('Unassigned')).toHaveTextContent(/^Unassigned4$/));
    await user.click(document.body);
    await user.keyboard('jj');
    await user.keyboard('a');
    const dialog = await picker();
    expect(dialog).toHaveAccessibleName('Assign the conversation with Contact 2');
    const combo = within(dialog).getByRole('combobox', { name: 'Assign to' });
    expect(combo).toHaveFocus();
    const options = () =>
      within(dialog)
        .getAllByRole('option')
        .map((o) => o.textContent);
    await waitFor(() => expect(options().length).toBeGreaterThan(2));
    expect(options()[0]).toMatch(/^Me/);
    expect(options().at(-1)).toBe('Unassigned (current)');
    expect(
      await within(dialog).findByText(
        /assigns the contact: 1 other conversation of Contact 2 moves too/,
      ),
    ).toBeVisible();

    await user.keyboard('me');
    expect(options()).toHaveLength(1);
    expect(combo).toHaveAttribute('aria-activedescendant', within(dialog).getByRole('option').id);
    const release = api.hold('contact');
    await user.keyboard('{Enter}');
    // Before the server answers: both of the contact's rows, and the Mine count.
    expect(within(rowOf('Contact 2') as HTMLElement).getByText('Priya Raman')).toBeVisible();
    expect(within(rowOf('Contact 4') as HTMLElement).getByText('Priya Raman')).toBeVisible();
    expect(railLink('Mine')).toHaveTextContent(/^Mine2$/);
    expect(railLink('Unassigned')).toHaveTextContent(/^Unassigned2$/);
    release();
    await waitFor(() =>
      expect(api.contactPuts).toEqual([{ contactId: 'contact-conv002', assignedTo: meId }]),
    );
    expect(api.rows.filter((r) => r.assignedTo === meId).map((r) => r.id)).toEqual([
      'conv002',
      'conv004',
    ]);
  });

  it('rolls an assignment back, and says so, when the server refuses it', async () => {
    const api = server.highlevel();
    api.rows = rows(3);
    api.failAssign = true;
    const { user } = renderInbox('/');
    await rowsShown();
    await user.click(screen.getByRole('button', { name: 'Assign conversation with Contact 1' }));
    const dialog = await picker();
    await user.click(within(dialog).getByRole('option', { name: /^Me/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Could not assign the conversation with Contact 1 to you\./,
    );
    expect(within(rowOf('Contact 1') as HTMLElement).getByText('Unassigned')).toBeVisible();
  });

  it('assigns every matching conversation with one write per contact, and undoes it', async () => {
    const api = server.highlevel();
    api.rows = rows(60).map((row, i) => ({ ...row, contactId: `contact-${i % 20}` }));
    const { user } = renderInbox('/');
    await rowsShown();
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded conversations' }));
    await user.click(await screen.findByRole('button', { name: 'Select all 60 matching' }));
    await user.click(screen.getByRole('button', { name: 'Assign…' }));
    const dialog = await picker();
    expect(dialog).toHaveAccessibleName('Assign every matching conversation');
    await user.click(await within(dialog).findByRole('option', { name: /^Me/ }));
    expect(
      await screen.findByText('Assigned 60 conversations to you.', undefined, { timeout: 5000 }),
    ).toBeVisible();
    expect(api.contactPuts).toHaveLength(20);
    expect(api.rows.every((r) => r.assignedTo === meId)).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(
      await screen.findByText('Undid “assigned to you” on 60 conversations.', undefined, {
        timeout: 5000,
      }),
    ).toBeVisible();
    expect(api.rows.every((r) => r.assignedTo === null)).toBe(true);
    expect(api.contactPuts).toHaveLength(40);
  });
});

describe('closing and reopening', () => {
  it('e closes the focused conversation on Exante, and again reopens it', async () => {
    const api = server.exante();
    api.pages = [['Contact 1', 'Contact 2']];
    const { user } = renderInbox('/', 'exante');
    await screen.findByRole('link', { name: /^Contact 1/ });
    await user.click(document.body);
    await user.keyboard('je');
    await waitFor(() =>
      expect(api.patches).toEqual([{ uid: 'uid-Contact1', body: { status: 'closed' } }]),
    );
    expect(within(rowOf('Contact 1') as HTMLElement).getByText('closed')).toBeVisible();
    await user.keyboard('e');
    await waitFor(() => expect(api.patches.at(-1)?.body).toEqual({ status: 'active' }));
    await waitFor(() =>
      expect(within(rowOf('Contact 1') as HTMLElement).getByText('active')).toBeVisible(),
    );
  });

  it('is not offered on HighLevel, and e says why', async () => {
    server.highlevel().rows = rows(2);
    const { user } = renderInbox('/');
    await rowsShown();
    expect(screen.queryByRole('button', { name: /^Close conversation/ })).toBeNull();
    await user.click(document.body);
    await user.keyboard('je');
    expect(await screen.findByText(/no status to close or archive/)).toBeVisible();
  });
});

describe('the Waiting on us view', () => {
  it('lists the conversations whose last message is the customer’s, oldest first', async () => {
    const api = server.highlevel();
    api.rows = rows(4).map((row, i) =>
      i === 1 ? { ...row, lastMessageDirection: 'outbound' as const } : row,
    );
    const { user } = renderInbox('/');
    await rowsShown();
    await user.click(railLink('Waiting on us'));
    await waitFor(() =>
      expect(
        within(grid())
          .getAllByRole('link')
          .map((link) => link.textContent),
      ).toEqual(['Contact 4', 'Contact 3', 'Contact 1']),
    );
    await waitFor(() => expect(railLink('Waiting on us')).toHaveTextContent(/3$/));
  });

  it('is not offered where the API cannot tell who wrote last, and the rail says why', async () => {
    server.exante().pages = [['Contact 1']];
    renderInbox('/', 'exante');
    const rail = screen.getByRole('navigation', { name: 'Views' });
    expect(within(rail).queryByRole('link', { name: /^Waiting on us/ })).toBeNull();
    expect(within(rail).getByText('Waiting on us: not offered')).toBeVisible();
    expect(within(rail).getByText(/cannot tell who wrote last/)).toBeVisible();
  });
});

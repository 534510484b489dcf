import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../api/model.ts';
import { aConversation } from '../../api/test-support.ts';
import { AssigneeName } from './assignee-name.tsx';
import { ListContext } from './list-context.tsx';
import { UnreadBadge } from './unread-badge.tsx';

const base = aConversation();

describe('UnreadBadge', () => {
  it('shows the count where the API counts, capped at 99+', () => {
    const { rerender } = render(
      <UnreadBadge conversation={{ ...base, isUnread: true, unreadCount: 3 }} />,
    );
    expect(screen.getByLabelText('3 unread messages')).toHaveTextContent('3');
    rerender(<UnreadBadge conversation={{ ...base, isUnread: true, unreadCount: 250 }} />);
    expect(screen.getByLabelText('250 unread messages')).toHaveTextContent('99+');
  });

  it('shows a dot where the API only knows unread, and nothing when read', () => {
    const { rerender } = render(
      <UnreadBadge conversation={{ ...base, isUnread: true, unreadCount: null }} />,
    );
    expect(screen.getByRole('img', { name: 'Unread' })).toBeInTheDocument();
    rerender(<UnreadBadge conversation={base} />);
    expect(screen.queryByRole('img', { name: 'Unread' })).not.toBeInTheDocument();
  });
});

describe('AssigneeName', () => {
  const agents = new Map<string, Agent>([
    ['a1', { id: 'a1', name: 'Avery Quinn', email: 'avery@example.com' }],
  ]);
  const renderWith = (id: string | null, directory: typeof agents | null = agents) =>
    render(
      <ListContext
        value={{
          agents: directory,
          search: '',
          open: () => undefined,
          now: 0,
          toggleStar: () => undefined,
          select: () => undefined,
          outOfView: () => false,
          assign: null,
          setLifecycle: null,
          draftOwner: null,
          folded: new Set(),
          compact: false,
        }}
      >
        <AssigneeName id={id} />
      </ListContext>,
    );

  it('names a known agent, says unassigned, and shows an unknown id as such', () => {
    renderWith('a1');
    expect(screen.getByText('Avery Quinn')).toBeInTheDocument();
    renderWith(null);
    expect(screen.getByText('Unassigned')).toBeInTheDocument();
    renderWith('zz9');
    expect(screen.getByText('Unknown agent (zz9)')).toBeInTheDocument();
  });

  it('names nobody, known or unknown, while the directory loads', () => {
    const { container } = renderWith('a1', null);
    expect(screen.getByText('Agent name loading')).toBeInTheDocument();
    expect(container).not.toHaveTextContent(/Unknown agent|a1/);
  });
});

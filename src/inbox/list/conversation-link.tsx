import { Link } from 'react-router';
import type { Conversation } from '../../api/model.ts';
import { useListContext } from './list-context.tsx';

/**
 * The row's main cell and its one link: it stretches over the whole row, so a click
 * anywhere opens the conversation, and a middle-click opens it in a new tab.
 */
export function ConversationLink({ conversation }: { conversation: Conversation }) {
  const { search } = useListContext();
  const unread = conversation.isUnread;
  const headline = conversation.subject ?? conversation.snippet;
  return (
    <div className="min-w-0">
      <Link
        to={{ pathname: `/conversations/${encodeURIComponent(conversation.id)}`, search }}
        className={`block truncate after:absolute after:inset-0 focus-visible:outline-none ${
          unread ? 'font-bold text-slate-950' : 'text-slate-800'
        }`}
      >
        {conversation.contactName}
        {unread ? <span className="sr-only"> (unread)</span> : null}
      </Link>
      <p className={`truncate text-sm ${unread ? 'text-slate-900' : 'text-slate-600'}`}>
        {headline}
        {conversation.subject ? (
          <span className="text-slate-500"> — {conversation.snippet}</span>
        ) : null}
      </p>
    </div>
  );
}

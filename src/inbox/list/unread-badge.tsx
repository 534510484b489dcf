import type { Conversation } from '../../api/model.ts';

/** A count where the API has one, a dot where it only knows read or unread. */
export function UnreadBadge({ conversation }: { conversation: Conversation }) {
  if (!conversation.isUnread) return null;
  if (conversation.unreadCount !== null && conversation.unreadCount > 0) {
    const count = conversation.unreadCount;
    return (
      <span
        className="min-w-5 rounded-full bg-accent-strong px-1.5 text-center text-xs font-bold text-on-accent-strong"
        aria-label={`${count} unread ${count === 1 ? 'message' : 'messages'}`}
      >
        {count > 99 ? '99+' : count}
      </span>
    );
  }
  return <span className="size-2.5 rounded-full bg-accent-strong" role="img" aria-label="Unread" />;
}

import type { Conversation } from '../../api/model.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { useListContext } from './list-context.tsx';
import { DraftMarker } from './row-actions.tsx';

/** Where a conversation opens: the reading pane route, keeping the view's filters. */
export const conversationPath = (id: string, search: string) =>
  `/conversations/${encodeURIComponent(id)}${search}`;

/**
 * The row's main cell and its one link: it stretches over the whole row, so a click
 * anywhere opens the conversation, and a middle-click opens it in a new tab.
 *
 * A plain anchor rather than the router's Link: a Link subscribes to the location, so
 * every navigation would re-render every mounted row through its memo.
 */
export function ConversationLink({ conversation }: { conversation: Conversation }) {
  const { search, select, open, outOfView, draftOwner, folded, compact } = useListContext();
  const unread = conversation.isUnread;
  const headline = conversation.subject ?? conversation.snippet;
  return (
    <div className={`flex min-w-0 items-center ${compact ? 'gap-2' : 'gap-3'}`}>
      <Avatar
        name={conversation.contactName}
        colourKey={conversation.contactId ?? conversation.contactName}
        small={compact}
      />
      {/* Compact: name and preview share one line, the name taking up to half of it. */}
      <div className={`min-w-0 flex-1 ${compact ? 'flex items-baseline gap-2' : ''}`}>
        <a
          href={conversationPath(conversation.id, search)}
          tabIndex={-1}
          onClick={(event) => {
            if (event.shiftKey) {
              // Shift+click on a row extends the selection (as on its checkbox) instead of
              // opening a new window.
              event.preventDefault();
              select(conversation.id, { extend: true });
              return;
            }
            // Ctrl/Cmd/Alt and other buttons keep the browser's own meaning (a new tab).
            if (event.button !== 0 || event.ctrlKey || event.metaKey || event.altKey) return;
            event.preventDefault();
            open(conversation.id);
          }}
          className={`block truncate after:absolute after:inset-0 ${compact ? 'max-w-1/2 shrink-0' : ''} ${
            unread ? 'font-bold text-ink-strong' : 'text-ink'
          }`}
        >
          {conversation.contactName}
          {unread ? <span className="sr-only"> (unread)</span> : null}
        </a>
        <p className={`truncate text-sm ${unread ? 'text-ink' : 'text-ink-muted'}`}>
          {outOfView(conversation) ? (
            // Kept in place until the view is reloaded: a row vanishing under the pointer
            // is how a wrong click happens (decision 0008).
            <span className="mr-2 rounded bg-warning-soft px-1.5 py-0.5 text-xs font-medium text-on-warning-soft">
              No longer in this view
            </span>
          ) : null}
          {draftOwner ? <DraftMarker owner={draftOwner} id={conversation.id} /> : null}
          {headline}
          {conversation.subject ? (
            <span className="text-ink-muted"> — {conversation.snippet}</span>
          ) : null}
        </p>
        {folded.size > 0 && !compact ? (
          <FoldedCells conversation={conversation} folded={folded} />
        ) : null}
      </div>
    </div>
  );
}

/** What the columns the list had no room for said, as a third line: "SMS · Sam Lee · #vip". */
function FoldedCells({
  conversation,
  folded,
}: {
  conversation: Conversation;
  folded: ReadonlySet<string>;
}) {
  const { agents } = useListContext();
  const parts: string[] = [];
  if (folded.has('channel')) parts.push(conversation.channelLabel);
  if (folded.has('assignee') && conversation.assigneeId !== null) {
    parts.push(agents?.get(conversation.assigneeId)?.name ?? 'Assigned');
  }
  const [label] = conversation.labels;
  if (folded.has('labels') && label !== undefined) parts.push(`#${label}`);
  if (parts.length === 0) return null;
  return <p className="truncate text-xs leading-4 text-ink-muted">{parts.join(' · ')}</p>;
}

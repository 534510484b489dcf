import { Star } from 'lucide';
import { Icon } from '../../ui/icon.tsx';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/client.ts';
import type { Agent, Capabilities, Conversation, Lifecycle, Message } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { Timestamp } from '../../ui/timestamp.tsx';
import { useNow } from '../../ui/use-now.ts';
import { findCachedConversation } from '../cache/conversation-cache.ts';
import { smallScreen } from '../../ui/use-media-query.ts';
import { useReplyOutbox } from '../actions/use-send-reply.ts';
import { useUpdateConversation } from '../actions/use-update-conversation.ts';
import { AssignPicker, Deferred } from '../deferred-parts.tsx';
import { useCommands } from '../keyboard/use-shortcuts.ts';
import { authorOf } from './message-author.ts';
import { ReplyComposer } from './reply-composer.tsx';

/** The selected conversation; opening an unread one marks it read. */
export function ReadingPane() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { conversationId = '' } = useParams();
  const location = useLocation();
  const now = useNow();
  const detail = useQuery({
    ...conversationQueries.detail(api, conversationId),
    // Show the list's copy at once; the detail request fills in the rest.
    placeholderData: () => findCachedConversation(queryClient, api, conversationId),
  });
  const messages = useInfiniteQuery(conversationQueries.messages(api, conversationId));
  const { mutate, toggle } = useUpdateConversation();
  const agents = useQuery(conversationQueries.agents(api)).data;
  const outbox = useReplyOutbox(conversationId);
  const sentHere = new Set(
    outbox.flatMap((item) => (item.status === 'sent' ? [item.messageId] : [])),
  );
  const [assigning, setAssigning] = useState(false);

  // `r` (with this pane open): to the composer. Esc there comes back to the heading.
  const composerRef = useRef<HTMLTextAreaElement>(null);
  useCommands({ reply: () => composerRef.current?.focus() });
  const replyRequested = (location.state as { reply?: boolean } | null)?.reply === true;

  const conversation = detail.data;
  const markedRead = useRef<string | null>(null);
  // On a phone the pane covers the list: focus follows the agent into it, to the heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (window.matchMedia(smallScreen).matches) headingRef.current?.focus();
  }, [conversationId]);

  // Opening marks read, once per opening: a "Mark as unread" right after must stick.
  useEffect(() => {
    if (!conversation || markedRead.current === conversation.id) return;
    markedRead.current = conversation.id;
    if (conversation.isUnread) mutate({ target: conversation, patch: { read: true } });
  }, [conversation, mutate]);

  // Newest last: open at the bottom, and when older messages are prepended keep the
  // agent's place instead of jumping (scrolling is the world outside React).
  const threadRef = useRef<HTMLDivElement>(null);
  const heightBefore = useRef<number | null>(null);
  const messageCount = messages.data?.pages.reduce((n, p) => n + p.messages.length, 0) ?? 0;
  useLayoutEffect(() => {
    const el = threadRef.current;
    if (!el || messageCount === 0) return;
    el.scrollTop =
      heightBefore.current === null ? el.scrollHeight : el.scrollHeight - heightBefore.current;
    heightBefore.current = null;
  }, [messageCount, conversationId]);
  const loadOlder = () => {
    const el = threadRef.current;
    if (!el || !messages.hasNextPage || messages.isFetchingNextPage) return;
    heightBefore.current = el.scrollHeight - el.scrollTop;
    void messages.fetchNextPage();
  };
  const loadOlderNearTop = () => {
    if ((threadRef.current?.scrollTop ?? Infinity) <= 80) loadOlder();
  };

  const close = { pathname: '/', search: location.search };
  const thread = [...(messages.data?.pages ?? [])].reverse().flatMap((page) => page.messages);
  // An email reply is threaded to the newest message from the customer.
  const answering = thread.findLast((m) => m.direction === 'inbound') ?? thread.at(-1) ?? null;

  return (
    <aside
      aria-label="Reading pane"
      // Beside the list on wide screens; on a phone, a screen of its own over the list.
      className="flex shrink-0 flex-col border-line bg-surface max-md:absolute max-md:inset-0 md:w-[22rem] md:border-l xl:w-[28rem]"
    >
      <div className="flex items-center justify-between gap-2 border-b border-line px-4 py-3">
        <Link
          to={close}
          className="flex min-h-11 shrink-0 items-center rounded px-2 text-sm font-medium text-accent hover:bg-accent-soft md:hidden"
        >
          <span aria-hidden="true">←&nbsp;</span>Back
        </Link>
        <h2
          ref={headingRef}
          tabIndex={-1}
          className="min-w-0 flex-1 truncate text-lg font-semibold outline-none"
        >
          {conversation ? conversation.contactName : 'Conversation'}
        </h2>
        <Link
          to={close}
          className="rounded px-2 py-1 text-sm font-medium text-accent hover:bg-accent-soft max-md:hidden"
        >
          Close
        </Link>
      </div>
      {detail.isError && !conversation ? (
        <p role="alert" className="p-4 text-danger">
          Could not open this conversation. {describeError(detail.error)}
        </p>
      ) : !conversation ? (
        <p role="status" className="p-4 text-ink-muted">
          Loading conversation…
        </p>
      ) : (
        <div ref={threadRef} onScroll={loadOlderNearTop} className="min-h-0 flex-1 overflow-y-auto">
          <Details
            conversation={conversation}
            now={now}
            caps={api.provider.capabilities}
            agents={agents ?? null}
            meId={api.meId}
            onToggleStar={() => toggle(conversation.id, 'starred')}
            onToggleRead={() => toggle(conversation.id, 'read')}
            onAssign={() => setAssigning(true)}
            onLifecycle={(lifecycle) => mutate({ target: conversation, patch: { lifecycle } })}
          />
          <section aria-label="Messages" className="border-t border-line p-4">
            {messages.hasNextPage ? (
              <button
                type="button"
                className="mb-3 text-sm font-medium text-accent underline"
                onClick={loadOlder}
                disabled={messages.isFetchingNextPage}
              >
                {messages.isFetchingNextPage ? 'Loading older messages…' : 'Load older messages'}
              </button>
            ) : null}
            {messages.isError ? (
              <p role="alert" className="text-sm text-danger">
                Could not load messages. {describeError(messages.error)}
              </p>
            ) : null}
            <ol className="flex flex-col gap-3">
              {thread.map((message) => (
                <li
                  key={message.id}
                  className={`rounded-lg p-3 text-sm ${message.direction === 'inbound' ? 'bg-surface-hover' : 'ml-8 bg-accent-soft'}`}
                >
                  <p className="mb-1 flex justify-between gap-2 text-xs text-ink-muted">
                    <span className="font-medium text-ink">
                      {authorOf(message, conversation.contactName, agents ?? null, api.meId)}
                    </span>
                    <span>
                      {sentHere.has(message.id) ? (
                        <span className="mr-2 font-semibold text-ink">Sent</span>
                      ) : null}
                      <Timestamp iso={message.sentAt} now={now} />
                    </span>
                  </p>
                  <MessageText message={message} />
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
      {conversation ? (
        <ReplyComposer
          key={conversation.id}
          conversation={conversation}
          answering={answering}
          inputRef={composerRef}
          focusOnOpen={replyRequested}
          onLeave={() => headingRef.current?.focus()}
        />
      ) : null}
      {assigning && conversation ? (
        <Deferred name="assignee picker">
          <AssignPicker
            target={{ kind: 'loaded', conversations: [conversation] }}
            onPick={(assignee) => mutate({ target: conversation, patch: { assignee } })}
            onClose={() => setAssigning(false)}
          />
        </Deferred>
      ) : null}
    </aside>
  );
}

interface DetailsProps {
  conversation: Conversation;
  now: number;
  caps: Capabilities;
  agents: Agent[] | null;
  meId: string | null;
  onToggleStar: () => void;
  onToggleRead: () => void;
  onAssign: () => void;
  onLifecycle: (lifecycle: Lifecycle) => void;
}

const paneButton = 'rounded border border-line-strong px-3 py-1 text-sm';

/** The statuses an agent can move a conversation to from where it is, as buttons. */
const lifecycleActions: [Lifecycle, string][] = [
  ['closed', 'Close'],
  ['archived', 'Archive'],
  ['active', 'Reopen'],
];

function Details({
  conversation: c,
  now,
  caps,
  agents,
  meId,
  onToggleStar,
  onToggleRead,
  onAssign,
  onLifecycle,
}: DetailsProps) {
  const assignee =
    c.assigneeId === null
      ? 'Unassigned'
      : c.assigneeId === meId
        ? `You (${agents?.find((a) => a.id === c.assigneeId)?.name ?? c.assigneeId})`
        : (agents?.find((a) => a.id === c.assigneeId)?.name ?? `Unknown agent (${c.assigneeId})`);
  const facts: [string, string | null][] = [
    ['Subject', c.subject],
    ['Email', c.contactEmail],
    ['Phone', c.contactPhone],
    ['Participants', c.participants.length > 0 ? c.participants.join(', ') : null],
    ['Channel', c.channelLabel],
    ['Status', c.lifecycle],
    ['Assignee', agents === null && c.assigneeId !== null ? null : assignee],
    ['Labels', c.labels.length > 0 ? c.labels.join(', ') : null],
    ['Messages', c.messageCount === null ? null : String(c.messageCount)],
    ['Attachments', c.hasAttachments ? String(c.attachmentCount) : null],
  ];
  return (
    <div className="p-4">
      <div className="mb-3 flex flex-wrap gap-2">
        {caps.star ? (
          <button
            type="button"
            aria-pressed={c.starred === true}
            onClick={onToggleStar}
            className={paneButton}
          >
            <Icon
              icon={Star}
              className="mr-1 inline size-4 align-[-0.125em]"
              filled={c.starred === true}
            />
            {c.starred ? 'Starred' : 'Star'}
          </button>
        ) : null}
        <button type="button" onClick={onToggleRead} className={paneButton}>
          {c.isUnread ? 'Mark as read' : 'Mark as unread'}
        </button>
        {caps.assign ? (
          <button type="button" onClick={onAssign} aria-haspopup="dialog" className={paneButton}>
            Assign…
          </button>
        ) : null}
        {lifecycleActions.map(([lifecycle, label]) =>
          caps.lifecycleWrites.includes(lifecycle) &&
          c.lifecycle !== lifecycle &&
          // Reopening is for what was closed or archived, not a draft.
          (lifecycle !== 'active' || c.lifecycle === 'closed' || c.lifecycle === 'archived') ? (
            <button
              key={lifecycle}
              type="button"
              onClick={() => onLifecycle(lifecycle)}
              className={paneButton}
            >
              {label}
            </button>
          ) : null,
        )}
      </div>
      <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-sm">
        {facts
          .filter((f): f is [string, string] => f[1] !== null && f[1] !== '')
          .map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-ink-muted">{term}</dt>
              <dd className="break-words text-ink">{value}</dd>
            </div>
          ))}
        {(
          [
            // The customer wrote last: how long they have waited is what triage needs.
            [
              c.lastMessageDirection === 'inbound' ? 'Waiting since' : 'Last activity',
              c.lastActivityAt,
            ],
            ['Created', c.createdAt],
          ] as const
        ).map(([term, iso]) =>
          iso ? (
            <div key={term} className="contents">
              <dt className="text-ink-muted">{term}</dt>
              <dd>
                <Timestamp iso={iso} now={now} />
              </dd>
            </div>
          ) : null,
        )}
      </dl>
    </div>
  );
}

/**
 * A message's text, as text. A body the thread list left out (HighLevel's emails) is asked
 * for when the message is shown, once.
 */
function MessageText({ message }: { message: Message }) {
  const api = useApi();
  const ref = message.body === null ? message.bodyRef : null;
  const body = useQuery({
    ...conversationQueries.messageBody(api, ref ?? ''),
    enabled: ref !== null,
  });
  const text = message.body ?? body.data;
  if (text !== undefined) return <p className="break-words whitespace-pre-wrap">{text}</p>;
  if (body.isError) {
    return (
      <p role="alert" className="text-danger">
        Could not load this email. {describeError(body.error)}{' '}
        <button
          type="button"
          className="font-semibold underline"
          onClick={() => void body.refetch()}
        >
          Try again
        </button>
      </p>
    );
  }
  return (
    <p role="status" className="text-ink-muted">
      Loading the email…
    </p>
  );
}

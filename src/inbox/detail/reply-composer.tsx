import { useEffect, useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { useApi } from '../../api/api-context.tsx';
import {
  charCount,
  describeReplyProblem,
  replyProblems,
  smsCount,
  type ReplyProblem,
} from '../../api/contract/message-limits.ts';
import type { Conversation, Message, ReplyChannel, ReplyDraft } from '../../api/model.ts';
import type { DraftOwner } from '../actions/draft-marks.ts';
import { readDraft, saveDraft } from '../actions/reply-drafts.ts';
import { OfflineRefusal, useSendReply, type OutboxItem } from '../actions/use-send-reply.ts';

/** "Re: Invoice 2041", once: an email's subject as its reply's. */
export const replySubject = (subject: string | null): string =>
  subject === null || subject.trim() === ''
    ? ''
    : /^re:/i.test(subject.trim())
      ? subject.trim()
      : `Re: ${subject.trim()}`;

/** What a message on this channel is called: "This SMS", "This email", "This WhatsApp message". */
const called = (channel: ReplyChannel) =>
  channel.format === 'sms'
    ? 'This SMS'
    : channel.format === 'email'
      ? 'This email'
      : `This ${channel.label} message`;

/** One sentence per problem, naming the channel's limit. */
function describeProblems(channel: ReplyChannel, problems: ReplyProblem[]): string[] {
  return problems.map((p) =>
    p.kind === 'empty'
      ? 'Write a message before sending.'
      : `${describeReplyProblem(p, called(channel), 'The subject')}.`,
  );
}

/** How much of the channel's room the text takes: characters, and an SMS's segments. */
function Counter({ channel, text, id }: { channel: ReplyChannel; text: string; id: string }) {
  const { format, limit } = channel;
  const count = format === 'sms' ? smsCount(text) : null;
  const chars = charCount(text);
  const max = count ? (limit.maxSegments ?? Infinity) : limit.maxChars;
  const over = max !== undefined && (count ? count.segments : chars) > max;
  const words = count
    ? `${count.units.toLocaleString('en')} characters (${count.encoding}) · ` +
      `${count.segments} of at most ${max} segment${max === 1 ? '' : 's'}` +
      (count.segments > 0 ? ` · ${count.remaining} left in this one` : '')
    : max === undefined
      ? `${chars.toLocaleString('en')} characters`
      : `${chars.toLocaleString('en')} of ${max.toLocaleString('en')} characters`;
  return (
    <p
      id={id}
      className={`text-xs tabular-nums ${over ? 'font-semibold text-danger' : 'text-ink-muted'}`}
    >
      {words}
    </p>
  );
}

/** A reply of this tab that is not (yet) in the thread: sending, or not sent. */
function OutboxBubble({
  item,
  onRetry,
  busy,
}: {
  item: Extract<OutboxItem, { status: 'sending' | 'failed' }>;
  onRetry: () => void;
  busy: boolean;
}) {
  return (
    <li
      className={`ml-8 rounded-lg border p-3 text-sm ${
        item.status === 'failed'
          ? 'border-danger-line bg-danger-soft text-on-danger-soft'
          : 'border-line bg-accent-soft text-on-accent-soft'
      }`}
    >
      <p className="mb-1 text-xs font-semibold">
        {item.status === 'sending' ? (
          <span role="status">Sending…</span>
        ) : (
          <span role="alert">
            {item.uncertain ? 'Maybe not sent' : 'Not sent'} — {item.reason}
          </span>
        )}
      </p>
      <p className="break-words whitespace-pre-wrap">{item.draft.text}</p>
      {item.status === 'failed' ? (
        <button
          type="button"
          onClick={onRetry}
          disabled={busy}
          className="mt-2 min-h-9 rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-ink hover:bg-surface-hover disabled:opacity-60"
        >
          {item.uncertain ? 'Send anyway' : 'Retry'}
        </button>
      ) : null}
    </li>
  );
}

interface Props {
  conversation: Conversation;
  /** The message an email answers (threading): the newest from the customer. */
  answering: Pick<Message, 'id' | 'bodyRef'> | null;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** Focus the composer when it opens (`r` from the list). */
  focusOnOpen: boolean;
  /** Esc: where focus goes when the agent leaves the composer. */
  onLeave: () => void;
}

/**
 * The reply composer, under the thread: plain text with a character count (and an SMS's
 * segments), an email's subject, Ctrl/⌘+Enter to send, Esc to leave. Its text is its own
 * state, so typing re-renders the composer and nothing else (the list's draft marker moves
 * only when the draft begins or ends); every change is kept at once (reply-drafts.ts).
 */
export function ReplyComposer({ conversation, answering, inputRef, focusOnOpen, onLeave }: Props) {
  const api = useApi();
  const channel = conversation.replyVia;
  const owner: DraftOwner = { scope: api.scope, agent: api.meId };
  const [initial] = useState(() => readDraft(owner, conversation.id));
  const [text, setText] = useState(initial?.text ?? '');
  const [subject, setSubject] = useState(initial?.subject ?? replySubject(conversation.subject));
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [unkept, setUnkept] = useState(false);
  const { send, outbox, sending } = useSendReply(conversation.id);
  const ids = useId();

  // Focus is the world outside React: `r` on a row opens it ready to answer.
  useEffect(() => {
    if (focusOnOpen) inputRef.current?.focus();
  }, [focusOnOpen, inputRef]);

  if (!api.provider.capabilities.reply || channel === null) {
    return (
      <p className="border-t border-line p-4 text-sm text-ink-muted">
        {api.provider.capabilities.reply
          ? `A ${conversation.channelLabel.toLowerCase()} conversation cannot be answered from Parley.`
          : 'This API takes no replies from Parley.'}
      </p>
    );
  }
  const email = channel.format === 'email';

  const keep = (next: { text: string; subject: string }) => {
    const subjectNow =
      email && next.subject !== replySubject(conversation.subject) ? next.subject : null;
    setUnkept(!saveDraft(owner, conversation.id, { text: next.text, subject: subjectNow }));
  };

  const submit = async (draft: ReplyDraft) => {
    const found = replyProblems(channel.format, channel.limit, draft.text, draft.subject ?? null);
    setProblems(describeProblems(channel, found));
    setNotice(null);
    if (found.length > 0) return;
    try {
      const sent = await send(conversation, draft);
      // Sent: the draft is done, unless the agent has changed it since.
      if (sent) setText((now) => (now === draft.text ? '' : now));
    } catch (error) {
      if (error instanceof OfflineRefusal) setNotice(error.message);
      else throw error;
    }
  };
  const draftNow = (): ReplyDraft => ({
    text,
    subject: email ? subject.trim() || null : null,
    inReplyTo: email ? answering : null,
  });
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit(draftNow());
    } else if (event.key === 'Escape') {
      // Leaves the composer; the text stays, here and in the draft.
      event.preventDefault();
      onLeave();
    }
  };

  const last = outbox.at(-1);
  const unsent = outbox.filter(
    (item): item is Extract<OutboxItem, { status: 'sending' | 'failed' }> =>
      item.status === 'sending' || (item.status === 'failed' && item === last),
  );
  const counterId = `${ids}-counter`;
  const problemsId = `${ids}-problems`;

  return (
    <section aria-label="Reply" className="border-t border-line bg-surface p-3">
      {unsent.length > 0 ? (
        <ol aria-label="Your replies not yet in the thread" className="mb-2 flex flex-col gap-2">
          {unsent.map((item) => (
            <OutboxBubble
              key={item.key}
              item={item}
              busy={sending}
              onRetry={() => void submit(item.draft)}
            />
          ))}
        </ol>
      ) : null}
      {email ? (
        <div className="mb-2 flex items-center gap-2">
          <label htmlFor={`${ids}-subject`} className="text-sm text-ink-muted">
            Subject
          </label>
          <input
            id={`${ids}-subject`}
            type="text"
            value={subject}
            readOnly={sending}
            placeholder="Empty: the thread’s own subject"
            onChange={(event) => {
              setSubject(event.target.value);
              keep({ text, subject: event.target.value });
            }}
            onKeyDown={onKeyDown}
            className="min-w-0 flex-1 rounded-md border border-line-strong bg-surface px-2 py-1 text-sm"
          />
        </div>
      ) : null}
      <label htmlFor={`${ids}-text`} className="sr-only">
        Reply by {channel.label} to {conversation.contactName}
      </label>
      <textarea
        ref={inputRef}
        id={`${ids}-text`}
        value={text}
        readOnly={sending}
        aria-busy={sending}
        aria-describedby={`${counterId}${problems.length > 0 ? ` ${problemsId}` : ''}`}
        rows={3}
        placeholder={`Reply by ${channel.label}… (Ctrl/⌘ + Enter sends)`}
        onChange={(event) => {
          setText(event.target.value);
          keep({ text: event.target.value, subject });
        }}
        onKeyDown={onKeyDown}
        className="block w-full resize-y rounded-md border border-line-strong bg-surface px-3 py-2 text-sm"
      />
      {problems.length > 0 ? (
        <ul id={problemsId} role="alert" className="mt-1 text-sm text-danger">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {notice ? (
        <p role="alert" className="mt-1 text-sm text-danger">
          {notice}
        </p>
      ) : null}
      {unkept ? (
        <p role="status" className="mt-1 text-xs text-ink-muted">
          This browser would not keep the draft (its storage is full or off): it stays in this tab
          only.
        </p>
      ) : null}
      <div className="mt-2 flex items-center justify-between gap-2">
        <Counter channel={channel} text={text} id={counterId} />
        <button
          type="button"
          onClick={() => void submit(draftNow())}
          aria-disabled={sending}
          className="min-h-9 shrink-0 rounded-md bg-accent-strong px-4 text-sm font-semibold text-on-accent-strong max-md:min-h-11 aria-disabled:opacity-60"
        >
          {sending ? 'Sending…' : `Send ${channel.label}`}
        </button>
      </div>
    </section>
  );
}

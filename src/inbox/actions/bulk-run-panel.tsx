import type { ConversationPatch, Lifecycle } from '../../api/model.ts';
import type { NameOf } from './patches.ts';
import type { BulkRun } from './use-bulk-run.ts';

const pastOf: Record<Lifecycle, string> = {
  active: 'reopened',
  archived: 'archived',
  closed: 'closed',
  draft: 'made drafts of',
};

/**
 * A bulk run's summary: "Marked read 12 conversations.", "Assigned 12 conversations to
 * Avery.", and undone: "Undid “marked read” on 12 conversations.".
 */
export function describeDone(
  patch: ConversationPatch,
  undo: boolean,
  conversations: string,
  nameOf: NameOf,
): string {
  const [verb, tail] =
    patch.assignee !== undefined
      ? patch.assignee === null
        ? ['unassigned', '']
        : ['assigned', ` to ${nameOf(patch.assignee)}`]
      : patch.lifecycle !== undefined
        ? [pastOf[patch.lifecycle], '']
        : patch.starred !== undefined
          ? [patch.starred ? 'starred' : 'unstarred', '']
          : [patch.read ? 'marked read' : 'marked unread', ''];
  if (undo) return `Undid “${verb}${tail}” on ${conversations}.`;
  return `${verb.charAt(0).toUpperCase()}${verb.slice(1)} ${conversations}${tail}.`;
}

const plural = (n: number) => `${n.toLocaleString('en')} conversation${n === 1 ? '' : 's'}`;

const button =
  'min-h-9 max-md:min-h-11 rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-ink hover:bg-surface-hover';

interface Props {
  run: BulkRun;
  /** Agents' names, for an assignment's summary. */
  nameOf: NameOf;
  onCancel: () => void;
  onUndo: () => void;
  onDismiss: () => void;
}

/**
 * Where a bulk run reports: a toast, like every other piece of feedback, floating over
 * the list instead of pushing its rows down (the toasts' own corner is the right one).
 */
const toast =
  'fixed bottom-4 left-4 z-40 w-[min(32rem,calc(100vw-2rem))] rounded-lg px-4 py-3 text-sm shadow-lg max-md:top-16 max-md:bottom-auto';

/** Progress, cancel, per-item results and undo of a bulk run. */
export function BulkRunPanel({ run, nameOf, onCancel, onUndo, onDismiss }: Props) {
  if (run.phase === 'failed') {
    return (
      <div
        role="alert"
        className={`${toast} flex items-center gap-3 border border-danger-line bg-danger-soft text-on-danger-soft`}
      >
        <p className="flex-1">{run.reason}</p>
        <button type="button" className={button} onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  }

  if (run.phase !== 'finished') {
    const [label, value, max] =
      run.phase === 'finding'
        ? [`Finding the conversations of this view…`, run.found, run.total ?? 0]
        : [
            `${run.undo ? 'Undoing' : 'Applying'}: ${run.done.toLocaleString('en')} of ${plural(run.todo)}`,
            run.done,
            run.todo,
          ];
    return (
      <div
        className={`${toast} flex flex-wrap items-center gap-3 border border-line bg-surface text-ink`}
      >
        <p id="bulk-progress-label">{label}</p>
        <progress
          aria-labelledby="bulk-progress-label"
          className="h-2 w-48 accent-accent"
          value={value}
          max={Math.max(max, 1)}
        />
        <button type="button" className={button} onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }

  const { outcome, patch, undo } = run;
  const parts = [describeDone(patch, undo, plural(outcome.succeeded.length), nameOf)];
  if (outcome.skipped > 0) {
    parts.push(`${plural(outcome.skipped)} already ${outcome.skipped === 1 ? 'was' : 'were'}.`);
  }
  if (outcome.failed.length > 0) parts.push(`${plural(outcome.failed.length)} failed.`);
  if (outcome.cancelled) parts.push('Cancelled before the end.');
  return (
    <div className={`${toast} border border-line bg-surface text-ink`}>
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="flex-1">
          {parts.join(' ')}
        </p>
        {!undo && outcome.succeeded.length > 0 ? (
          <button type="button" className={button} onClick={onUndo}>
            Undo
          </button>
        ) : null}
        <button type="button" className={button} onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {outcome.failed.length > 0 ? (
        <ul
          aria-label="Failed conversations"
          className="mt-2 max-h-32 overflow-y-auto text-on-danger-soft"
        >
          {outcome.failed.map(({ conversation, reason }) => (
            <li key={conversation.id}>
              {conversation.contactName}: {reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

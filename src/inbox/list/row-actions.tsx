import type { Conversation } from '../../api/model.ts';
import { useHasDraft, type DraftOwner } from '../actions/draft-marks.ts';
import { AssigneeName } from './assignee-name.tsx';
import { useListContext } from './list-context.tsx';

/**
 * A row's hover actions: shown while the pointer is on the row (or a control in it has
 * focus). Like the star, they are not tab stops: the row is the grid's one, and `a` and
 * `e` act on it from the keyboard.
 */
const hoverAction =
  'relative z-10 shrink-0 rounded px-1.5 py-0.5 text-xs font-medium text-accent opacity-0 hover:bg-accent-soft focus-visible:opacity-100 group-hover:opacity-100 max-md:min-h-11';

/** The assignee, and the hover action that opens the picker on this row. */
export function AssigneeCell({ conversation }: { conversation: Conversation }) {
  const { assign } = useListContext();
  return (
    <div className="flex min-w-0 items-center gap-1">
      <div className="min-w-0 flex-1">
        <AssigneeName id={conversation.assigneeId} />
      </div>
      {assign ? (
        <button
          type="button"
          tabIndex={-1}
          aria-label={`Assign conversation with ${conversation.contactName}`}
          onClick={() => assign(conversation)}
          className={hoverAction}
        >
          Assign
        </button>
      ) : null}
    </div>
  );
}

/** The status, and the hover action that closes the conversation (or reopens a closed one). */
export function StatusCell({ conversation }: { conversation: Conversation }) {
  const { setLifecycle } = useListContext();
  const closed = conversation.lifecycle === 'closed';
  return (
    <div className="flex min-w-0 flex-col items-start gap-0.5">
      {conversation.lifecycle ? (
        <span className="rounded-full bg-surface-hover px-2 py-0.5 text-xs text-ink-muted capitalize">
          {conversation.lifecycle}
        </span>
      ) : null}
      {setLifecycle ? (
        <button
          type="button"
          tabIndex={-1}
          aria-label={`${closed ? 'Reopen' : 'Close'} conversation with ${conversation.contactName}`}
          onClick={() => setLifecycle(conversation, closed ? 'active' : 'closed')}
          className={hoverAction}
        >
          {closed ? 'Reopen' : 'Close'}
        </button>
      ) : null}
    </div>
  );
}

/** "Draft": the agent began a reply here and has not sent it. */
export function DraftMarker({ owner, id }: { owner: DraftOwner; id: string }) {
  const hasDraft = useHasDraft(owner, id);
  return hasDraft ? (
    <span className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-medium text-on-accent-soft">
      Draft
    </span>
  ) : null;
}

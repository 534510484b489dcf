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
  'absolute z-10 rounded bg-surface px-1.5 py-0.5 text-xs font-medium text-accent opacity-0 shadow-sm hover:bg-accent-soft focus-visible:opacity-100 group-hover:opacity-100';

/** The assignee, and the hover action that opens the picker on this row (over the name's end). */
export function AssigneeCell({ conversation }: { conversation: Conversation }) {
  const { assign } = useListContext();
  return (
    <div className="relative">
      <AssigneeName id={conversation.assigneeId} />
      {assign ? (
        <button
          type="button"
          tabIndex={-1}
          aria-label={`Assign conversation with ${conversation.contactName}`}
          onClick={() => assign(conversation)}
          className={`${hoverAction} top-1/2 right-0 -translate-y-1/2`}
        >
          Assign
        </button>
      ) : null}
    </div>
  );
}

/** The status, and the hover action that closes the conversation (or reopens a closed one) below it. */
export function StatusCell({ conversation }: { conversation: Conversation }) {
  const { setLifecycle } = useListContext();
  const closed = conversation.lifecycle === 'closed';
  return (
    <div className="relative">
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
          className={`${hoverAction} top-full left-0 mt-1`}
        >
          {closed ? 'Reopen' : 'Close'}
        </button>
      ) : null}
    </div>
  );
}

/** "Draft reply": the agent began a reply here and has not sent it. */
export function DraftMarker({ owner, id }: { owner: DraftOwner; id: string }) {
  const hasDraft = useHasDraft(owner, id);
  return hasDraft ? (
    <span className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-medium text-on-accent-soft">
      Draft reply
    </span>
  ) : null;
}

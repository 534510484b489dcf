import type { ConversationPatch, Lifecycle } from '../../api/model.ts';

interface Props {
  /** Selected loaded rows. */
  count: number;
  /** Every conversation of the view, loaded or not. */
  total: number;
  /** Whether the selection is all `total`, not just the loaded rows. */
  allMatching: boolean;
  /** Offered once every loaded row is selected and the view holds more. */
  onSelectAllMatching: () => void;
  canStar: boolean;
  /** The statuses an agent may set (Close, Archive, Reopen); none on an API without. */
  lifecycleWrites: readonly Lifecycle[];
  /** Opens the assignee picker on the selection; null where the API cannot assign. */
  onAssign: (() => void) | null;
  onApply: (patch: ConversationPatch) => void;
  onClear: () => void;
}

const button =
  'min-h-9 max-md:min-h-11 rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-ink hover:bg-surface-hover';

/**
 * Actions on the selection; shown while at least one row is selected. It says honestly
 * what is selected: the loaded rows, or (once asked) every conversation of the view.
 */
export function SelectionToolbar({
  count,
  total,
  allMatching,
  onSelectAllMatching,
  canStar,
  lifecycleWrites,
  onAssign,
  onApply,
  onClear,
}: Props) {
  const offerAll = !allMatching && count < total;
  return (
    <div
      role="toolbar"
      aria-label="Selected conversations"
      className="flex flex-wrap items-center gap-2 border-b border-line bg-accent-soft px-4 py-2"
    >
      {/* Polite: each x or Shift+j is announced as the new count. */}
      <p aria-live="polite" className="mr-2 text-sm font-semibold text-ink">
        {allMatching
          ? `All ${total.toLocaleString('en')} matching conversations selected`
          : `${count.toLocaleString('en')} selected`}
      </p>
      {offerAll ? (
        <button type="button" className={`${button} font-semibold`} onClick={onSelectAllMatching}>
          Select all {total.toLocaleString('en')} matching
        </button>
      ) : null}
      <button type="button" className={button} onClick={() => onApply({ read: true })}>
        Mark read
      </button>
      <button type="button" className={button} onClick={() => onApply({ read: false })}>
        Mark unread
      </button>
      {canStar ? (
        <>
          <button type="button" className={button} onClick={() => onApply({ starred: true })}>
            Star
          </button>
          <button type="button" className={button} onClick={() => onApply({ starred: false })}>
            Unstar
          </button>
        </>
      ) : null}
      {onAssign ? (
        <button type="button" className={button} onClick={onAssign} aria-haspopup="dialog">
          Assign…
        </button>
      ) : null}
      {(
        [
          ['closed', 'Close'],
          ['archived', 'Archive'],
          ['active', 'Reopen'],
        ] as const
      ).map(([lifecycle, label]) =>
        lifecycleWrites.includes(lifecycle) ? (
          <button
            key={lifecycle}
            type="button"
            className={button}
            onClick={() => onApply({ lifecycle })}
          >
            {label}
          </button>
        ) : null,
      )}
      <button type="button" className={button} onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}

import type { ConversationPatch } from '../../api/model.ts';

interface Props {
  count: number;
  canStar: boolean;
  onApply: (patch: ConversationPatch) => void;
  onClear: () => void;
}

const button =
  'min-h-9 max-md:min-h-11 rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-ink hover:bg-surface-hover';

/** Actions on the selected loaded rows; shown while at least one is selected. */
export function SelectionToolbar({ count, canStar, onApply, onClear }: Props) {
  return (
    <div
      role="toolbar"
      aria-label="Selected conversations"
      className="flex flex-wrap items-center gap-2 border-b border-line bg-accent-soft px-4 py-2"
    >
      {/* Polite: each x or Shift+j is announced as the new count. */}
      <p aria-live="polite" className="mr-2 text-sm font-semibold text-ink">
        {count.toLocaleString('en')} selected
      </p>
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
      <button type="button" className={button} onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}

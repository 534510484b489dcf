/**
 * What the list says about itself when something is amiss: a failed refresh, and what the
 * API sent that could not be shown. Rare, so in the deferred chunk (../deferred-parts.tsx).
 */
import { describeError } from '../../api/client.ts';
import type { ListData } from '../cache/list-data.ts';

/** The view's rows stay while a refresh failed; this says they may be stale. */
export function RefreshFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div
      role="alert"
      className="flex items-center gap-3 border-b border-danger-line bg-danger-soft px-4 py-2 text-sm text-on-danger-soft"
    >
      <p className="flex-1">
        Could not refresh this view; the rows below may be out of date. {describeError(error)}
      </p>
      <button type="button" className="font-semibold underline" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

const SHOWN_UNREADABLE = 3;

/**
 * What the loaded pages could not show (decision 0012): items the adapter could not read,
 * named by id so someone can look them up, and conversations the API could not page
 * through. The rest of the view is shown; this says it is not the whole of it.
 */
export function ListGaps({ unreadable, gaps }: Pick<ListData, 'unreadable' | 'gaps'>) {
  if (unreadable.length === 0 && gaps.length === 0) return null;
  const named = unreadable
    .slice(0, SHOWN_UNREADABLE)
    .map((item) => (item.id === null ? item.reason : `${item.id} (${item.reason})`));
  const more = unreadable.length - named.length;
  return (
    <div
      role="status"
      className="border-b border-warning-line bg-warning-soft px-4 py-2 text-sm text-on-warning-soft"
    >
      {unreadable.length > 0 ? (
        <p>
          {unreadable.length === 1
            ? '1 conversation could not be shown'
            : `${unreadable.length.toLocaleString('en')} conversations could not be shown`}
          : {named.join('; ')}
          {more > 0 ? `; and ${more.toLocaleString('en')} more` : ''}. The API sent{' '}
          {unreadable.length === 1 ? 'it' : 'them'} in a shape Parley cannot read; the rest of the
          view is complete.
        </p>
      ) : null}
      {gaps.map((gap) => (
        <p key={gap}>{gap}</p>
      ))}
    </div>
  );
}

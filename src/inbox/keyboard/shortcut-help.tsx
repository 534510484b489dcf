import type { Capabilities } from '../../api/model.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';

/** A line of the cheat sheet (`?`). */
interface ShortcutLine {
  keys: string[];
  does: string;
  /** Why this connection does not offer it, or null where it does. */
  unavailable?: (caps: Capabilities) => string | null;
}

/**
 * The cheat sheet (`?`): the bindings of `resolveShortcut` (shortcuts.ts), as the agent
 * reads them. Here, in the deferred chunk, rather than beside them: the first rows need
 * none of these words.
 */
const shortcutHelp: ShortcutLine[] = [
  { keys: ['j', '↓'], does: 'Next conversation' },
  { keys: ['k', '↑'], does: 'Previous conversation' },
  { keys: ['Shift + j', 'Shift + k'], does: 'Extend the selection down / up' },
  { keys: ['Enter', 'o'], does: 'Open the conversation' },
  { keys: ['Esc'], does: 'Close the conversation (or clear the selection)' },
  { keys: ['x'], does: 'Select or deselect the conversation' },
  { keys: ['Shift + click'], does: 'Select a range' },
  {
    keys: ['s'],
    does: 'Star or unstar (selection, or the focused conversation)',
    unavailable: (caps) => (caps.star ? null : 'this API has no stars'),
  },
  { keys: ['Shift + u'], does: 'Mark unread' },
  { keys: ['Shift + i'], does: 'Mark read' },
  {
    keys: ['r'],
    does: 'Reply: opens the conversation and focuses its composer (Ctrl/⌘ + Enter sends, Esc leaves it, the draft is kept)',
    unavailable: (caps) => (caps.reply ? null : 'this API takes no replies from Parley'),
  },
  {
    keys: ['a'],
    does: 'Assign (selection, or the focused conversation)',
    unavailable: (caps) => (caps.assign ? null : 'this API cannot assign conversations'),
  },
  {
    keys: ['e'],
    does: 'Close, or reopen if all are closed (selection, or the focused conversation)',
    unavailable: (caps) =>
      caps.lifecycleWrites.includes('closed')
        ? null
        : 'this API’s conversations have no status to close or archive (HighLevel’s “status” is only a view of read and starred)',
  },
  { keys: ['/'], does: 'Search' },
  {
    keys: ['g then i / m / u / r / s / w'],
    does: 'Go to All / Mine / Unassigned / Unread / Starred / Waiting on us',
  },
  { keys: ['?'], does: 'This list' },
];

/**
 * The `?` cheat sheet, listing the same bindings `resolveShortcut` knows. A key the
 * connected API cannot act on stays listed, with why.
 */
export function ShortcutHelp({ caps, onClose }: { caps: Capabilities; onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="w-full text-sm">
        <thead className="sr-only">
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {shortcutHelp.map(({ keys, does, unavailable }) => {
            const why = unavailable?.(caps) ?? null;
            return (
              <tr key={does} className="border-t border-line">
                <td className="py-1.5 pr-4 align-top whitespace-nowrap">
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? ' or ' : null}
                      <kbd className="rounded border border-line-strong bg-surface-muted px-1.5 font-mono text-xs">
                        {k}
                      </kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1.5">
                  {why === null ? (
                    does
                  ) : (
                    <>
                      <span className="text-ink-muted">{does}</span>
                      <span className="block">Not offered here: {why}.</span>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-ink-muted">
        Shortcuts are off while typing in a field. Press Esc to close.
      </p>
    </ModalDialog>
  );
}

import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { shortcutHelp } from './shortcuts.ts';

/** The `?` cheat sheet, listing the same bindings `resolveShortcut` knows. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
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
          {shortcutHelp.map(({ keys, does }) => (
            <tr key={does} className="border-t border-line">
              <td className="py-1.5 pr-4 whitespace-nowrap">
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' or ' : null}
                    <kbd className="rounded border border-line-strong bg-surface-muted px-1.5 font-mono text-xs">
                      {k}
                    </kbd>
                  </span>
                ))}
              </td>
              <td className="py-1.5">{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-ink-muted">
        Shortcuts are off while typing in a field. Press Esc to close.
      </p>
    </ModalDialog>
  );
}

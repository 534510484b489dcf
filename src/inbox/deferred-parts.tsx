import { Suspense, use, type ComponentProps, type ReactNode } from 'react';
import { chunk } from '../ui/chunk.ts';
import { RegionBoundary } from '../ui/region-boundary.tsx';
import type * as Parts from './deferred-parts-chunk.ts';

/**
 * Parts of the inbox nobody needs for the first rows: the filters panel (and the sheet it
 * is on a phone), the shortcut sheet, the selection toolbar, the bulk-run panel and runner,
 * the assignee picker, the saved views (with the form that names a view), and the list's
 * notices of a failed refresh or unreadable items. One chunk (see src/app/lazy-pages.ts for why not one each),
 * fetched as soon as a view has rows, so it is there before the agent reaches for any.
 */
type Chunk = typeof Parts;

const load = chunk(() => import('./deferred-parts-chunk.ts'));

export const preloadDeferredParts = (): void => void load().catch(() => undefined);

/**
 * The chunk itself, for code that awaits it rather than renders it: a bulk run's paging
 * and writing (src/inbox/actions/bulk-run.ts), which no first row needs. A failed load is
 * asked for again.
 */
export const deferredParts = (): Promise<Chunk> => {
  load.retry();
  return load();
};

// Each part reads the chunk with `use` (see chunk()): the selection toolbar must not
// appear a tick after the click that selected, moving the rows under the pointer.
const useParts = (): Chunk => use(load());

export function FilterPanel(props: ComponentProps<Chunk['FilterPanel']>) {
  const { FilterPanel: Part } = useParts();
  return <Part {...props} />;
}
export function ShortcutHelp(props: ComponentProps<Chunk['ShortcutHelp']>) {
  const { ShortcutHelp: Part } = useParts();
  return <Part {...props} />;
}
export function SelectionToolbar(props: ComponentProps<Chunk['SelectionToolbar']>) {
  const { SelectionToolbar: Part } = useParts();
  return <Part {...props} />;
}
export function AssignPicker(props: ComponentProps<Chunk['AssignPicker']>) {
  const { AssignPicker: Part } = useParts();
  return <Part {...props} />;
}
export function ModalDialog(props: ComponentProps<Chunk['ModalDialog']>) {
  const { ModalDialog: Part } = useParts();
  return <Part {...props} />;
}
export function RefreshFailed(props: ComponentProps<Chunk['RefreshFailed']>) {
  const { RefreshFailed: Part } = useParts();
  return <Part {...props} />;
}
export function ListGaps(props: ComponentProps<Chunk['ListGaps']>) {
  const { ListGaps: Part } = useParts();
  return <Part {...props} />;
}
export function SavedViewItem(props: ComponentProps<Chunk['SavedViewItem']>) {
  const { SavedViewItem: Part } = useParts();
  return <Part {...props} />;
}
export function ViewNameForm(props: ComponentProps<Chunk['ViewNameForm']>) {
  const { ViewNameForm: Part } = useParts();
  return <Part {...props} />;
}
export function BulkRunPanel(props: ComponentProps<Chunk['BulkRunPanel']>) {
  const { BulkRunPanel: Part } = useParts();
  return <Part {...props} />;
}

/**
 * Where a deferred part shows: if its code cannot load (offline), only that part says so,
 * with Try again; the list around it keeps working.
 */
export function Deferred({
  name,
  fallback = null,
  children,
}: {
  name: string;
  fallback?: ReactNode;
  children: ReactNode;
}) {
  return (
    <RegionBoundary name={name} onRetry={load.retry}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </RegionBoundary>
  );
}

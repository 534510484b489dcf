import { lazy, Suspense, type ReactNode } from 'react';
import { RegionBoundary } from '../ui/region-boundary.tsx';

/**
 * Parts of the inbox nobody needs for the first rows: the filters panel, the shortcut
 * sheet, the selection toolbar and the bulk-run panel. One chunk (see src/app/lazy-pages.ts
 * for why not one each), asked for as soon as a view has rows, so it is there before the
 * agent reaches for any of them.
 */
const load = () => import('./deferred-parts-chunk.ts');

export const preloadDeferredParts = (): void => void load().catch(() => undefined);

export const FilterPanel = lazy(async () => ({ default: (await load()).FilterPanel }));
export const ShortcutHelp = lazy(async () => ({ default: (await load()).ShortcutHelp }));
export const SelectionToolbar = lazy(async () => ({ default: (await load()).SelectionToolbar }));
export const BulkRunPanel = lazy(async () => ({ default: (await load()).BulkRunPanel }));

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
    <RegionBoundary name={name}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </RegionBoundary>
  );
}

import type { Conversation, InboxFilters } from '../../api/model.ts';
import { filterRegistry, isSet, type AnyFilterDescriptor } from './filter-registry.ts';

/** The filters of a view that say something about membership, found once per view. */
const activeOf = new WeakMap<InboxFilters, AnyFilterDescriptor[]>();
function active(f: InboxFilters): AnyFilterDescriptor[] {
  let found = activeOf.get(f);
  if (!found) {
    found = filterRegistry.filter((d) => d.matches && isSet(d, f));
    activeOf.set(f, found);
  }
  return found;
}

/**
 * Whether a conversation belongs to a view, as far as the browser can tell: false when a
 * filter it can check fails, null when the rest only the server knows (a search, the
 * last message). Moves cached counts optimistically and marks rows that left the view.
 */
export function matchesFilters(
  c: Conversation,
  f: InboxFilters,
  meId: string | null,
): boolean | null {
  let known = true;
  for (const d of active(f)) {
    const passes = d.matches?.(c, f[d.field] as never, meId);
    if (passes === false) return false;
    if (passes === null) known = false;
  }
  return known ? true : null;
}

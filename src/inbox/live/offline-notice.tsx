import type { InboxFilters } from '../../api/model.ts';
import { formatStamp } from '../../ui/timestamp.tsx';
import { useNow } from '../../ui/use-now.ts';
import { loaded, useCachedList } from '../cache/use-cached-list.ts';

/**
 * Offline, the loaded views stay readable; this says how old the one on screen is and that
 * changes wait for the connection (decision 0008). Back online, the view refreshes by itself.
 */
export function OfflineNotice({ filters }: { filters: InboxFilters }) {
  const updatedAt = useCachedList(filters, loaded).dataUpdatedAt || undefined;
  const now = Math.max(useNow(), updatedAt ?? 0);
  const age = updatedAt ? ` as of ${formatStamp(new Date(updatedAt).toISOString(), now)}` : '';
  return (
    <p
      role="status"
      className="border-b border-warning-line bg-warning-soft px-4 py-2 text-sm text-on-warning-soft"
    >
      You are offline. This view is shown{age}; starring and marking read are paused until the
      connection is back.
    </p>
  );
}

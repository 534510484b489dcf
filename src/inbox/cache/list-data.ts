import type { InfiniteData } from '@tanstack/react-query';
import type { Conversation, Page, UnreadableItem } from '../../api/model.ts';

export interface ListData {
  rows: Conversation[];
  total: number;
  /** Items of the loaded pages that could not be read, each once (decision 0012). */
  unreadable: UnreadableItem[];
  /** What the API could not page through, each said once. */
  gaps: string[];
}

/**
 * Flattens cursor pages into rows, de-duplicated by id: page-number paging over live
 * data shifts rows between pages, and a row must never show twice. Module-level so
 * React Query memoizes it.
 */
export function selectListData(data: InfiniteData<Page>): ListData {
  const seen = new Set<string>();
  const rows: Conversation[] = [];
  // A page that overlaps the one before (decision 0012) reports the same item again.
  const unreadable = new Map<string, UnreadableItem>();
  const gaps = new Set<string>();
  for (const page of data.pages) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      rows.push(item);
    }
    for (const item of page.unreadable) unreadable.set(`${item.id}\u0000${item.reason}`, item);
    for (const gap of page.gaps) gaps.add(gap);
  }
  return {
    rows,
    total: data.pages.at(-1)?.total ?? 0,
    unreadable: [...unreadable.values()],
    gaps: [...gaps],
  };
}

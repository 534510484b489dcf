import type { InfiniteData } from '@tanstack/react-query';
import type { Conversation, Page } from '../../api/model.ts';

export interface ListData {
  rows: Conversation[];
  total: number;
}

/**
 * Flattens cursor pages into rows, de-duplicated by id: page-number paging over live
 * data shifts rows between pages, and a row must never show twice. Module-level so
 * React Query memoizes it.
 */
export function selectListData(data: InfiniteData<Page>): ListData {
  const seen = new Set<string>();
  const rows: Conversation[] = [];
  for (const page of data.pages) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      rows.push(item);
    }
  }
  return { rows, total: data.pages.at(-1)?.total ?? 0 };
}

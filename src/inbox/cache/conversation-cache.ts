/**
 * Reading and patching conversations wherever the Query cache holds them: every list
 * page and the detail. Writes use these to be optimistic everywhere at once, and the
 * live view to bring shown rows up to date.
 */
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Conversation, Page } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';

type Patch = (conversation: Conversation) => Conversation;

export function findCachedConversation(
  queryClient: QueryClient,
  api: Api,
  id: string,
): Conversation | undefined {
  const detail = queryClient.getQueryData<Conversation>(conversationKeys.detail(api, id));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<InfiniteData<Page>>({
    queryKey: conversationKeys.lists(api),
  })) {
    for (const page of data?.pages ?? []) {
      const found = page.items.find((item) => item.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every conversation the cached lists of this connection show, by id. */
export function cachedConversations(queryClient: QueryClient, api: Api): Map<string, Conversation> {
  const shown = new Map<string, Conversation>();
  for (const [, data] of queryClient.getQueriesData<InfiniteData<Page>>({
    queryKey: conversationKeys.lists(api),
  })) {
    for (const page of data?.pages ?? []) for (const c of page.items) shown.set(c.id, c);
  }
  return shown;
}

export function patchCachedConversation(
  queryClient: QueryClient,
  api: Api,
  id: string,
  patch: Patch,
): void {
  queryClient.setQueriesData<InfiniteData<Page>>(
    { queryKey: conversationKeys.lists(api) },
    (data) => {
      if (!data) return data;
      let changed = false;
      const pages = data.pages.map((page) => {
        if (!page.items.some((item) => item.id === id)) return page;
        changed = true;
        return { ...page, items: page.items.map((item) => (item.id === id ? patch(item) : item)) };
      });
      // Untouched lists keep their identity, so their rows do not re-render.
      return changed ? { ...data, pages } : data;
    },
  );
  queryClient.setQueryData<Conversation>(conversationKeys.detail(api, id), (detail) =>
    detail ? patch(detail) : detail,
  );
}

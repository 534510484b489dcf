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

const holds = (page: Page, id: string) => page.items.some((item) => item.id === id);

/**
 * Changes one conversation in every cached list that shows it, and in its detail. A list
 * without it is left alone, data and age: its rows need not re-render, and its age is
 * what the offline notice tells the agent.
 */
export function patchCachedConversation(
  queryClient: QueryClient,
  api: Api,
  id: string,
  patch: Patch,
): void {
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<Page>>({
    queryKey: conversationKeys.lists(api),
  })) {
    if (!data?.pages.some((page) => holds(page, id))) continue;
    queryClient.setQueryData<InfiniteData<Page>>(key, {
      ...data,
      pages: data.pages.map((page) =>
        holds(page, id)
          ? { ...page, items: page.items.map((item) => (item.id === id ? patch(item) : item)) }
          : page,
      ),
    });
  }
  queryClient.setQueryData<Conversation>(conversationKeys.detail(api, id), (detail) =>
    detail ? patch(detail) : detail,
  );
}

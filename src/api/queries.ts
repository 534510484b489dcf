/**
 * Query and mutation option factories: the only place query keys are built. A key holds
 * every variable its query reads (the connection's scope and the filters), never the
 * token. Keys are one object each, read by name (`const [{ filters }] = key`), never by
 * position; a key of fewer fields matches every key that has them, so
 * `{ scope, entity: 'list' }` reaches all lists.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { InboxFilters, Page, Provider } from './model.ts';

/** The provider and a token-free string naming the connection it talks to. */
export interface Api {
  provider: Provider;
  scope: string;
  /** Who `assignee=me` is, for matching rows to views in the browser. */
  meId: string | null;
}

/** Lists stay fresh for 30 s: long enough that back/forward and re-opening a view is instant. */
const listStaleTime = 30_000;

export const conversationKeys = {
  all: (api: Api) => [{ scope: api.scope }] as const,
  lists: (api: Api) => [{ scope: api.scope, entity: 'list' }] as const,
  list: (api: Api, filters: InboxFilters) =>
    [{ scope: api.scope, entity: 'list', filters }] as const,
  /** The newest few of a view, polled for live updates; not a list (no pages, no patches). */
  head: (api: Api, filters: InboxFilters) =>
    [{ scope: api.scope, entity: 'head', filters }] as const,
  counts: (api: Api) => [{ scope: api.scope, entity: 'count' }] as const,
  count: (api: Api, filters: InboxFilters) =>
    [{ scope: api.scope, entity: 'count', filters }] as const,
  detail: (api: Api, id: string) => [{ scope: api.scope, entity: 'detail', id }] as const,
  messages: (api: Api, id: string) => [{ scope: api.scope, entity: 'messages', id }] as const,
  messageBody: (api: Api, ref: string) =>
    [{ scope: api.scope, entity: 'message-body', ref }] as const,
  agents: (api: Api) => [{ scope: api.scope, entity: 'agents' }] as const,
};

export const conversationQueries = {
  list: (api: Api, filters: InboxFilters) =>
    infiniteQueryOptions({
      queryKey: conversationKeys.list(api, filters),
      queryFn: ({ pageParam, signal }) => api.provider.list({ filters, cursor: pageParam, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last: Page) => last.nextCursor,
      staleTime: listStaleTime,
      // Rows never move on their own while the agent reads them: new conversations are
      // announced by the live head poll instead (decision 0008).
      refetchOnWindowFocus: false,
      // Views stay readable offline for a while after they were last shown.
      gcTime: 30 * 60_000,
    }),

  /** A view's total: both APIs report it with any page, so ask for one item. */
  count: (api: Api, filters: InboxFilters) =>
    queryOptions({
      queryKey: conversationKeys.count(api, filters),
      queryFn: async ({ signal }) =>
        (await api.provider.list({ filters, cursor: null, limit: 1, signal })).total,
      staleTime: listStaleTime,
    }),

  detail: (api: Api, id: string) =>
    queryOptions({
      queryKey: conversationKeys.detail(api, id),
      queryFn: ({ signal }) => api.provider.get(id, signal),
      staleTime: listStaleTime,
    }),

  messages: (api: Api, id: string) =>
    infiniteQueryOptions({
      queryKey: conversationKeys.messages(api, id),
      queryFn: ({ pageParam, signal }) => api.provider.messages(id, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.olderCursor,
      staleTime: listStaleTime,
    }),

  /** A body the thread left out (an email on HighLevel): sent once, it never changes. */
  messageBody: (api: Api, ref: string) =>
    queryOptions({
      queryKey: conversationKeys.messageBody(api, ref),
      queryFn: ({ signal }) => api.provider.messageBody(ref, signal),
      staleTime: Infinity,
    }),

  agents: (api: Api) =>
    queryOptions({
      queryKey: conversationKeys.agents(api),
      queryFn: ({ signal }) => api.provider.agents(signal),
      // The agent directory changes rarely; one fetch per session is plenty.
      staleTime: 10 * 60_000,
    }),
};

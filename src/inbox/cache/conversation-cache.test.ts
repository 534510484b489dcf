import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { defaultFilters, type Page } from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { aConversation } from '../../api/test-support.ts';
import {
  cachedConversations,
  findCachedConversation,
  patchCachedConversation,
} from './conversation-cache.ts';

const api = { scope: 'test', meId: null } as unknown as Api;
const pageOf = (...ids: string[]): Page => ({
  items: ids.map((id) => aConversation({ id })),
  nextCursor: null,
  total: ids.length,
  unreadable: [],
  gaps: [],
});
const listOf = (...pages: Page[]): InfiniteData<Page> => ({
  pages,
  pageParams: pages.map((_, i) => (i === 0 ? null : String(i))),
});

function cacheWithTwoLists() {
  const client = new QueryClient();
  const all = conversationKeys.list(api, defaultFilters);
  const unread = conversationKeys.list(api, { ...defaultFilters, read: 'unread' });
  client.setQueryData(all, listOf(pageOf('a', 'b'), pageOf('c')), { updatedAt: 1 });
  client.setQueryData(unread, listOf(pageOf('d')), { updatedAt: 1 });
  return { client, all, unread };
}

describe('patchCachedConversation', () => {
  it('changes the conversation in the lists that show it, and leaves the rest as they were', () => {
    const { client, all, unread } = cacheWithTwoLists();
    const before = client.getQueryData<InfiniteData<Page>>(all);
    const other = client.getQueryData(unread);

    patchCachedConversation(client, api, 'b', (c) => ({ ...c, starred: true }));

    const after = client.getQueryData<InfiniteData<Page>>(all);
    expect(after?.pages[0]?.items.map((c) => c.starred)).toEqual([false, true]);
    // Rows and pages it did not change keep their identity: their rows need not re-render.
    expect(after?.pages[0]?.items[0]).toBe(before?.pages[0]?.items[0]);
    expect(after?.pages[1]).toBe(before?.pages[1]);
    // A list without it keeps its data and its age (the offline notice shows the age).
    expect(client.getQueryData(unread)).toBe(other);
    expect(client.getQueryState(unread)?.dataUpdatedAt).toBe(1);
  });

  it('changes the open conversation too, and creates nothing for one not cached', () => {
    const { client } = cacheWithTwoLists();
    client.setQueryData(conversationKeys.detail(api, 'a'), aConversation({ id: 'a' }));
    patchCachedConversation(client, api, 'a', (c) => ({ ...c, isUnread: true }));
    expect(client.getQueryData(conversationKeys.detail(api, 'a'))).toMatchObject({
      isUnread: true,
    });
    patchCachedConversation(client, api, 'zz', (c) => ({ ...c, isUnread: true }));
    expect(client.getQueryState(conversationKeys.detail(api, 'zz'))).toBeUndefined();
  });
});

describe('reading the cache', () => {
  it('finds a conversation in the detail first, else in any list', () => {
    const { client } = cacheWithTwoLists();
    expect(findCachedConversation(client, api, 'd')?.id).toBe('d');
    client.setQueryData(
      conversationKeys.detail(api, 'd'),
      aConversation({ id: 'd', snippet: 'full' }),
    );
    expect(findCachedConversation(client, api, 'd')?.snippet).toBe('full');
    expect(findCachedConversation(client, api, 'zz')).toBeUndefined();
    expect([...cachedConversations(client, api).keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

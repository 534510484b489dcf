import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/api-context.tsx';
import { defaultFilters } from '../../api/model.ts';
import { createProvider } from '../../api/providers/create-provider.ts';
import users from '../../api/providers/fixtures/exante-org-users.json';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { aConversation } from '../../api/test-support.ts';
import { FilterPanel } from './filter-panel.tsx';

describe('FilterPanel', () => {
  it("suggests the categories of the view's loaded rows, from the cache, without fetching the list again", async () => {
    const asked: string[] = [];
    const provider = createProvider(
      {
        provider: 'exante',
        baseUrl: '/providers/exante/api',
        tenantId: 'org',
        token: 't',
        meId: null,
      },
      (url) => {
        asked.push(url);
        return Promise.resolve(Response.json(users));
      },
    );
    const api: Api = { provider, scope: 'exante test', meId: null };
    const client = new QueryClient();
    const filters = { ...defaultFilters, read: 'unread' as const };
    // Loaded long ago: stale, so a fetching subscriber would refetch it on mount.
    client.setQueryData(
      conversationKeys.list(api, filters),
      {
        pages: [
          {
            items: [
              aConversation({ id: 'a', labels: ['vip', 'billing'] }),
              aConversation({ id: 'b', labels: ['billing'] }),
            ],
            nextCursor: null,
            total: 2,
          },
        ],
        pageParams: [null],
      },
      { updatedAt: 1 },
    );

    render(
      <QueryClientProvider client={client}>
        <ApiProvider api={api}>
          <FilterPanel id="panel" filters={filters} onChange={() => undefined} />
        </ApiProvider>
      </QueryClientProvider>,
    );

    const categories = screen.getByRole('group', { name: 'Category' });
    expect(
      within(categories)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['billing', 'vip']);
    // The agent directory loads; the list is never asked for.
    await screen.findByRole('checkbox', { name: 'Priya Raman' });
    expect(asked.some((url) => url.includes('/conversations'))).toBe(false);
  });
});

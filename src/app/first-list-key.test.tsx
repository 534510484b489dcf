import { hashKey, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import fc from 'fast-check';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../api/api-context.tsx';
import type { ParleyConfig } from '../api/connection.ts';
import { conversationQueries } from '../api/queries.ts';
import { filterKeys } from '../inbox/filters/url-filters.ts';
import { useInboxFilters } from '../inbox/filters/use-inbox-filters.ts';
import { namesAgents, viewOf } from '../inbox/filters/view-of.ts';
import { firstListOf } from './prefetch-first-list.ts';

const endpoint = { baseUrl: '/p', tenantId: 't', token: null, meId: 'me1' };
const config = (provider: 'highlevel' | 'exante'): ParleyConfig => ({
  mode: 'embedded',
  providers: { [provider]: endpoint },
});

/** Search strings of every shape: known keys with likely and random values, unknown keys. */
const anySearch = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...filterKeys), fc.string({ maxLength: 6 })),
      fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('me', 'unassigned,a1', 'unread', '1', 'active,draft', 'sms', '-subject'),
        fc.constantFrom('TYPE_SMS', 'inbound', 'manual', '2026-10-01', 'refund'),
      ),
    ),
    { maxLength: 6 },
  )
  .map((entries) => new URLSearchParams(entries).toString());

describe('the first list the server and main.tsx ask for', () => {
  it.each(['highlevel', 'exante'] as const)(
    'has the key of the list the inbox page shows, and of the rail’s count, for any URL (%s)',
    (provider) => {
      fc.assert(
        fc.property(anySearch, (query) => {
          const search = query === '' ? '' : `?${query}`;
          const { api } = firstListOf({ pathname: '/', search: '' }, config(provider), null) ?? {};
          if (!api) throw new Error('no first list for the inbox route');
          const first = firstListOf({ pathname: '/', search }, config(provider), null);
          const wrapper = ({ children }: { children: ReactNode }) => (
            // Nothing is fetched: before the agents directory loads, the page's view is
            // the URL's alone, as the first paint's is.
            <QueryClientProvider
              client={new QueryClient({ defaultOptions: { queries: { enabled: false } } })}
            >
              <MemoryRouter initialEntries={[`/${search}`]}>
                <ApiProvider api={api}>{children}</ApiProvider>
              </MemoryRouter>
            </QueryClientProvider>
          );
          const page = renderHook(() => useInboxFilters(), { wrapper });
          const { filters, settled } = page.result.current;
          page.unmount();
          // A view naming agents is asked for by neither until the directory checks them.
          expect(first === null).toBe(namesAgents(filters));
          expect(settled).toBe(first !== null);
          if (!first) return;

          const key = (f: typeof filters) =>
            hashKey(conversationQueries.list(first.api, f).queryKey);
          expect(key(filters)).toBe(key(first.filters));
          // The views rail counts a saved view with that URL under the page's count key.
          const railFilters = viewOf(search, first.api.provider.capabilities).filters;
          expect(hashKey(conversationQueries.count(first.api, railFilters).queryKey)).toBe(
            hashKey(conversationQueries.count(first.api, filters).queryKey),
          );
        }),
        { numRuns: 60 },
      );
    },
  );
});

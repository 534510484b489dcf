/**
 * The server's first paint (decision 0011), built for Node (`vite build --ssr`) and run by
 * the embedded server for GET / (server/first-paint.ts). It renders the real app, the same
 * routes and components, at the requested URL, with the first page of rows and the agent
 * directory fetched from the embedded API in the same process. The browser paints those
 * rows while its scripts load; main.tsx then lets React replace them (no hydration: the
 * picture need not match React's first render, so viewport, clock and storage may differ).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import type { Transport } from '../api/client.ts';
import { readLinkedProvider, settingsForLink, type ParleyConfig } from '../api/connection.ts';
import { conversationQueries } from '../api/queries.ts';
import { answeredWithin, firstPaintAttribute } from './first-paint.ts';
import { parleyConfigQuery } from './connection.ts';
import { firstListOf } from './prefetch-first-list.ts';
import { AppRoutes } from './router.tsx';

export interface FirstPaintRequest {
  /** Path and query of the page asked for. */
  url: string;
  config: ParleyConfig;
  /** Reaches the embedded API (in the same process). */
  transport: Transport;
  /** Give up (no first paint) if the API has not answered by then. */
  budgetMs: number;
}

/**
 * The markup for #root, or null where there is nothing worth painting early: not the
 * bare list (a conversation or Settings is open), or the API failed or did not answer
 * in time.
 * The agent's own Settings are unknown here, so it paints the server's default
 * connection and names it in `data-scope`; main.tsx drops a picture of another one.
 */
export async function renderFirstPaint(request: FirstPaintRequest): Promise<string | null> {
  const url = new URL(request.url, 'http://first-paint.invalid');
  if (url.pathname !== '/') return null;
  // A shared link names its API (?provider=exante): paint that one, as the browser will.
  const { provider, rest } = readLinkedProvider(url.search);
  const linked = provider ? settingsForLink(null, provider, request.config) : null;
  const first = firstListOf(
    { pathname: url.pathname, search: rest },
    request.config,
    linked && !('refused' in linked) ? linked : null,
    request.transport,
  );
  if (!first) return null;
  const { api, filters } = first;

  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  try {
    queryClient.setQueryData(parleyConfigQuery.queryKey, request.config);
    // A failing API is the app's to explain, with a way forward; the page just comes
    // without early rows.
    const answered = await answeredWithin(
      Promise.all([
        queryClient.fetchInfiniteQuery(conversationQueries.list(api, filters)),
        queryClient.fetchQuery(conversationQueries.agents(api)),
      ]),
      request.budgetMs,
    );
    if (!answered) return null;
    return renderToString(
      <div
        {...{ [firstPaintAttribute]: '' }}
        data-scope={api.scope}
        inert
        aria-hidden="true"
        className="contents"
      >
        <QueryClientProvider client={queryClient}>
          <StaticRouter location={`${url.pathname}${url.search}`}>
            <AppRoutes />
          </StaticRouter>
        </QueryClientProvider>
      </div>,
    );
  } finally {
    // Drops the cache and its timers: nothing outlives the request.
    queryClient.clear();
  }
}

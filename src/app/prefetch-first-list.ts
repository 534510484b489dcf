import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import {
  readEmbeddedParleyConfig,
  resolveConnection,
  settingsStore,
  type ParleyConfig,
  type Settings,
} from '../api/connection.ts';
import type { Transport } from '../api/client.ts';
import type { InboxFilters } from '../api/model.ts';
import { conversationQueries, type Api } from '../api/queries.ts';
import { namesAgents, viewOf } from '../inbox/filters/view-of.ts';
import { apiFor } from './connection.ts';

/** The routes that show the inbox list (src/app/router.tsx). */
const listPaths = ['/', '/conversations/:conversationId'];

/**
 * The list a URL opens on: the connection in force and the URL's view, through the same
 * `viewOf` as the inbox page, so a query built from this has the page's key. Null off the
 * list's routes, with no connection, or for a view that names agents: the page first
 * checks them against the directory (an agent the API lacks is an error, not a list).
 */
export function firstListOf(
  location: Pick<Location, 'pathname' | 'search'>,
  config: ParleyConfig,
  settings: Settings | null,
  transport?: Transport,
): { api: Api; filters: InboxFilters } | null {
  if (!listPaths.some((path) => matchPath(path, location.pathname))) return null;
  const connection = resolveConnection(config, settings);
  if (!connection) return null;
  const api = apiFor(connection, transport);
  const { filters } = viewOf(location.search, api.provider.capabilities);
  return namesAgents(filters) ? null : { api, filters };
}

/**
 * Asks for the first page of the list (and the agent directory its rows name) before
 * React renders, so the requests run while the app's first render does (the list would
 * only ask once it mounts). Only when the config is known synchronously (embedded in the
 * page); otherwise the list fetches as usual. The list finds this request in flight or
 * done under its own key, so opening the inbox still costs exactly one list request.
 *
 * Returns the connection's scope and a promise that settles when both have answered (or
 * failed), for main.tsx to keep the server's first paint until then; null if nothing
 * was asked.
 */
export function prefetchFirstList(
  queryClient: QueryClient,
  location: Location,
): { scope: string; settled: Promise<unknown> } | null {
  const config = readEmbeddedParleyConfig();
  const first = config ? firstListOf(location, config, settingsStore.get()) : null;
  if (!first) return null;
  const { api, filters } = first;
  return {
    scope: api.scope,
    settled: Promise.all([
      queryClient.prefetchInfiniteQuery(conversationQueries.list(api, filters)),
      queryClient.prefetchQuery(conversationQueries.agents(api)),
    ]),
  };
}

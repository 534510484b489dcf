import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { readEmbeddedParleyConfig, resolveConnection, settingsStore } from '../api/connection.ts';
import { conversationQueries } from '../api/queries.ts';
import { keepSupported } from '../inbox/filters/supported-filters.ts';
import { parseFilters } from '../inbox/filters/url-filters.ts';
import { apiFor } from './connection.ts';

/** The routes that show the inbox list (src/app/router.tsx). */
const listPaths = ['/', '/conversations/:conversationId'];

/**
 * Asks for the first page of the list before React renders, so the request runs while
 * the app's first render does (the list would only ask once it mounts). Only when the
 * config is known synchronously (embedded in the page); otherwise the list fetches as
 * usual. The key is the very one the inbox builds (same connection scope, same canonical
 * filters via the same parser), so the list finds this request in flight or done and
 * opening the inbox still costs exactly one list request.
 */
export function prefetchFirstList(queryClient: QueryClient, location: Location): void {
  if (!listPaths.some((path) => matchPath(path, location.pathname))) return;
  const config = readEmbeddedParleyConfig();
  const connection = config ? resolveConnection(config, settingsStore.get()) : null;
  if (!connection) return;
  const api = apiFor(connection);
  const { filters } = keepSupported(
    parseFilters(new URLSearchParams(location.search)).filters,
    api.provider.capabilities,
  );
  void queryClient.prefetchInfiniteQuery(conversationQueries.list(api, filters));
}

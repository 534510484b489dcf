import { queryOptions } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import {
  connectionScope,
  fetchParleyConfig,
  resolveConnection,
  settingsStore,
} from '../api/connection.ts';
import { createProvider } from '../api/providers/create-provider.ts';
import type { Connection } from '../api/model.ts';
import type { Api } from '../api/queries.ts';

/** The server's connection defaults; they change only with a redeploy. */
export const parleyConfigQuery = queryOptions({
  queryKey: ['parley-config'],
  queryFn: ({ signal }) => fetchParleyConfig(signal),
  staleTime: Infinity,
});

export function useSettings() {
  return useSyncExternalStore(settingsStore.subscribe, settingsStore.get);
}

/**
 * The connection in force and its API, or nulls until the config is known (or when
 * nothing is configured).
 */
export function useConnectedApi(config: Parameters<typeof resolveConnection>[0] | undefined): {
  connection: Connection | null;
  api: Api | null;
} {
  const settings = useSettings();
  const connection = config ? resolveConnection(config, settings) : null;
  const scope = connection ? connectionScope(connection) : null;
  const token = connection?.token ?? null;
  // Rebuild the provider only when the connection itself changes.
  const api = useMemo(
    () =>
      connection && scope
        ? { provider: createProvider(connection), scope, meId: connection.meId }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scope + token identify the connection
    [scope, token],
  );
  return { connection, api };
}

import { queryOptions } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  connectionScope,
  fetchParleyConfig,
  readEmbeddedParleyConfig,
  resolveConnection,
  settingsStore,
} from '../api/connection.ts';
import { createProvider } from '../api/providers/create-provider.ts';
import type { Transport } from '../api/client.ts';
import type { Connection } from '../api/model.ts';
import type { Api } from '../api/queries.ts';
import { useExternalStore } from '../ui/external-store.ts';

/**
 * The server's connection defaults; they change only with a redeploy. Known at once when
 * the server embedded them in the page (then never fetched: staleTime is Infinity).
 */
export const parleyConfigQuery = queryOptions({
  queryKey: ['parley-config'],
  queryFn: ({ signal }) => fetchParleyConfig(signal),
  initialData: readEmbeddedParleyConfig,
  staleTime: Infinity,
});

/** The API for a connection; its scope prefixes every query key. */
export function apiFor(connection: Connection, transport?: Transport): Api {
  return {
    provider: createProvider(connection, transport),
    scope: connectionScope(connection),
    meId: connection.meId,
  };
}

/** On the server (the first paint) no agent has chosen anything: the defaults hold. */
const noSettings = () => null;

export function useSettings() {
  return useExternalStore(settingsStore, noSettings);
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
    () => (connection ? apiFor(connection) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scope + token identify the connection
    [scope, token],
  );
  return { connection, api };
}

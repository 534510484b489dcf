/**
 * The one settings module for how Parley connects: which provider, base URL, tenant and
 * token. The server's `/parley/config` gives the defaults (the embedded API, or the
 * deploy's proxy); the agent may override them in Settings. The token lives in
 * sessionStorage unless the agent asks to be remembered, and never enters a URL, a query
 * key or a message.
 */
import * as z from 'zod/mini';
import { request } from './client.ts';
import type { Connection, ProviderId } from './model.ts';

const providerIds = ['highlevel', 'exante'] as const satisfies readonly ProviderId[];

const endpointSchema = z.object({
  baseUrl: z.string(),
  tenantId: z.string(),
  token: z.nullable(z.string()),
  meId: z.nullable(z.string()),
});

const configSchema = z.object({
  mode: z.enum(['embedded', 'upstream']),
  providers: z.partialRecord(z.enum(providerIds), endpointSchema),
});

export type ParleyConfig = z.infer<typeof configSchema>;

export function fetchParleyConfig(signal?: AbortSignal): Promise<ParleyConfig> {
  return request({ baseUrl: '', path: '/parley/config', signal, parse: configSchema.parse });
}

/**
 * The same config, embedded by the server in index.html as a JSON data block
 * (server/embedded-config.ts), so the app need not wait for a round trip before it asks
 * for rows. Undefined when absent (Vite's own index.html in `npm run dev`, an old page)
 * or invalid: the app then asks `/parley/config` as before.
 */
export function readEmbeddedParleyConfig(): ParleyConfig | undefined {
  const text = document.getElementById('parley-config')?.textContent;
  if (!text) return undefined;
  try {
    const parsed = configSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the agent chose in Settings. `custom` replaces the server's defaults. */
export interface Settings {
  provider: ProviderId;
  custom: Connection | null;
  remember: boolean;
}

const storageKey = 'parley.settings';

const settingsSchema = z.object({
  provider: z.enum(providerIds),
  custom: z.nullable(
    z.object({
      provider: z.enum(providerIds),
      baseUrl: z.string(),
      tenantId: z.string(),
      token: z.nullable(z.string()),
      meId: z.nullable(z.string()),
    }),
  ),
  remember: z.boolean(),
});

function readStored(): Settings | null {
  for (const storage of [sessionStorage, localStorage]) {
    const raw = storage.getItem(storageKey);
    if (raw === null) continue;
    try {
      return settingsSchema.parse(JSON.parse(raw));
    } catch {
      // Corrupt or outdated settings: forget them rather than fail to start.
      storage.removeItem(storageKey);
    }
  }
  return null;
}

let current: Settings | null = null;
let loaded = false;
const listeners = new Set<() => void>();

export const settingsStore = {
  get(): Settings | null {
    if (!loaded) {
      current = readStored();
      loaded = true;
    }
    return current;
  },
  set(next: Settings | null): void {
    sessionStorage.removeItem(storageKey);
    localStorage.removeItem(storageKey);
    if (next)
      (next.remember ? localStorage : sessionStorage).setItem(storageKey, JSON.stringify(next));
    current = next;
    loaded = true;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The connection in force: the agent's custom one, else the server's for the chosen provider. */
export function resolveConnection(
  config: ParleyConfig,
  settings: Settings | null,
): Connection | null {
  if (settings?.custom) return settings.custom;
  const available = providerIds.filter((id) => config.providers[id]);
  const provider =
    settings && available.includes(settings.provider) ? settings.provider : available[0];
  const endpoint = provider ? config.providers[provider] : undefined;
  if (!provider || !endpoint) return null;
  return { provider, ...endpoint };
}

/** A token-free name for a connection: the prefix of every query key. */
export function connectionScope(connection: Connection): string {
  return [connection.provider, connection.baseUrl, connection.tenantId, connection.meId ?? ''].join(
    '|',
  );
}

/** Settings that keep this connection and replace its token (reconnecting after a 401). */
export function withToken(
  connection: Connection,
  settings: Settings | null,
  token: string,
): Settings {
  return {
    provider: connection.provider,
    remember: settings?.remember ?? false,
    custom: { ...connection, token },
  };
}

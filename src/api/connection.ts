/**
 * The one settings module for how Parley connects: which provider, base URL, tenant and
 * token. The server's `/parley/config` gives the defaults (the embedded API, or the
 * deploy's proxy); the agent may override them in Settings. The token lives in
 * sessionStorage unless the agent asks to be remembered, and never enters a URL, a query
 * key or a message.
 */
import { ApiError, request } from './client.ts';
import type { Connection, ProviderId } from './model.ts';

const providerIds = ['highlevel', 'exante'] as const satisfies readonly ProviderId[];

/** How an agent knows each API. */
export const providerNames: Record<ProviderId, string> = {
  highlevel: 'HighLevel',
  exante: 'Exante',
};

type Endpoint = Omit<Connection, 'provider'>;

export interface ParleyConfig {
  mode: 'embedded' | 'upstream';
  providers: Partial<Record<ProviderId, Endpoint>>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';
const isProviderId = (value: unknown): value is ProviderId =>
  (providerIds as readonly unknown[]).includes(value);

function readEndpoint(value: unknown): Endpoint | null {
  if (!isObject(value)) return null;
  const { baseUrl, tenantId, token, meId } = value;
  if (typeof baseUrl !== 'string' || typeof tenantId !== 'string') return null;
  if (!isStringOrNull(token) || !isStringOrNull(meId)) return null;
  return { baseUrl, tenantId, token: token as string | null, meId: meId as string | null };
}

/** The server's config, or null when it is not one (every endpoint must be whole). */
function readConfig(value: unknown): ParleyConfig | null {
  if (!isObject(value) || (value['mode'] !== 'embedded' && value['mode'] !== 'upstream')) {
    return null;
  }
  const providers: ParleyConfig['providers'] = {};
  if (!isObject(value['providers'])) return null;
  for (const [id, raw] of Object.entries(value['providers'])) {
    if (!isProviderId(id)) return null;
    const endpoint = readEndpoint(raw);
    if (endpoint === null) return null;
    providers[id] = endpoint;
  }
  return { mode: value['mode'], providers };
}

export function fetchParleyConfig(signal?: AbortSignal): Promise<ParleyConfig> {
  return request({
    baseUrl: '',
    path: '/parley/config',
    signal,
    parse: (data) => {
      const config = readConfig(data);
      if (config === null) throw new ApiError('malformed', ['/parley/config is not a config']);
      return config;
    },
  });
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
    return readConfig(JSON.parse(text)) ?? undefined;
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

function readSettings(value: unknown): Settings | null {
  if (!isObject(value) || !isProviderId(value['provider'])) return null;
  if (typeof value['remember'] !== 'boolean') return null;
  const custom = value['custom'];
  if (custom === null)
    return { provider: value['provider'], custom: null, remember: value['remember'] };
  const endpoint = readEndpoint(custom);
  if (endpoint === null || !isObject(custom) || !isProviderId(custom['provider'])) return null;
  return {
    provider: value['provider'],
    custom: { provider: custom['provider'], ...endpoint },
    remember: value['remember'],
  };
}

function readStored(): Settings | null {
  for (const storage of [sessionStorage, localStorage]) {
    const raw = storage.getItem(storageKey);
    if (raw === null) continue;
    let settings: Settings | null = null;
    try {
      settings = readSettings(JSON.parse(raw));
    } catch {
      // not JSON
    }
    if (settings !== null) return settings;
    // Corrupt or outdated settings: forget them rather than fail to start.
    storage.removeItem(storageKey);
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

/**
 * The query parameter a shared link names its API with: one Parley may serve both (the
 * demo does), and a colleague's would otherwise open the view on their own choice.
 */
const providerParam = 'provider';

/** This view's search, naming the API it is on, for a link to share. */
export function shareableSearch(search: string, provider: ProviderId): string {
  return `${search}${search === '' ? '?' : '&'}${providerParam}=${provider}`;
}

/**
 * What a link's `provider` parameter names (`named`: absent, or as written), the provider
 * if Parley knows it, and the link's search without it (the rest is the view's business).
 */
export function readLinkedProvider(search: string): {
  named: string | null;
  provider: ProviderId | null;
  rest: string;
} {
  const params = new URLSearchParams(search);
  const named = params.get(providerParam);
  if (named === null) return { named, provider: null, rest: search };
  const rest = search
    .slice(1)
    .split('&')
    .filter((pair) => pair.split('=')[0] !== providerParam)
    .join('&');
  return { named, provider: isProviderId(named) ? named : null, rest: rest ? `?${rest}` : '' };
}

/**
 * The agent's settings with a link's provider chosen, or why it cannot be: the agent's own
 * connection (custom) to another API stays, and so does an API this deploy does not serve.
 */
export function settingsForLink(
  settings: Settings | null,
  provider: ProviderId,
  config: ParleyConfig | undefined,
): Settings | { refused: string } {
  const name = providerNames[provider];
  if (settings?.custom) {
    return settings.custom.provider === provider
      ? settings
      : {
          refused: `This link is for ${name}, and you are connected to your own ${providerNames[settings.custom.provider]} API: it opened there. Change the connection in Settings to open it on ${name}.`,
        };
  }
  if (config && !config.providers[provider]) {
    return { refused: `This link is for ${name}, which this Parley does not connect to.` };
  }
  return { provider, custom: null, remember: settings?.remember ?? false };
}

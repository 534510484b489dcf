import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client.ts';
import type { settingsStore as firstStore } from './connection.ts';
import {
  connectionScope,
  fetchParleyConfig,
  providerNames,
  readEmbeddedParleyConfig,
  resolveConnection,
  withToken,
  type ParleyConfig,
  type Settings,
} from './connection.ts';
import type { Connection } from './model.ts';

const TOKEN = 'hl_live_very_secret_token_77';
const storageKey = 'parley.settings';

const highlevelEndpoint = {
  baseUrl: '/providers/highlevel',
  tenantId: 'loc-1',
  token: 'server-token',
  meId: 'user-1',
};
const exanteEndpoint = {
  baseUrl: 'https://dev.exante.app/api',
  tenantId: 'org-9',
  token: null,
  meId: null,
};
const both: ParleyConfig = {
  mode: 'embedded',
  providers: { highlevel: highlevelEndpoint, exante: exanteEndpoint },
};
const custom: Connection = {
  provider: 'exante',
  baseUrl: 'https://my.exante.test',
  tenantId: 'org-mine',
  token: TOKEN,
  meId: 'me',
};

describe('the config embedded in the page', () => {
  let element: HTMLScriptElement | null = null;

  function embed(text: string) {
    element = document.createElement('script');
    element.id = 'parley-config';
    element.type = 'application/json';
    element.textContent = text;
    document.head.append(element);
  }
  const embedJson = (value: unknown) => embed(JSON.stringify(value));

  afterEach(() => {
    element?.remove();
    element = null;
  });

  it('is returned whole when it is valid, with both providers', () => {
    embedJson(both);
    expect(readEmbeddedParleyConfig()).toEqual(both);
  });

  it('is accepted in upstream mode, with one provider or none', () => {
    embedJson({ mode: 'upstream', providers: { exante: exanteEndpoint } });
    expect(readEmbeddedParleyConfig()).toEqual({
      mode: 'upstream',
      providers: { exante: exanteEndpoint },
    });
    element?.remove();
    embedJson({ mode: 'upstream', providers: {} });
    expect(readEmbeddedParleyConfig()).toEqual({ mode: 'upstream', providers: {} });
  });

  it('accepts a null token and a null meId, and keeps string ones', () => {
    const endpoint = { baseUrl: '/x', tenantId: 't', token: null, meId: null };
    embedJson({ mode: 'embedded', providers: { highlevel: endpoint } });
    expect(readEmbeddedParleyConfig()).toEqual({
      mode: 'embedded',
      providers: { highlevel: endpoint },
    });
  });

  it('is undefined when the page has none', () => {
    expect(readEmbeddedParleyConfig()).toBeUndefined();
  });

  it('is undefined when the element is empty', () => {
    embed('');
    expect(readEmbeddedParleyConfig()).toBeUndefined();
  });

  it('is undefined when the text is not JSON', () => {
    embed('{"mode": "embedded", "providers": {');
    expect(readEmbeddedParleyConfig()).toBeUndefined();
  });

  const withEndpoint = (endpoint: unknown) => ({
    mode: 'embedded',
    providers: { highlevel: highlevelEndpoint, exante: endpoint },
  });

  it.each([
    ['the config is not an object', 'not a config'],
    ['the config is null', null],
    ['the mode is neither embedded nor upstream', { mode: 'proxy', providers: both.providers }],
    ['the mode is missing', { providers: both.providers }],
    ['providers is missing', { mode: 'embedded' }],
    ['providers is null', { mode: 'embedded', providers: null }],
    ['providers is an array', { mode: 'embedded', providers: [] }],
    ['providers is a string', { mode: 'embedded', providers: 'highlevel' }],
    [
      'a provider is one Parley does not know',
      { mode: 'embedded', providers: { ...both.providers, zendesk: exanteEndpoint } },
    ],
    ['an endpoint is not an object', withEndpoint('https://dev.exante.app/api')],
    ['an endpoint is null', withEndpoint(null)],
    ['an endpoint has no baseUrl', withEndpoint({ ...exanteEndpoint, baseUrl: undefined })],
    ['an endpoint has no tenantId', withEndpoint({ ...exanteEndpoint, tenantId: undefined })],
    ['an endpoint’s baseUrl is a number', withEndpoint({ ...exanteEndpoint, baseUrl: 42 })],
    ['an endpoint’s tenantId is a number', withEndpoint({ ...exanteEndpoint, tenantId: 42 })],
    ['an endpoint’s token is a number', withEndpoint({ ...exanteEndpoint, token: 42 })],
    ['an endpoint’s meId is a number', withEndpoint({ ...exanteEndpoint, meId: 42 })],
    ['an endpoint has no token', withEndpoint({ ...exanteEndpoint, token: undefined })],
  ])('is undefined when %s', (_, value) => {
    embedJson(value);
    expect(readEmbeddedParleyConfig()).toBeUndefined();
  });
});

describe('fetching the config from the server', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('resolves to the config the server sends', async () => {
    server.use(http.get('/parley/config', () => HttpResponse.json(both)));
    await expect(fetchParleyConfig()).resolves.toEqual(both);
  });

  it('rejects as malformed what is not a config', async () => {
    server.use(
      http.get('/parley/config', () =>
        HttpResponse.json({ mode: 'embedded', providers: { zendesk: exanteEndpoint } }),
      ),
    );
    const error: unknown = await fetchParleyConfig().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('malformed');
    expect((error as ApiError).messages).toEqual(['/parley/config is not a config']);
  });
});

describe('the settings store', () => {
  // The store reads storage once and remembers what it read: each test gets a fresh module.
  let store: typeof firstStore;
  beforeEach(async () => {
    vi.resetModules();
    ({ settingsStore: store } = await import('./connection.ts'));
  });

  const inSession: Settings = { provider: 'exante', custom: null, remember: false };
  const inLocal: Settings = { provider: 'highlevel', custom: null, remember: true };
  const stored = (storage: Storage) => storage.getItem(storageKey);

  describe('reading', () => {
    it('is null when nothing is stored', () => {
      expect(store.get()).toBeNull();
    });

    it('prefers sessionStorage to localStorage', () => {
      sessionStorage.setItem(storageKey, JSON.stringify(inSession));
      localStorage.setItem(storageKey, JSON.stringify(inLocal));
      expect(store.get()).toEqual(inSession);
    });

    it('falls back to localStorage', () => {
      localStorage.setItem(storageKey, JSON.stringify(inLocal));
      expect(store.get()).toEqual(inLocal);
    });

    it('reads a custom connection back whole', () => {
      const settings: Settings = { provider: 'exante', custom, remember: true };
      localStorage.setItem(storageKey, JSON.stringify(settings));
      expect(store.get()).toEqual(settings);
    });

    it('reads storage once, and keeps what it read', () => {
      localStorage.setItem(storageKey, JSON.stringify(inLocal));
      expect(store.get()).toEqual(inLocal);
      localStorage.setItem(storageKey, JSON.stringify(inSession));
      expect(store.get()).toEqual(inLocal);
    });

    it('forgets settings that are not JSON, and goes on to localStorage', () => {
      sessionStorage.setItem(storageKey, '{"provider":');
      localStorage.setItem(storageKey, JSON.stringify(inLocal));
      expect(store.get()).toEqual(inLocal);
      expect(stored(sessionStorage)).toBeNull();
      expect(stored(localStorage)).toBe(JSON.stringify(inLocal));
    });

    it.each([
      ['not an object', 'exante'],
      ['null', null],
      ['of a provider Parley does not know', { provider: 'zendesk', custom: null, remember: true }],
      ['without a provider', { custom: null, remember: true }],
      ['with remember not a boolean', { provider: 'exante', custom: null, remember: 'yes' }],
      ['without remember', { provider: 'exante', custom: null }],
      [
        'with a custom connection without a baseUrl',
        { provider: 'exante', custom: { ...custom, baseUrl: undefined }, remember: true },
      ],
      [
        'with a custom connection whose tenantId is a number',
        { provider: 'exante', custom: { ...custom, tenantId: 7 }, remember: true },
      ],
      [
        'with a custom connection whose token is a number',
        { provider: 'exante', custom: { ...custom, token: 7 }, remember: true },
      ],
      [
        'with a custom connection of a provider Parley does not know',
        { provider: 'exante', custom: { ...custom, provider: 'zendesk' }, remember: true },
      ],
      [
        'with a custom connection without a provider',
        { provider: 'exante', custom: { ...custom, provider: undefined }, remember: true },
      ],
      [
        'with a custom connection that is a string',
        { provider: 'exante', custom: 'x', remember: true },
      ],
    ])('ignores and removes settings %s', (_, value) => {
      for (const storage of [sessionStorage, localStorage]) {
        storage.setItem(storageKey, JSON.stringify(value));
      }
      expect(store.get()).toBeNull();
      expect(stored(sessionStorage)).toBeNull();
      expect(stored(localStorage)).toBeNull();
    });
  });

  describe('writing', () => {
    it('writes remembered settings to localStorage only', () => {
      sessionStorage.setItem(storageKey, JSON.stringify(inSession));
      const next: Settings = { provider: 'exante', custom, remember: true };
      store.set(next);
      expect(stored(localStorage)).toBe(JSON.stringify(next));
      expect(stored(sessionStorage)).toBeNull();
      expect(store.get()).toEqual(next);
    });

    it('writes settings not remembered to sessionStorage only', () => {
      localStorage.setItem(storageKey, JSON.stringify(inLocal));
      const next: Settings = { provider: 'exante', custom, remember: false };
      store.set(next);
      expect(stored(sessionStorage)).toBe(JSON.stringify(next));
      expect(stored(localStorage)).toBeNull();
      expect(store.get()).toEqual(next);
    });

    it('what it writes is read back by a fresh store', async () => {
      const next: Settings = { provider: 'exante', custom, remember: true };
      store.set(next);
      vi.resetModules();
      const { settingsStore: fresh } = await import('./connection.ts');
      expect(fresh.get()).toEqual(next);
    });

    it('clears both storages when set to null', () => {
      sessionStorage.setItem(storageKey, JSON.stringify(inSession));
      localStorage.setItem(storageKey, JSON.stringify(inLocal));
      expect(store.get()).toEqual(inSession);
      store.set(null);
      expect(stored(sessionStorage)).toBeNull();
      expect(stored(localStorage)).toBeNull();
      expect(store.get()).toBeNull();
    });

    it('tells its subscribers of every change, until they unsubscribe', () => {
      const first = vi.fn();
      const second = vi.fn();
      const unsubscribeFirst = store.subscribe(first);
      store.subscribe(second);
      store.set(inSession);
      expect(first).toHaveBeenCalledTimes(1);
      expect(second).toHaveBeenCalledTimes(1);
      unsubscribeFirst();
      store.set(null);
      expect(first).toHaveBeenCalledTimes(1);
      expect(second).toHaveBeenCalledTimes(2);
    });

    it('has the new settings in place when a subscriber is told', () => {
      const seen: (Settings | null)[] = [];
      store.subscribe(() => seen.push(store.get()));
      store.set(inLocal);
      expect(seen).toEqual([inLocal]);
    });
  });
});

describe('the connection in force', () => {
  it('is the agent’s custom connection, even when the config has the chosen provider', () => {
    expect(resolveConnection(both, { provider: 'highlevel', custom, remember: false })).toBe(
      custom,
    );
  });

  it('is the chosen provider’s when the config has it', () => {
    expect(resolveConnection(both, { provider: 'exante', custom: null, remember: false })).toEqual({
      provider: 'exante',
      ...exanteEndpoint,
    });
    expect(
      resolveConnection(both, { provider: 'highlevel', custom: null, remember: false }),
    ).toEqual({ provider: 'highlevel', ...highlevelEndpoint });
  });

  it('is the first available, HighLevel then Exante, without settings', () => {
    const exanteFirst: ParleyConfig = {
      mode: 'upstream',
      providers: { exante: exanteEndpoint, highlevel: highlevelEndpoint },
    };
    expect(resolveConnection(exanteFirst, null)).toEqual({
      provider: 'highlevel',
      ...highlevelEndpoint,
    });
    const onlyExante: ParleyConfig = { mode: 'upstream', providers: { exante: exanteEndpoint } };
    expect(resolveConnection(onlyExante, null)).toEqual({ provider: 'exante', ...exanteEndpoint });
  });

  it('is the first available when the config lacks the chosen provider', () => {
    const onlyExante: ParleyConfig = { mode: 'upstream', providers: { exante: exanteEndpoint } };
    expect(
      resolveConnection(onlyExante, { provider: 'highlevel', custom: null, remember: true }),
    ).toEqual({ provider: 'exante', ...exanteEndpoint });
  });

  it('is null when the config has no providers', () => {
    const none: ParleyConfig = { mode: 'upstream', providers: {} };
    expect(resolveConnection(none, null)).toBeNull();
    expect(resolveConnection(none, { provider: 'exante', custom: null, remember: false })).toBe(
      null,
    );
  });
});

describe('a connection’s scope', () => {
  const base: Connection = {
    provider: 'highlevel',
    baseUrl: '/providers/highlevel',
    tenantId: 'loc-1',
    token: TOKEN,
    meId: 'user-1',
  };

  it('is the same for equal connections, whatever their token', () => {
    expect(connectionScope({ ...base })).toBe(connectionScope(base));
    expect(connectionScope({ ...base, token: 'another-token-entirely' })).toBe(
      connectionScope(base),
    );
    expect(connectionScope({ ...base, token: null })).toBe(connectionScope(base));
  });

  it.each([
    ['provider', { provider: 'exante' }],
    ['baseUrl', { baseUrl: 'https://services.leadconnectorhq.com' }],
    ['tenantId', { tenantId: 'loc-2' }],
    ['meId', { meId: 'user-2' }],
    ['meId, when there is none', { meId: null }],
  ] as const)('differs when the %s differs', (_, patch) => {
    expect(connectionScope({ ...base, ...patch })).not.toBe(connectionScope(base));
  });

  it('keeps its parts apart', () => {
    expect(connectionScope({ ...base, baseUrl: '/x', tenantId: 'ab' })).not.toBe(
      connectionScope({ ...base, baseUrl: '/xa', tenantId: 'b' }),
    );
  });

  it('never contains the token', () => {
    expect(connectionScope(base)).not.toContain(TOKEN);
    expect(connectionScope({ ...base, meId: null })).not.toContain(TOKEN);
  });
});

describe('settings with a new token', () => {
  const server: Connection = { provider: 'highlevel', ...highlevelEndpoint };

  it('keep the connection’s provider and endpoint, with the new token', () => {
    expect(withToken(server, null, TOKEN)).toEqual({
      provider: 'highlevel',
      remember: false,
      custom: { ...highlevelEndpoint, provider: 'highlevel', token: TOKEN },
    });
  });

  it('keep whether the agent asked to be remembered', () => {
    expect(withToken(custom, { provider: 'exante', custom, remember: true }, 'new-token')).toEqual({
      provider: 'exante',
      remember: true,
      custom: { ...custom, token: 'new-token' },
    });
    expect(
      withToken(server, { provider: 'highlevel', custom: null, remember: false }, 'new-token'),
    ).toEqual({
      provider: 'highlevel',
      remember: false,
      custom: { ...server, token: 'new-token' },
    });
  });

  it('leave the connection they were made from as it was', () => {
    const before = { ...custom };
    withToken(custom, null, 'new-token');
    expect(custom).toEqual(before);
  });
});

describe('provider names', () => {
  it('name both APIs as agents know them', () => {
    expect(providerNames).toEqual({ highlevel: 'HighLevel', exante: 'Exante' });
  });
});

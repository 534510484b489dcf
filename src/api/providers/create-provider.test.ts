import { describe, expect, it } from 'vitest';
import { ApiError } from '../client.ts';
import { defaultFilters, type Connection, type ProviderId } from '../model.ts';
import { createProvider } from './create-provider.ts';
import { exanteCapabilities } from './exante.ts';
import { highlevelCapabilities } from './highlevel.ts';

const base: Omit<Connection, 'provider'> = {
  baseUrl: 'http://api.test/x',
  tenantId: 't',
  token: null,
  meId: null,
};

describe('createProvider', () => {
  it.each<[ProviderId, string, object]>([
    ['highlevel', 'http://api.test/x/conversations/search?', highlevelCapabilities],
    ['exante', 'http://api.test/x/conversations?', exanteCapabilities],
  ])('gives a %s connection the adapter that speaks its API', async (provider, url, caps) => {
    const asked: string[] = [];
    const adapter = createProvider({ ...base, provider }, (to) => {
      asked.push(to);
      return Promise.resolve(new Response('{}', { status: 500 }));
    });
    expect(adapter.id).toBe(provider);
    expect(adapter.capabilities).toBe(caps);
    await expect(adapter.list({ filters: defaultFilters, cursor: null })).rejects.toThrow(ApiError);
    expect(asked[0]?.startsWith(url)).toBe(true);
  });

  it('refuses an unknown provider', () => {
    const connection = { ...base, provider: 'zendesk' } as unknown as Connection;
    expect(() => createProvider(connection)).toThrow(ApiError);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError, type Transport } from '../client.ts';
import type { Connection } from '../model.ts';
import { filters } from '../test-support.ts';
import { createProvider } from './create-provider.ts';

/** A transport that answers every request with `body` and remembers what was asked. */
function recording(body: unknown) {
  const asked: { url: string; headers: Headers }[] = [];
  const transport: Transport = (url, init) => {
    asked.push({ url, headers: new Headers(init.headers) });
    return Promise.resolve(Response.json(body));
  };
  return { transport, asked };
}

const connection = (provider: Connection['provider']): Connection => ({
  provider,
  baseUrl: `https://api.example/${provider}`,
  tenantId:
    provider === 'highlevel' ? 'Location0000000000001' : '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f',
  token: 'create_provider_token_000',
  meId: null,
});

describe('createProvider', () => {
  it('speaks HighLevel to a HighLevel connection, through the transport it is given', async () => {
    const { transport, asked } = recording({ conversations: [], total: 0 });
    const provider = createProvider(connection('highlevel'), transport);
    expect(await provider.list({ filters: filters(), cursor: null })).toMatchObject({
      items: [],
      total: 0,
    });
    expect(asked).toHaveLength(1);
    const url = new URL(asked[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://api.example/highlevel/conversations/search');
    expect(url.searchParams.get('locationId')).toBe('Location0000000000001');
    expect(asked[0]?.headers.get('Version')).toBe('2021-04-15');
  });

  it('speaks Exante to an Exante connection', async () => {
    const { transport, asked } = recording({
      status: 'success',
      data: { items: [], pagination: { page: 1, per_page: 50, total: 0, total_pages: 0 } },
    });
    const provider = createProvider(connection('exante'), transport);
    await provider.list({ filters: filters(), cursor: null });
    const url = new URL(asked[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://api.example/exante/conversations');
    expect(url.searchParams.get('organization_uid')).toBe('6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f');
    expect(asked[0]?.headers.get('Version')).toBeNull();
  });

  it('refuses an unknown provider', () => {
    const unknown = { ...connection('exante'), provider: 'zendesk' } as unknown as Connection;
    expect(() => createProvider(unknown)).toThrow(ApiError);
    expect(() => createProvider(unknown)).toThrow(/cannot talk to a "zendesk" API/);
  });
});

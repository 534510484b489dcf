import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionScope, readEmbeddedParleyConfig, type ParleyConfig } from '../api/connection.ts';
import { defaultFilters } from '../api/model.ts';
import { parleyConfigQuery } from './connection.ts';
import { prefetchFirstList } from './prefetch-first-list.ts';

const highlevel = { baseUrl: '/providers/highlevel', tenantId: 'Loc1', token: 't0k', meId: 'me1' };
const config: ParleyConfig = { mode: 'embedded', providers: { highlevel } };
const scope = connectionScope({ provider: 'highlevel', ...highlevel });

function embed(text: string) {
  const block = document.createElement('script');
  block.type = 'application/json';
  block.id = 'parley-config';
  block.textContent = text;
  document.head.append(block);
}

const at = (url: string) => new URL(url, 'http://parley.test') as unknown as Location;

let client: QueryClient;
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // Requests never answer: these tests only look at what was asked for, and under which key.
  fetchMock = vi.fn(() => new Promise<Response>(() => {}));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  client.clear();
  document.getElementById('parley-config')?.remove();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});

describe('the embedded config', () => {
  it('is read when present and valid, and is the config query’s data without a request', async () => {
    embed(JSON.stringify(config));
    expect(readEmbeddedParleyConfig()).toEqual(config);
    await expect(client.ensureQueryData(parleyConfigQuery)).resolves.toEqual(config);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['not JSON', '{"mode":'],
    ['the wrong shape', JSON.stringify({ mode: 'cloud', providers: {} })],
  ])('is ignored when %s, and the config is fetched', (_, text) => {
    if (text !== null) embed(text);
    expect(readEmbeddedParleyConfig()).toBeUndefined();
    void client.prefetchQuery(parleyConfigQuery);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]?.[0])).toContain('/parley/config');
  });
});

describe('prefetchFirstList', () => {
  it('starts the list and the agent directory under the keys the inbox uses, for the URL’s canonical filters', () => {
    embed(JSON.stringify(config));
    const first = prefetchFirstList(client, at('/?read=unread&bogus=1'));
    expect(first?.scope).toBe(scope);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const listKey = [{ scope, entity: 'list', filters: { ...defaultFilters, read: 'unread' } }];
    expect(client.getQueryState(listKey)?.fetchStatus).toBe('fetching');
    expect(client.getQueryState([{ scope, entity: 'agents' }])?.fetchStatus).toBe('fetching');
    // The token travels in a header, never in the URL.
    for (const [url] of fetchMock.mock.calls) expect(String(url)).not.toContain('t0k');
  });

  it('settles once both have answered, also when one fails', async () => {
    embed(JSON.stringify(config));
    let answerAgents: (response: Response) => void = () => undefined;
    fetchMock.mockImplementation((url: string) =>
      String(url).includes('/users')
        ? new Promise<Response>((resolve) => (answerAgents = resolve))
        : Promise.resolve(
            new Response('{"conversations":[],"total":0}', {
              headers: { 'Content-Type': 'application/json' },
            }),
          ),
    );
    const first = prefetchFirstList(client, at('/'));
    let settled = false;
    void first?.settled.then(() => (settled = true));
    await vi.waitFor(() =>
      expect(
        client.getQueryState([{ scope, entity: 'list', filters: defaultFilters }])?.status,
      ).toBe('success'),
    );
    // The list has answered, the directory has not: the first paint stays.
    expect(settled).toBe(false);
    answerAgents(new Response('{}', { status: 500 }));
    await vi.waitFor(() => expect(settled).toBe(true));
    expect(client.getQueryState([{ scope, entity: 'agents' }])?.status).toBe('error');
  });

  it('also under an open conversation, which shows the list too', () => {
    embed(JSON.stringify(config));
    prefetchFirstList(client, at('/conversations/abc'));
    expect(
      client.getQueryState([{ scope, entity: 'list', filters: defaultFilters }])?.fetchStatus,
    ).toBe('fetching');
  });

  it.each(['/settings', '/no/such/page'])('asks for nothing on %s', (path) => {
    embed(JSON.stringify(config));
    expect(prefetchFirstList(client, at(path))).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('asks for nothing without an embedded config', () => {
    prefetchFirstList(client, at('/'));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  buildUrl,
  describeError,
  isRetryable,
  parseRetryAfter,
  request,
} from './client.ts';
import { expectArray, expectObject } from './providers/tolerant.ts';
import { failureWithout } from './test-support.ts';

const TOKEN = 'ex_live_super_secret_token_42';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const anything = (data: unknown) => data;

/** Runs a request that must fail and returns its ApiError (token-free, checked). */
const failure = failureWithout(TOKEN);

function expectNoToken(error: ApiError) {
  expect(error.message).not.toContain(TOKEN);
  expect(String(error)).not.toContain(TOKEN);
  expect(JSON.stringify(error)).not.toContain(TOKEN);
  expect(describeError(error)).not.toContain(TOKEN);
  for (const key of Object.keys(error)) {
    expect(JSON.stringify((error as unknown as Record<string, unknown>)[key]) ?? '').not.toContain(
      TOKEN,
    );
  }
}

describe('buildUrl', () => {
  it('joins base and path with one slash and keeps a trailing slash on the path', () => {
    expect(buildUrl('/providers/highlevel/', '/users/')).toBe('/providers/highlevel/users/');
    expect(buildUrl('https://dev.exante.app/api', 'conversations')).toBe(
      'https://dev.exante.app/api/conversations',
    );
  });

  it('serializes entries in order, repeats repeated keys and skips null and undefined', () => {
    expect(
      buildUrl('/x', '/y', [
        ['a', 'one two'],
        ['n', 50],
        ['b', false],
        ['skip', null],
        ['gone', undefined],
        ['k[]', 1],
        ['k[]', 'z'],
      ]),
    ).toBe('/x/y?a=one+two&n=50&b=false&k%5B%5D=1&k%5B%5D=z');
  });

  it('takes a ready URLSearchParams as is', () => {
    expect(buildUrl('/x', '/y', new URLSearchParams('status=a,b&status=c'))).toBe(
      '/x/y?status=a%2Cb&status=c',
    );
  });
});

describe('request', () => {
  it('resolves a relative base URL against the page and sends the headers and JSON body', async () => {
    let seen: Request | undefined;
    server.use(
      http.put('/providers/highlevel/conversations/abc', async ({ request: req }) => {
        seen = req.clone();
        return HttpResponse.json({ ok: true });
      }),
    );
    const result = await request({
      baseUrl: '/providers/highlevel',
      path: '/conversations/abc',
      method: 'PUT',
      body: { locationId: 'L1', starred: true },
      token: TOKEN,
      headers: { Version: '2021-04-15' },
      parse: (data) => expectObject(data, '(root)'),
    });
    expect(result).toEqual({ ok: true });
    expect(seen?.url).toBe(`${location.origin}/providers/highlevel/conversations/abc`);
    expect(seen?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen?.headers.get('Version')).toBe('2021-04-15');
    expect(seen?.headers.get('Accept')).toBe('application/json');
    expect(seen?.headers.get('Content-Type')).toBe('application/json');
    expect(await seen?.json()).toEqual({ locationId: 'L1', starred: true });
    expect(seen?.url).not.toContain(TOKEN);
  });

  it('sends no Authorization header without a token', async () => {
    let auth: string | null = 'unset';
    server.use(
      http.get('/api/thing', ({ request: req }) => {
        auth = req.headers.get('Authorization');
        return HttpResponse.json([]);
      }),
    );
    await request({ baseUrl: '/api', path: '/thing', token: null, parse: anything });
    expect(auth).toBeNull();
  });

  describe('malformed responses', () => {
    const listOf = (data: unknown) => expectArray(expectObject(data, '(root)')['items'], 'items');

    it("names where the answer broke, in the reader's words", async () => {
      server.use(http.get('/api/list', () => HttpResponse.json({ items: { a: 1 } })));
      const error = await failure(request({ baseUrl: '/api', path: '/list', parse: listOf }));
      expect(error.kind).toBe('malformed');
      expect(error.messages).toEqual(['items: expected array, got object']);
      expect(describeError(error)).toBe(
        'The server sent a response Parley could not read: items: expected array, got object',
      );
    });

    it('says what is missing', async () => {
      server.use(http.get('/api/list', () => HttpResponse.json({})));
      const error = await failure(request({ baseUrl: '/api', path: '/list', parse: listOf }));
      expect(error.messages).toEqual(['items: expected array, but it is missing']);
    });

    it('turns any other failure of the reader into a malformed answer with its message', async () => {
      server.use(http.get('/api/list', () => HttpResponse.json({ items: [] })));
      const error = await failure(
        request({
          baseUrl: '/api',
          path: '/list',
          parse: () => {
            throw new TypeError('cannot read the first item');
          },
        }),
      );
      expect(error.kind).toBe('malformed');
      expect(error.messages).toEqual(['cannot read the first item']);
    });

    it('scrubs the token from a value a reader quotes', async () => {
      server.use(http.get('/api/list', () => HttpResponse.json({ kind: TOKEN })));
      const error = await failure(
        request({
          baseUrl: '/api',
          path: '/list',
          token: TOKEN,
          parse: (data) => {
            const kind = (data as { kind: string }).kind;
            throw new ApiError('malformed', [`kind: expected "a" or "b", got "${kind}"`]);
          },
        }),
      );
      expect(error.kind).toBe('malformed');
      expect(error.messages).toEqual(['kind: expected "a" or "b", got "[redacted]"']);
      expectNoToken(error);
    });

    it('rejects a body that is not JSON', async () => {
      server.use(http.get('/api/list', () => HttpResponse.text('<html>hello</html>')));
      const error = await failure(request({ baseUrl: '/api', path: '/list', parse: anything }));
      expect(error.kind).toBe('malformed');
    });
  });

  describe('HTTP errors', () => {
    it('reads a 422 message array into messages', async () => {
      server.use(
        http.get('/api/list', () =>
          HttpResponse.json(
            {
              statusCode: 422,
              message: ['limit must not be greater than 100'],
              error: 'Unprocessable Entity',
            },
            { status: 422 },
          ),
        ),
      );
      const error = await failure(request({ baseUrl: '/api', path: '/list', parse: anything }));
      expect(error).toMatchObject({
        kind: 'http',
        status: 422,
        messages: ['limit must not be greater than 100'],
      });
      expect(error.retryAfterMs).toBeUndefined();
      expect(describeError(error)).toBe(
        'The server rejected the request: limit must not be greater than 100',
      );
      expect(isRetryable(error)).toBe(false);
    });

    it('prefers the provider reader and falls back to the generic one', async () => {
      server.use(
        http.get('/api/list', () =>
          HttpResponse.json(
            { message: 'generic', errors: { per_page: ['too big'] } },
            { status: 400 },
          ),
        ),
      );
      const specific = await failure(
        request({
          baseUrl: '/api',
          path: '/list',
          parse: anything,
          readErrorBody: () => ['from provider'],
        }),
      );
      expect(specific.messages).toEqual(['from provider']);
      const generic = await failure(
        request({
          baseUrl: '/api',
          path: '/list',
          parse: anything,
          readErrorBody: () => undefined,
        }),
      );
      expect(generic.messages).toEqual(['generic']);
    });

    it('explains a 401 and scrubs a token the server echoes back', async () => {
      server.use(
        http.get('/api/list', () =>
          HttpResponse.json(
            { statusCode: 401, message: `Invalid token: ${TOKEN}` },
            { status: 401 },
          ),
        ),
      );
      const error = await failure(
        request({ baseUrl: '/api', path: '/list', token: TOKEN, parse: anything }),
      );
      expect(error).toMatchObject({
        kind: 'http',
        status: 401,
        messages: ['Invalid token: [redacted]'],
      });
      expect(describeError(error)).toBe(
        'Your session is no longer valid (401). Reconnect with a new token.',
      );
      expectNoToken(error);
    });

    it('reads Retry-After seconds on 429', async () => {
      server.use(
        http.get('/api/list', () =>
          HttpResponse.json(
            { message: 'Too many requests' },
            { status: 429, headers: { 'Retry-After': '30' } },
          ),
        ),
      );
      const error = await failure(request({ baseUrl: '/api', path: '/list', parse: anything }));
      expect(error).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 30_000 });
      expect(describeError(error)).toBe('Too many requests. Try again in 30 seconds.');
      expect(isRetryable(error)).toBe(true);
    });

    it('reads Retry-After on 503 and names the status for a body that is not JSON', async () => {
      server.use(
        http.get(
          '/api/list',
          () =>
            new HttpResponse('<html><body>Service Unavailable</body></html>', {
              status: 503,
              headers: { 'Retry-After': '2', 'Content-Type': 'text/html' },
            }),
        ),
      );
      const error = await failure(request({ baseUrl: '/api', path: '/list', parse: anything }));
      expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 2000 });
      expect(error.messages).toEqual(['Service Unavailable']);
      expect(describeError(error)).toBe(
        'The server failed to answer (503). Try again in a moment.',
      );
    });
  });

  describe('transport failures', () => {
    it('reports an unreachable server as network', async () => {
      server.use(http.get('/api/list', () => HttpResponse.error()));
      const error = await failure(
        request({ baseUrl: '/api', path: '/list', token: TOKEN, parse: anything }),
      );
      expect(error.kind).toBe('network');
      expect(describeError(error)).toBe('Could not reach the server. Check your connection.');
      expect(isRetryable(error)).toBe(true);
      expectNoToken(error);
    });

    it('times out a server that never answers', async () => {
      server.use(
        http.get('/api/slow', async () => {
          await delay('infinite');
          return HttpResponse.json({});
        }),
      );
      const error = await failure(
        request({ baseUrl: '/api', path: '/slow', token: TOKEN, timeoutMs: 50, parse: anything }),
      );
      expect(error.kind).toBe('timeout');
      expect(describeError(error)).toBe(
        'The server took too long to answer (no complete answer within 1 second).',
      );
      expect(isRetryable(error)).toBe(false);
      expectNoToken(error);
    });

    it('reports the caller cancelling as aborted, even with a timeout pending', async () => {
      server.use(
        http.get('/api/slow', async () => {
          await delay('infinite');
          return HttpResponse.json({});
        }),
      );
      const controller = new AbortController();
      const pending = request({
        baseUrl: '/api',
        path: '/slow',
        signal: controller.signal,
        timeoutMs: 5_000,
        parse: anything,
      });
      setTimeout(() => controller.abort(), 20);
      const error = await failure(pending);
      expect(error.kind).toBe('aborted');
      expect(describeError(error)).toBe('The request was cancelled.');
    });

    it('does not send a request whose signal is already aborted', async () => {
      let calls = 0;
      server.use(
        http.get('/api/list', () => {
          calls += 1;
          return HttpResponse.json({});
        }),
      );
      const error = await failure(
        request({ baseUrl: '/api', path: '/list', signal: AbortSignal.abort(), parse: anything }),
      );
      expect(error.kind).toBe('aborted');
      expect(calls).toBe(0);
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 01 Jan 2023 00:00:10 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('describeError', () => {
  it('has a sentence for every kind', () => {
    expect(describeError(new ApiError('unsupported', ['HighLevel cannot do that.']))).toBe(
      'HighLevel cannot do that.',
    );
    expect(
      describeError(new ApiError('http', ['The token cannot see this location.'], { status: 403 })),
    ).toBe('This token is not allowed to do that (403): The token cannot see this location.');
    expect(describeError(new ApiError('http', ['Conversation not found'], { status: 404 }))).toBe(
      'The server could not find it (404): Conversation not found',
    );
    expect(describeError(new ApiError('http', ['slow down'], { status: 429 }))).toBe(
      'Too many requests. Wait a moment and try again.',
    );
    expect(describeError(new Error(`boom ${TOKEN}`))).toBe('Something unexpected went wrong.');
  });
});

import fc from 'fast-check';
import { expect } from 'vitest';
import { TOKEN, request } from './fixtures.ts';

/**
 * Arbitraries for the "bad input never 500s" properties: query strings and bodies a
 * confused or hostile client could send, mixed with just enough valid values that the
 * requests get past the first check and reach the deeper validation and the SQL.
 */

/** Strings that have broken query builders, FTS parsers and number parsing elsewhere. */
export const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE hl_conversations; --",
  '"; DELETE FROM ex_conversations; --',
  "1' UNION SELECT name FROM sqlite_master --",
  '%',
  '_',
  '\\',
  '*',
  '"',
  '"unterminated',
  'NEAR(a b)',
  'a OR b AND NOT c',
  '^start',
  'col:value',
  '(((',
  '<script>alert(1)</script>',
  '\u0000',
  '\u202e',
  '🙂',
  'مرحبا',
  '１２３',
  '-0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x10',
  '9'.repeat(400),
  '1.5',
  '[]',
  '{}',
  ',,,',
  ' ',
  '',
] as const;

const numberish = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.double().map(String),
  fc.nat({ max: 200 }).map(String),
);

/** A query value: random text, hostile strings, huge numbers, lists, or a valid value. */
export function queryValue(valid: readonly string[]): fc.Arbitrary<string> {
  const scalar = fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 4 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
    { arbitrary: numberish, weight: 2 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
    { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weight: 1 },
  );
  return fc.oneof(
    { arbitrary: scalar, weight: 5 },
    { arbitrary: fc.array(scalar, { maxLength: 4 }).map((items) => items.join(',')), weight: 1 },
  );
}

/** A query key: known ones (also as `key[]` / `key[0]`), or random ones. */
/** Keys that trip code treating parsed input as a plain object. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

export function queryKey(known: readonly string[]): fc.Arbitrary<string> {
  const random = [
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }).map((k) => `${k}[]`), weight: 1 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 1 },
  ];
  if (known.length === 0) return fc.oneof(...random);
  const knownKey = fc.constantFrom(...known);
  return fc.oneof(
    { arbitrary: knownKey, weight: 6 },
    { arbitrary: knownKey.map((k) => `${k}[]`), weight: 1 },
    { arbitrary: knownKey.map((k) => `${k}[0]`), weight: 1 },
    ...random,
  );
}

/** Query fragments no encoder produces: bad percent-escapes, bare separators, brackets. */
const RAW_QUERY_PARTS = [
  '%',
  '%=%',
  'limit=%E0%A4%A',
  '%FF=1',
  '=',
  '&',
  'a[=1',
  'a]=',
  '%00=%00',
  '+=+',
];

/**
 * A query string: usually the `required` pairs (e.g. a valid locationId) first, so the
 * request reaches the filters, then random pairs that may repeat or contradict them.
 */
export function queryString(
  known: readonly string[],
  valid: readonly string[],
  required: Record<string, string> = {},
): fc.Arbitrary<string> {
  return fc
    .record({
      withRequired: fc.boolean(),
      pairs: fc.array(fc.tuple(queryKey(known), queryValue(valid)), {
        maxLength: 6,
      }),
      raw: fc.array(fc.constantFrom(...RAW_QUERY_PARTS), { maxLength: 2 }),
    })
    .map(({ withRequired, pairs, raw }) => {
      const params = new URLSearchParams(withRequired ? required : {});
      for (const [key, value] of pairs) params.append(key, value);
      return [params.toString(), ...raw].filter((part) => part !== '').join('&');
    });
}

/** A path segment: a real id most of the time, otherwise anything, percent-encoded. */
export function pathId(valid: readonly string[]): fc.Arbitrary<string> {
  const encoded = fc
    .oneof(
      { arbitrary: fc.constantFrom(...valid), weight: 3 },
      {
        arbitrary: fc.oneof(
          fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.trim() !== '')),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        ),
        weight: 2,
      },
    )
    .map((id) => encodeURIComponent(id));
  // Sent as is: malformed escapes, encoded slashes and dot segments.
  const raw = fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%FF',
    '%C0%AF',
    '%2F',
    '%2e%2e',
    '..',
    '.',
    '%00',
    '%20',
  );
  return fc.oneof({ arbitrary: encoded, weight: 9 }, { arbitrary: raw, weight: 1 });
}

/**
 * A request body: any JSON, an object of the endpoint's own fields with random values,
 * or text that is not JSON at all.
 */
export function requestBody(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const loose = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...HOSTILE_STRINGS));
  const own = fc.record(
    Object.fromEntries(Object.entries(fields).map(([key, valid]) => [key, fc.oneof(valid, loose)])),
    { requiredKeys: [] },
  );
  const extraKey = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTOTYPE_KEYS));
  return fc.oneof(
    { arbitrary: own.map((value) => JSON.stringify(value)), weight: 4 },
    {
      arbitrary: fc
        .tuple(own, fc.array(fc.tuple(extraKey, loose), { maxLength: 2 }))
        .map(([fields, extra]) => {
          // Spliced in as text: JSON.stringify would drop a `__proto__` key.
          const head = extra.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
          const body = JSON.stringify(fields).slice(1, -1);
          return `{${[...head, body].filter((part) => part !== '').join(',')}}`;
        }),
      weight: 1,
    },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)), weight: 1 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  );
}

/** Mostly the right credentials, sometimes none, a wrong token, or (HighLevel) no Version. */
export function authHeaders(withVersion: boolean): fc.Arbitrary<Record<string, string>> {
  const good = `Bearer ${TOKEN}`;
  const authorization = fc.oneof(
    { arbitrary: fc.constant(good), weight: 8 },
    { arbitrary: fc.constantFrom('', 'Bearer', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), weight: 1 },
  );
  const version = fc.oneof(
    { arbitrary: fc.constantFrom('2021-04-15', '2021-07-28', 'v3'), weight: 8 },
    { arbitrary: fc.constantFrom('', 'v2', '2021/04/15', 'latest'), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), weight: 1 },
  );
  return fc.record({ authorization, version }).map(({ authorization: a, version: v }) => {
    const headers: Record<string, string> = {};
    // Header values cannot carry control characters; such a request never leaves fetch.
    if (/^[\x20-\x7e]*$/.test(a) && a !== '') headers.Authorization = a;
    if (withVersion && /^[\x20-\x7e]*$/.test(v) && v !== '') headers.Version = v;
    return headers;
  });
}

/**
 * Runs per property: 300 keeps `npm test` fast; PARLEY_PROPERTY_RUNS raises it for the
 * longer fault suite.
 */
export const PROPERTY_RUNS = Number(process.env.PARLEY_PROPERTY_RUNS ?? 300) || 300;

export type Provider = 'highlevel' | 'exante';

/** The statuses user input may legitimately cause; 5xx never. */
export const INPUT_STATUSES: ReadonlySet<number> = new Set([200, 400, 401, 403, 404, 422]);

/**
 * Sends one request and checks the promise every endpoint makes about bad input: a
 * deliberate status, JSON either way, and the provider's error shape when not 200.
 */
export async function expectDeliberateAnswer(
  provider: Provider,
  url: string,
  init: RequestInit,
): Promise<void> {
  const { status, body } = await request(url, init);
  const what = `${init.method ?? 'GET'} ${url} -> ${status} ${JSON.stringify(body).slice(0, 300)}`;
  expect(INPUT_STATUSES.has(status), what).toBe(true);
  expect(typeof body === 'object' && body !== null, `${what}: the body is not JSON`).toBe(true);
  if (status === 200) return;
  if (provider === 'highlevel') {
    expect(body, what).toMatchObject({ statusCode: status, error: expect.any(String) });
    const { message } = body as { message: unknown };
    const messageOk =
      typeof message === 'string' ||
      (Array.isArray(message) && message.every((m) => typeof m === 'string'));
    expect(messageOk, what).toBe(true);
  } else {
    expect(body, what).toMatchObject({
      status: 'error',
      status_code: status,
      message: expect.any(String),
      data: null,
    });
    const { errors } = body as { errors?: unknown };
    if (errors !== undefined) {
      const errorsOk =
        typeof errors === 'object' &&
        errors !== null &&
        Object.values(errors).every(
          (list) => Array.isArray(list) && list.every((m) => typeof m === 'string'),
        );
      expect(errorsOk, what).toBe(true);
    }
  }
}

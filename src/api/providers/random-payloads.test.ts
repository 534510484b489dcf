/**
 * Bad input from the wire and from the URL, at random (issue 7): whatever a server sends
 * and whatever filters the agent combines, an adapter either returns a well-formed page
 * or fails with a typed ApiError. Never a TypeError, never a half-read page. The readers
 * are tolerant (issue 13), so most broken items now land in `Page.unreadable` rather than
 * failing the page: only an envelope they cannot read at all is `malformed`.
 */
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../client.ts';
import {
  channels,
  lifecycles,
  type Connection,
  type InboxFilters,
  type Page,
  type Provider,
} from '../model.ts';
import { filters, recordingServer } from '../test-support.ts';
import exanteList from './fixtures/exante-list-page1.json';
import highLevelSearchReal from './fixtures/highlevel-search-real.json';
import highLevelSearchSpec from './fixtures/highlevel-search-spec.json';
import { createExanteProvider } from './exante.ts';
import { createHighLevelProvider } from './highlevel.ts';

const TOKEN = 'ex_live_parley_random_payloads_000';
/** PARLEY_PROPERTY_RUNS raises it, as for the server's random-input properties. */
const runs = Number(process.env.PARLEY_PROPERTY_RUNS ?? 200) || 200;
/** A few milliseconds a run, with room for a slow machine. */
const timeout = 5_000 + runs * 10;

const connection = (provider: Connection['provider'], baseUrl: string): Connection => ({
  provider,
  baseUrl,
  tenantId:
    provider === 'highlevel' ? 'ParleyDemoLocation01' : '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f',
  token: TOKEN,
  meId: null,
});

const cases: { name: string; provider: Provider; listUrl: string; sample: unknown }[] = [
  {
    name: 'HighLevel (real wire)',
    provider: createHighLevelProvider(connection('highlevel', '/providers/highlevel')),
    listUrl: '/providers/highlevel/conversations/search',
    sample: highLevelSearchReal,
  },
  {
    name: 'HighLevel (spec)',
    provider: createHighLevelProvider(connection('highlevel', '/providers/highlevel')),
    listUrl: '/providers/highlevel/conversations/search',
    sample: highLevelSearchSpec,
  },
  {
    name: 'Exante',
    provider: createExanteProvider(connection('exante', '/providers/exante/api')),
    listUrl: '/providers/exante/api/conversations',
    sample: exanteList,
  },
];

const { server } = recordingServer(TOKEN);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value, the root included. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (value !== null && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  }
  return here;
}

/** The sample with one value replaced by something else, or removed. */
function mutated(sample: unknown) {
  const paths = pathsOf(sample as Json);
  return fc
    .tuple(fc.nat({ max: paths.length - 1 }), fc.option(fc.jsonValue(), { nil: undefined }))
    .map(([index, replacement]) => {
      const copy = structuredClone(sample) as Json;
      const path = paths[index] ?? [];
      if (path.length === 0) return replacement ?? null;
      let parent = copy as Record<string | number, Json>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
      const last = path.at(-1) as string | number;
      if (replacement === undefined) {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else Reflect.deleteProperty(parent, last);
      } else parent[last] = replacement as Json;
      return copy;
    });
}

const ISO = /^-?\+?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const nullOr = <T>(value: T | null, check: (v: T) => boolean) => value === null || check(value);
const isText = (value: unknown) => typeof value === 'string';

function expectWellFormed(page: Page) {
  expect(Array.isArray(page.items)).toBe(true);
  const ids = page.items.map((item) => item.id);
  // Rows are keyed by id: one page never shows a conversation twice.
  expect(new Set(ids).size).toBe(ids.length);
  for (const item of page.items) {
    expect(typeof item.id).toBe('string');
    expect(item.id.trim()).not.toBe('');
    expect(item.contactName.trim()).not.toBe('');
    expect(typeof item.snippet).toBe('string');
    expect(channels).toContain(item.channel);
    expect(typeof item.rawChannel).toBe('string');
    expect(item.channelLabel.trim()).not.toBe('');
    expect(typeof item.isUnread).toBe('boolean');
    expect(nullOr(item.unreadCount, Number.isInteger)).toBe(true);
    expect(nullOr(item.starred, (v) => typeof v === 'boolean')).toBe(true);
    expect(item.labels.every(isText)).toBe(true);
    expect(item.participants.every(isText)).toBe(true);
    expect(item.lastActivityAt).toMatch(ISO);
    expect(nullOr(item.createdAt, (v) => ISO.test(v))).toBe(true);
    expect(nullOr(item.updatedAt, (v) => ISO.test(v))).toBe(true);
  }
  for (const unreadable of page.unreadable) {
    expect(nullOr(unreadable.id, isText)).toBe(true);
    expect(unreadable.reason).not.toBe('');
  }
  expect(page.gaps.every(isText)).toBe(true);
  expect(page.nextCursor === null || typeof page.nextCursor === 'string').toBe(true);
  expect(Number.isInteger(page.total)).toBe(true);
  expect(page.total).toBeGreaterThanOrEqual(0);
}

/** Resolves to the page, or to the ApiError; any other throw fails the property. */
async function outcome(promise: Promise<Page>): Promise<Page | ApiError> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

describe.each(cases)('$name adapter under random input', ({ provider, listUrl, sample }) => {
  it(
    'reads any list body into a well-formed page or a malformed error',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutated(sample), fc.jsonValue()), async (body) => {
          server.use(http.get(listUrl, () => HttpResponse.json(body)));
          const result = await outcome(provider.list({ filters: filters(), cursor: null }));
          if (result instanceof ApiError) {
            expect(result.kind).toBe('malformed');
            expect(result.messages.join(' ')).not.toBe('');
          } else expectWellFormed(result);
        }),
        { numRuns: runs },
      );
    },
    timeout,
  );

  it(
    'turns any filter combination into a request, or names what the API cannot do',
    async () => {
      server.use(http.get(listUrl, () => HttpResponse.json(sample as Record<string, unknown>)));
      const text = fc.string({ maxLength: 30 });
      const anyFilters: fc.Arbitrary<InboxFilters> = fc.record({
        assignee: fc.array(fc.oneof(fc.constantFrom('me', 'unassigned'), text), { maxLength: 3 }),
        read: fc.constantFrom('all', 'read', 'unread'),
        starred: fc.boolean(),
        lifecycle: fc.uniqueArray(fc.constantFrom(...lifecycles), { maxLength: 3 }),
        channel: fc.option(fc.constantFrom(...channels), { nil: null }),
        categories: fc.array(text, { maxLength: 3 }),
        contact: fc.option(text, { nil: null }),
        followers: fc.array(text, { maxLength: 2 }),
        mentions: fc.array(text, { maxLength: 2 }),
        messageType: fc.option(text, { nil: null }),
        direction: fc.constantFrom(null, 'inbound', 'outbound'),
        action: fc.constantFrom(null, 'automated', 'manual'),
        from: fc.option(fc.constantFrom('2026-01-01', '2026-11-21'), { nil: null }),
        to: fc.option(fc.constantFrom('2026-02-01', '2026-12-31'), { nil: null }),
        q: text,
        sort: fc.record({
          field: fc.constantFrom(...provider.capabilities.sortFields, 'subject' as const),
          direction: fc.constantFrom('asc', 'desc'),
        }),
      });
      await fc.assert(
        fc.asyncProperty(anyFilters, async (chosen) => {
          const result = await outcome(provider.list({ filters: chosen, cursor: null }));
          if (result instanceof ApiError) {
            expect(result.kind).toBe('unsupported');
            expect(result.messages.join(' ')).not.toBe('');
          } else expectWellFormed(result);
        }),
        { numRuns: runs },
      );
    },
    timeout,
  );
});

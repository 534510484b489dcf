import { ApiError } from '../client.ts';
import type { Conversation, Page, UnreadableItem } from '../model.ts';
import type { ItemResult, ReadItem } from './highlevel-read.ts';

/**
 * Paging HighLevel's search exactly once over a cursor that cannot break ties
 * (decision 0012).
 *
 * The search orders by one timestamp and continues "strictly after" the value it is given,
 * so conversations sharing the boundary's millisecond would be skipped by a client that
 * passed the last item's value on. Instead, each page after the first asks again from the
 * boundary *inclusive* and drops what it has already shown there (overlap and
 * de-duplicate), asking for more at once when the tie is wide (widen the page). A tie wider
 * than the largest page the API serves is split by creation date (`startDate`/`endDate`)
 * until each part fits; only a tie whose creation dates are identical too, and wider than a
 * page, cannot be listed in full: the page then says so (`gaps`), it is never silent.
 *
 * The cursor is opaque outside this module: base64url JSON behind a version prefix.
 */

/** One request to the search, as paging needs it. */
export interface SearchRequest {
  /** The `startAfterDate` value(s), or null for the first page. */
  after: Array<number | string> | null;
  limit: number;
  /** Creation-date bounds (epoch ms, inclusive), within the view's own. */
  created: { from: number | null; to: number | null };
}

export interface SearchAnswer {
  results: ItemResult[];
  total: number;
}

export interface PagingOptions {
  /** Rows per page Parley wants. */
  pageSize: number;
  /** The largest `limit` the API is assumed to serve. */
  maxLimit: number;
  direction: 'asc' | 'desc';
  /** The view's own creation-date filter, epoch ms inclusive. */
  created: { from: number | null; to: number | null };
  search: (request: SearchRequest) => Promise<SearchAnswer>;
}

type Range = [number, number];

type Cursor =
  /** Ask from `v` inclusive and skip the ids already shown at `v`. */
  | { k: 'at'; v: number; seen: string[] }
  /** The tie at `v` is wider than a page: list it by creation-date ranges, in order. */
  | { k: 'split'; v: number; seen: string[]; ranges: Range[] }
  /** Everything at `v` is shown: ask strictly after it. */
  | { k: 'past'; v: number }
  /** The API sent a sort value that breaks ties itself: pass it back as it is. */
  | { k: 'exact'; after: Array<number | string> };

const PREFIX = 'hl2.';
const LATEST_MS = 8.64e15;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIds = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((id) => typeof id === 'string');

/** The cursor this module wrote, or null for anything else (it came from outside). */
function asCursor(value: unknown): Cursor | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  if (c['k'] === 'past' && isNumber(c['v'])) return { k: 'past', v: c['v'] };
  if (c['k'] === 'at' && isNumber(c['v']) && isIds(c['seen'])) {
    return { k: 'at', v: c['v'], seen: c['seen'] };
  }
  if (c['k'] === 'split' && isNumber(c['v']) && isIds(c['seen']) && Array.isArray(c['ranges'])) {
    const ranges = c['ranges'] as unknown[];
    const valid = ranges.every(
      (r) => Array.isArray(r) && r.length === 2 && isNumber(r[0]) && isNumber(r[1]),
    );
    return valid ? { k: 'split', v: c['v'], seen: c['seen'], ranges: ranges as Range[] } : null;
  }
  const after = c['after'];
  if (
    c['k'] === 'exact' &&
    Array.isArray(after) &&
    after.length > 0 &&
    after.every((v) => isNumber(v) || typeof v === 'string')
  ) {
    return { k: 'exact', after: after as Array<number | string> };
  }
  return null;
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(cursor: Cursor): string {
  return PREFIX + toBase64Url(JSON.stringify(cursor));
}

export function decodeCursor(cursor: string): Cursor {
  if (cursor.startsWith(PREFIX)) {
    try {
      const parsed = asCursor(JSON.parse(fromBase64Url(cursor.slice(PREFIX.length))));
      if (parsed !== null) return parsed;
    } catch {
      // not base64 or not JSON: not ours
    }
  }
  throw new ApiError('unsupported', [
    'This page cursor does not belong to a HighLevel list. Reload the list.',
  ]);
}

/** What one step adds to the page being built. */
interface Collected {
  items: Conversation[];
  unreadable: UnreadableItem[];
  gaps: string[];
  total: number;
}

function describeTie(v: number): string {
  return new Date(v).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

export async function pageSearch(options: PagingOptions, cursor: string | null): Promise<Page> {
  const { direction, pageSize, maxLimit } = options;
  const view = options.created;
  /** The bound that re-reads `v` too: one millisecond beyond it. */
  const through = (v: number) => (direction === 'desc' ? v + 1 : v - 1);
  const pastV = (x: number, v: number) => (direction === 'desc' ? x < v : x > v);

  const out: Collected = { items: [], unreadable: [], gaps: [], total: 0 };
  /**
   * Sends one request; shows what is new (not in `skip`, and only the tie at `only` when
   * given); returns every readable item, for the cursor.
   */
  const ask = async (request: SearchRequest, skip: ReadonlySet<string>, only?: number) => {
    const answer = await options.search(request);
    out.total = answer.total;
    const read: ReadItem[] = [];
    for (const result of answer.results) {
      if (!result.ok) {
        out.unreadable.push(result.unreadable);
        continue;
      }
      read.push(result.item);
      const { conversation, sortValue } = result.item;
      if (skip.has(conversation.id) || (only !== undefined && sortValue !== only)) continue;
      if (out.items.some((item) => item.id === conversation.id)) continue;
      out.items.push(conversation);
    }
    // A short page is the last: counted on what came, readable or not.
    return { read, full: answer.results.length >= request.limit };
  };

  /** After a page: where the next starts, from its last item; null at the end. */
  const nextAfter = (
    read: ReadItem[],
    full: boolean,
    seenAt: { v: number; ids: string[] } | null,
  ) => {
    const last = read[read.length - 1];
    if (!full || last === undefined) return null;
    if (last.exactSort !== null) return encodeCursor({ k: 'exact', after: last.exactSort });
    const v = last.sortValue;
    if (v === null) {
      throw new ApiError('malformed', [
        'conversations: the last item has neither sort nor lastMessageDate, so the next page cannot be requested',
      ]);
    }
    const here = read.filter((r) => r.sortValue === v).map((r) => r.conversation.id);
    const seen = seenAt !== null && seenAt.v === v ? [...new Set([...seenAt.ids, ...here])] : here;
    return encodeCursor({ k: 'at', v, seen });
  };

  let state: Cursor | null = cursor === null ? null : decodeCursor(cursor);
  // Each pass sends one request and either shows something new or narrows what is left
  // to ask, so the loop ends; it goes on only while the page would otherwise be empty.
  for (;;) {
    if (state === null || state.k === 'past' || state.k === 'exact') {
      const after = state === null ? null : state.k === 'past' ? [state.v] : state.after;
      const { read, full } = await ask({ after, limit: pageSize, created: view }, new Set());
      return finish(out, nextAfter(read, full, null));
    }

    if (state.k === 'at') {
      const { v } = state;
      const seen = new Set(state.seen);
      if (seen.size < maxLimit) {
        const limit = Math.min(maxLimit, seen.size + pageSize);
        const { read, full } = await ask({ after: [through(v)], limit, created: view }, seen);
        const tieEnds = !full || read.some((r) => r.sortValue !== null && pastV(r.sortValue, v));
        if (tieEnds || out.items.length > 0) {
          return finish(out, nextAfter(read, full, { v, ids: state.seen }));
        }
        // A full page of the tie and nothing new in it: no wider page is served.
      }
      state = {
        k: 'split',
        v,
        seen: state.seen,
        ranges: [[view.from ?? 0, Math.min(view.to ?? LATEST_MS, LATEST_MS)]],
      };
    }

    // The tie at v is wider than a page: list it one creation-date range at a time.
    const { v } = state;
    const seen = new Set(state.seen);
    const ranges = [...state.ranges];
    while (ranges.length > 0 && out.items.length === 0) {
      const [from, to] = ranges.shift() as Range;
      const request = { after: [through(v)], limit: maxLimit, created: { from, to } };
      const { read, full } = await ask(request, seen, v);
      const tie = read.filter((r) => r.sortValue === v);
      for (const r of tie) seen.add(r.conversation.id);
      // The tie comes first: anything past it means the range held all of its part.
      if (!full || tie.length < read.length) continue;
      const halves = split(from, to, tie);
      if (halves === null) {
        out.gaps.push(
          `Some conversations last active at ${describeTie(v)} could not be listed: more of them were created in the same millisecond than HighLevel's search can page through. Filter the view (by assignee, read state or date) to see them.`,
        );
      } else {
        ranges.unshift(...halves);
      }
    }
    if (out.items.length > 0 || ranges.length > 0) {
      const next: Cursor =
        ranges.length > 0 ? { k: 'split', v, seen: [...seen], ranges } : { k: 'past', v };
      return finish(out, encodeCursor(next));
    }
    state = { k: 'past', v };
  }
}

/**
 * Halves a creation-date range around the median of what it returned, so both halves hold
 * some of it; null when the range is one millisecond and cannot be split.
 */
function split(from: number, to: number, tie: ReadItem[]): Range[] | null {
  if (from >= to) return null;
  const dates = tie
    .map((r) => r.dateAddedMs)
    .filter((d): d is number => d !== null && d >= from && d <= to)
    .sort((a, b) => a - b);
  let mid = dates[Math.floor((dates.length - 1) / 2)] ?? Math.floor(from / 2 + to / 2);
  if (mid >= to) mid = to - 1;
  return [
    [from, mid],
    [mid + 1, to],
  ];
}

function finish(out: Collected, nextCursor: string | null): Page {
  return {
    items: out.items,
    nextCursor,
    total: out.total,
    unreadable: out.unreadable,
    gaps: out.gaps,
  };
}

import type { Page, Request } from '@playwright/test';

export type Provider = 'highlevel' | 'exante';
export type RequestKind = 'list' | 'count' | 'row' | 'other';

const LIST_PATHS: Record<Provider, string> = {
  highlevel: '/conversations/search',
  exante: '/api/conversations',
};

/**
 * What a request to the embedded API is for: a list page, a one-item count (views and
 * unread badges ask for `limit=1` and read `total`), one conversation's data (a per-row
 * request: a list must never need one), or anything else. Null for non-API requests.
 */
export function kindOf(url: string, provider: Provider): RequestKind | null {
  const parsed = new URL(url);
  if (!parsed.pathname.startsWith('/providers/')) return null;
  if (parsed.pathname.endsWith(LIST_PATHS[provider])) {
    const size = parsed.searchParams.get('limit') ?? parsed.searchParams.get('per_page');
    return size === '1' ? 'count' : 'list';
  }
  return /\/conversations\/[^/]+/.test(parsed.pathname) ? 'row' : 'other';
}

/** One API request, as sent: what a scenario needs to tell a write from a read. */
export interface RequestRecord {
  method: string;
  kind: RequestKind;
  url: string;
}

export interface RequestLog {
  byKind: Record<RequestKind, string[]>;
  /** Every API request in the order sent, with its method (byKind counts writes too). */
  sent: RequestRecord[];
  /** API requests sent and not yet finished or failed. */
  inFlight: () => number;
  total: () => number;
}

/** Records the API requests a page sends, from now on. */
export function recordRequests(page: Page, provider: Provider): RequestLog {
  const byKind: Record<RequestKind, string[]> = { list: [], count: [], row: [], other: [] };
  const sent: RequestRecord[] = [];
  const pending = new Set<Request>();
  page.on('request', (request) => {
    const kind = kindOf(request.url(), provider);
    if (kind === null) return;
    byKind[kind].push(request.url());
    sent.push({ method: request.method(), kind, url: request.url() });
    pending.add(request);
  });
  const done = (request: Request) => pending.delete(request);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    byKind,
    sent,
    inFlight: () => pending.size,
    total: () => Object.values(byKind).reduce((sum, urls) => sum + urls.length, 0),
  };
}

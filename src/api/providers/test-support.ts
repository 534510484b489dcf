/** Shared by the adapter tests: an MSW server that records every request it sees. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { defaultFilters, type InboxFilters } from '../model.ts';

/**
 * Starts MSW for the file's tests. `sent` holds the requests of the current test; after
 * all tests, no URL the adapter sent may contain the token.
 */
export function recordingServer(token: string) {
  const server = setupServer();
  const sent: Request[] = [];
  const allUrls: string[] = [];
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    server.events.on('request:start', ({ request }) => {
      sent.push(request.clone());
      allUrls.push(request.url);
    });
  });
  beforeEach(() => {
    sent.length = 0;
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => {
    server.close();
    expect(allUrls.length).toBeGreaterThan(0);
    for (const url of allUrls) expect(url).not.toContain(token);
  });
  return { server, sent };
}

export const clone = <T>(value: T): T => structuredClone(value);
export const filters = (patch: Partial<InboxFilters> = {}): InboxFilters => ({
  ...defaultFilters,
  ...patch,
});
export const searchOf = (request: Request | undefined) =>
  request ? new URL(request.url).search : undefined;

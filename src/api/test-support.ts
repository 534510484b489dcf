/** Shared by the API layer's tests: MSW recording and failure helpers. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { ApiError } from './client.ts';
import { defaultFilters, type Conversation, type InboxFilters } from './model.ts';

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
/** A copy of a wire object without `keys`: what a real answer that leaves them out sends. */
export const omit = (value: object, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
export const filters = (patch: Partial<InboxFilters> = {}): InboxFilters => ({
  ...defaultFilters,
  ...patch,
});
export const searchOf = (request: Request | undefined) =>
  request ? new URL(request.url).search : undefined;

/**
 * A helper that runs a call which must fail, and returns its ApiError after checking
 * that the token appears nowhere in it.
 */
export function failureWithout(token: string) {
  return async function failure(promise: Promise<unknown>): Promise<ApiError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      const apiError = error as ApiError;
      expect(JSON.stringify(apiError)).not.toContain(token);
      expect(apiError.message).not.toContain(token);
      return apiError;
    }
    throw new Error('expected a failure');
  };
}

/** A plain read, unstarred conversation; override what the test is about. */
export const aConversation = (patch: Partial<Conversation> = {}): Conversation => ({
  id: 'c1',
  contactName: 'Zoë Tanaka',
  contactId: null,
  contactEmail: null,
  contactPhone: null,
  subject: null,
  snippet: 'hi',
  channel: 'sms',
  rawChannel: 'TYPE_SMS',
  channelLabel: 'SMS',
  lifecycle: null,
  assigneeId: null,
  labels: [],
  unreadCount: 0,
  isUnread: false,
  starred: false,
  lastActivityAt: '2026-11-01T12:00:00.000Z',
  createdAt: null,
  updatedAt: null,
  messageCount: null,
  hasAttachments: false,
  attachmentCount: 0,
  participants: [],
  replyVia: { type: 'SMS', format: 'sms', label: 'SMS', limit: { maxSegments: 10 } },
  lastMessageDirection: null,
  ...patch,
});

import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { describeRetry, readRetryDelay, retryRead } from './read-retries.ts';

const http = (status: number, retryAfterMs?: number) =>
  new ApiError('http', ['x'], { status, retryAfterMs });
/** How many retries a read gets for this error before it is shown. */
const retriesFor = (error: unknown) => {
  let n = 0;
  while (retryRead(n, error)) n += 1;
  return n;
};

describe('retryRead', () => {
  it('retries network drops and 5xx twice, and waits out a named Retry-After four times', () => {
    expect(retriesFor(new ApiError('network', ['down']))).toBe(2);
    expect(retriesFor(http(500))).toBe(2);
    expect(retriesFor(http(503))).toBe(2);
    expect(retriesFor(http(503, 2000))).toBe(4);
    expect(retriesFor(http(429, 1000))).toBe(4);
    expect(retriesFor(http(429))).toBe(2);
  });

  it('never retries what another try cannot fix', () => {
    for (const error of [
      http(400),
      http(401),
      http(404),
      http(422),
      new ApiError('timeout', ['no complete answer within 15 seconds']),
      new ApiError('malformed', ['the body is not JSON']),
      new ApiError('aborted', ['The request was cancelled.']),
      new TypeError('a bug'),
    ]) {
      expect(retriesFor(error)).toBe(0);
    }
  });
});

describe('readRetryDelay', () => {
  it('waits what the server asked, capped at a minute', () => {
    expect(readRetryDelay(0, http(429, 2000))).toBe(2000);
    expect(readRetryDelay(3, http(503, 3_600_000))).toBe(60_000);
  });

  it('backs off exponentially with jitter otherwise', () => {
    for (const [failures, low, high] of [
      [0, 500, 1000],
      [1, 1000, 2000],
      [5, 4000, 8000],
    ] as const) {
      const delay = readRetryDelay(failures, http(500));
      expect(delay).toBeGreaterThanOrEqual(low);
      expect(delay).toBeLessThanOrEqual(high);
    }
  });
});

describe('describeRetry', () => {
  it('says why the list is taking longer', () => {
    expect(describeRetry(http(429, 2000))).toBe(
      'The server is rate limiting requests (429). Waiting 2 seconds as it asked, then trying again…',
    );
    expect(describeRetry(http(503, 1000))).toBe(
      'The server is busy (503). Waiting 1 second as it asked, then trying again…',
    );
    expect(describeRetry(http(502))).toBe('The server failed to answer (502). Trying again…');
    expect(describeRetry(new ApiError('network', ['down']))).toBe(
      'Could not reach the server. Trying again…',
    );
  });
});

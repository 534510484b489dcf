/**
 * How Parley retries failed reads (decision 0007). Writes are never retried on their own:
 * the agent sees the failure and decides. Network drops and 5xx get a couple of quick
 * retries with backoff; a server that says when to come back (429 or 503 with
 * `Retry-After`) is waited for, a few times, and the UI says so while it waits.
 */
import { ApiError, isRetryable, seconds } from './client.ts';

/** Retries after a network drop or a 5xx without Retry-After. */
const maxRetries = 2;
/** Retries when the server named a time to come back: it asked, so waiting is the plan. */
const maxWaits = 4;
/** A longer Retry-After is still honoured, in steps, but never sleeps unseen for minutes. */
const maxWaitMs = 60_000;

function toldWhen(error: unknown): error is ApiError & { retryAfterMs: number } {
  return error instanceof ApiError && error.retryAfterMs !== undefined;
}

/** For a query's `retry`: `failureCount` is the failures so far, minus one. */
export function retryRead(failureCount: number, error: unknown): boolean {
  if (!isRetryable(error)) return false;
  return failureCount < (toldWhen(error) ? maxWaits : maxRetries);
}

/** For a query's `retryDelay`: what the server asked for, else 1 s, 2 s, 4 s… with jitter. */
export function readRetryDelay(failureCount: number, error: unknown): number {
  if (toldWhen(error)) return Math.min(error.retryAfterMs, maxWaitMs);
  const backoff = Math.min(1000 * 2 ** failureCount, 8000);
  // Jitter keeps many tabs that failed together from retrying in lockstep.
  return backoff / 2 + Math.random() * (backoff / 2);
}

/** What the agent reads while a read is being retried. */
export function describeRetry(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Trying again…';
  if (toldWhen(error)) {
    const why = error.status === 429 ? 'is rate limiting requests' : 'is busy';
    return `The server ${why} (${error.status ?? ''}). Waiting ${seconds(
      Math.min(error.retryAfterMs, maxWaitMs),
    )} as it asked, then trying again…`;
  }
  if (error.kind === 'network') return 'Could not reach the server. Trying again…';
  return `The server failed to answer (${error.status ?? ''}). Trying again…`;
}

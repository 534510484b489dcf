import { ApiError } from '../api/client.ts';
import { createExternalStore } from '../ui/external-store.ts';

/**
 * Set when any request answers 401: the token stopped being good mid-session. The shell
 * then asks for a new one instead of letting every region fail on its own. Reads are not
 * retried on a 401 (see read-retries.ts), so nothing hammers the server meanwhile.
 */
export const sessionExpired = createExternalStore(false);

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && error.status === 401;
}

/** For the query and mutation caches' `onError`. */
export function noteUnauthorized(error: unknown): void {
  if (isUnauthorized(error)) sessionExpired.set(true);
}

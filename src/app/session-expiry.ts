import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Api } from '../api/queries.ts';
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

/**
 * Once a new token has reached the provider (a new `api`), fetches again whatever failed
 * with the 401, so work resumes in place. Call it in the component that provides `api`:
 * a parent's effects run after its children's, and queries take their new `queryFn`
 * from their observers' effects, so only then does a refetch carry the new token.
 */
export function useResumeAfterReconnect(api: Api | null): () => void {
  const queryClient = useQueryClient();
  // Counts reconnects, so the same token entered again (it was revoked for a moment) also resumes.
  const [reconnects, setReconnects] = useState(0);
  const resumed = useRef(0);
  useEffect(() => {
    if (resumed.current === reconnects) return;
    resumed.current = reconnects;
    void queryClient.invalidateQueries({ predicate: (query) => isUnauthorized(query.state.error) });
  }, [api, reconnects, queryClient]);
  return () => setReconnects((n) => n + 1);
}

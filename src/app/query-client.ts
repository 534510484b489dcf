import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { readRetryDelay, retryRead } from '../api/read-retries.ts';
import { noteUnauthorized } from './session-expiry.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: noteUnauthorized }),
    mutationCache: new MutationCache({ onError: noteUnauthorized }),
    defaultOptions: {
      queries: { retry: retryRead, retryDelay: readRetryDelay },
      mutations: { retry: false },
    },
  });
}

import { createContext, use, type ReactNode } from 'react';
import type { Api } from './queries.ts';

/** Dependency injection of the connected provider; data itself lives in the Query cache. */
const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): Api {
  const api = use(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}

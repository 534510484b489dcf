import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { RegionBoundary } from '../ui/region-boundary.tsx';
import { createQueryClient } from './query-client.ts';
import { AppRoutes } from './router.tsx';

/** `queryClient`: main.tsx passes the one it has already started the first list in. */
export function App({ queryClient: given }: { queryClient?: QueryClient }) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      {/* URL changes render at once, as the data router did: filter controls are driven by
          the URL, and a transition would briefly show a just-checked radio as unchecked. */}
      <RegionBoundary name="Parley window">
        <BrowserRouter useTransitions={false}>
          <AppRoutes />
        </BrowserRouter>
      </RegionBoundary>
    </QueryClientProvider>
  );
}

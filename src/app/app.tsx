import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { RegionBoundary } from '../ui/region-boundary.tsx';
import { createQueryClient } from './query-client.ts';
import { AppRoutes } from './router.tsx';

export function App() {
  const [queryClient] = useState(createQueryClient);
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

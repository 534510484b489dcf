import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { Shell } from './shell.tsx';

// Not needed for the first rows: loaded when a conversation or Settings is opened.
const ReadingPane = lazy(async () => ({
  default: (await import('../inbox/detail/reading-pane.tsx')).ReadingPane,
}));
const SettingsPage = lazy(async () => ({
  default: (await import('./settings-page.tsx')).SettingsPage,
}));

/**
 * Declarative routes, not a data router: Parley loads data with TanStack Query, never with
 * loaders or actions, and the data router (createBrowserRouter) alone costs ~16 kB gzip of
 * initial JS. Lazy pages suspend inside their own slot, so the list stays mounted.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route path="/" element={<InboxPage />}>
          <Route
            path="conversations/:conversationId"
            element={
              <Suspense>
                <ReadingPane />
              </Suspense>
            }
          />
        </Route>
        <Route
          path="/settings"
          element={
            <Suspense>
              <SettingsPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

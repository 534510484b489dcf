import { Suspense, use, type ReactNode } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { RegionBoundary } from '../ui/region-boundary.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { Shell } from './shell.tsx';

import { loadPages } from './load-pages.ts';

// Not needed for the first rows: loaded when a conversation or Settings is opened.
function ReadingPane() {
  const { ReadingPane: Page } = use(loadPages());
  return <Page />;
}
function SettingsPage() {
  const { SettingsPage: Page } = use(loadPages());
  return <Page />;
}

/**
 * A page's region: a crash (or its code failing to load) stays inside it, offers a way
 * back to the inbox, and is forgotten on the next navigation.
 */
function Region({ name, children }: { name: string; children: ReactNode }) {
  const { key, search } = useLocation();
  return (
    <RegionBoundary
      name={name}
      resetKey={key}
      onRetry={loadPages.retry}
      back={
        <Link to={{ pathname: '/', search }} className="underline">
          Back to the inbox
        </Link>
      }
    >
      <Suspense>{children}</Suspense>
    </RegionBoundary>
  );
}

/**
 * Declarative routes, not a data router: Parley loads data with TanStack Query, never with
 * loaders or actions, and the data router (createBrowserRouter) alone costs ~16 kB gzip of
 * initial JS. Lazy pages suspend inside their own slot, so the list stays mounted.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route
          path="/"
          element={
            <Region name="inbox">
              <InboxPage />
            </Region>
          }
        >
          <Route
            path="conversations/:conversationId"
            element={
              <Region name="reading pane">
                <ReadingPane />
              </Region>
            }
          />
        </Route>
        <Route
          path="/settings"
          element={
            <Region name="settings page">
              <SettingsPage />
            </Region>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

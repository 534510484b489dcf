import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { ReadingPane } from '../inbox/detail/reading-pane.tsx';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { SettingsPage } from './settings-page.tsx';
import { Shell } from './shell.tsx';

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      {
        path: '/',
        element: <InboxPage />,
        children: [{ path: 'conversations/:conversationId', element: <ReadingPane /> }],
      },
      { path: '/settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);

/** For tests: the same routes, starting at any URL. */
export const createTestRouter = (url: string) => createMemoryRouter(routes, { initialEntries: [url] });

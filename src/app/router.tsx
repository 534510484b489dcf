import { createBrowserRouter, type RouteObject } from 'react-router';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteError } from './route-error.tsx';
import { Shell } from './shell.tsx';

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteError name="Parley window" />,
    children: [
      {
        path: '/',
        element: <InboxPage />,
        errorElement: <RouteError name="inbox" />,
        children: [
          {
            path: 'conversations/:conversationId',
            errorElement: <RouteError name="reading pane" />,
            // Not needed for the first rows: loaded when a conversation is opened.
            lazy: async () => ({
              Component: (await import('../inbox/detail/reading-pane.tsx')).ReadingPane,
            }),
          },
        ],
      },
      {
        path: '/settings',
        errorElement: <RouteError name="settings page" />,
        lazy: async () => ({ Component: (await import('./settings-page.tsx')).SettingsPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);

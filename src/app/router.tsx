import { createBrowserRouter, type RouteObject } from 'react-router';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { Shell } from './shell.tsx';

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      {
        path: '/',
        element: <InboxPage />,
        children: [
          {
            path: 'conversations/:conversationId',
            // Not needed for the first rows: loaded when a conversation is opened.
            lazy: async () => ({
              Component: (await import('../inbox/detail/reading-pane.tsx')).ReadingPane,
            }),
          },
        ],
      },
      {
        path: '/settings',
        lazy: async () => ({ Component: (await import('./settings-page.tsx')).SettingsPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);

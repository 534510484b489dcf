import { chunk } from '../ui/chunk.ts';

/**
 * The chunk of what no first row needs (lazy-pages.ts): the reading pane, Settings, the
 * reconnect form. One loader, shared by the routes and the shell.
 */
export const loadPages = chunk(() => import('./lazy-pages.ts'));

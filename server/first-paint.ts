import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Hono } from 'hono';

/**
 * The first paint (decision 0011): GET / answered with the inbox's first rows already in
 * the page, rendered by the app's own components (src/app/render-first-paint.tsx, built
 * for Node by `npm run build`) from the embedded API, reached in this process.
 */

/** What the server build exports (its source's signature, restated: it is loaded at run time). */
interface FirstPaintModule {
  renderFirstPaint(request: {
    url: string;
    config: unknown;
    transport: (url: string, init: RequestInit) => Promise<Response>;
    budgetMs: number;
  }): Promise<string | null>;
}

/** Markup for #root, or null: the page is then served as built, and the app renders alone. */
export type FirstPaint = (url: URL) => Promise<string | null>;

/**
 * The API's answer is a millisecond or two at any size; past this something is wrong, and
 * the page is better served at once without rows.
 */
const BUDGET_MS = 250;

export interface FirstPaintOptions {
  moduleFile: string;
  /** The embedded APIs, at their mount paths, without faults or static files. */
  api: Hono;
  /** The body of /parley/config: the connection defaults the app starts from. */
  config: unknown;
  /**
   * False while the test-only fault plan is armed: injected faults stand for a broken
   * API, which the page must meet as the browser sees it.
   */
  enabled: () => boolean;
}

export function createFirstPaint({
  moduleFile,
  api,
  config,
  enabled,
}: FirstPaintOptions): FirstPaint {
  // Loaded now, not on the first visit, which would otherwise wait half a second for it.
  const loaded: Promise<FirstPaintModule | null> = fs.existsSync(moduleFile)
    ? (import(pathToFileURL(moduleFile).href) as Promise<FirstPaintModule>).catch(
        (error: unknown) => {
          console.error('the first paint could not be loaded; pages are served without it', error);
          return null;
        },
      )
    : Promise.resolve(null);
  // Relative API paths resolve against a name that is never looked up: it stays in process.
  const transport = (url: string, init: RequestInit) =>
    Promise.resolve(api.fetch(new Request(new URL(url, 'http://first-paint.invalid'), init)));
  return async (url) => {
    if (!enabled()) return null;
    const module = await loaded;
    if (module === null) return null;
    try {
      return await module.renderFirstPaint({
        url: `${url.pathname}${url.search}`,
        config,
        transport,
        budgetMs: BUDGET_MS,
      });
    } catch (error) {
      // A page without early rows still works: say why, and serve it.
      console.error('first paint failed', error);
      return null;
    }
  };
}

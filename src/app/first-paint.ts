/**
 * The server's first paint (decision 0011): in embedded mode the server renders the
 * inbox's first rows into index.html (render-first-paint.tsx), so they show before any
 * script has run. It is a picture, not the app: inert and hidden from assistive
 * technology, and React replaces it with its own first render.
 */

/** The attribute on the first paint's wrapper; `data-scope` names its connection. */
export const firstPaintAttribute = 'data-first-paint';

/**
 * How long the app may keep the first paint on screen while its own first rows are on
 * their way; after this it renders anyway and shows that the list is loading.
 */
export const firstPaintPatienceMs = 1_500;

/**
 * True once `work` has succeeded, false if it fails or `ms` pass first: how long both the
 * server (its budget) and the browser (its patience) wait for the first rows.
 */
export function answeredWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work.then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Whether #root holds a first paint of the connection the app will show. One of another
 * connection (the agent chose another provider in Settings) shows rows the app would not:
 * it is dropped at once.
 */
export function keepsFirstPaint(root: HTMLElement, scope: string): boolean {
  const picture = root.querySelector<HTMLElement>(`[${firstPaintAttribute}]`);
  if (!picture) return false;
  if (picture.dataset.scope === scope) return true;
  picture.remove();
  return false;
}

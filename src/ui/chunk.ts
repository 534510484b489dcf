/** A promise carrying the fields React's `use` reads to return or throw at once. */
type Tracked<T> = Promise<T> & {
  status?: 'fulfilled' | 'rejected';
  value?: T;
  reason?: unknown;
};

export interface ChunkLoader<T> {
  (): Promise<T>;
  /** Forgets a failed load, so the next render asks again (a region's Try again). */
  retry: () => void;
}

/**
 * Loads a code-split chunk for React's `use`, instead of React.lazy. Once the chunk has
 * loaded, a component reading it renders in the same commit as whatever showed it (no
 * suspended tick that moves the rows under the pointer). A failed load stays failed, so
 * the region shows its message instead of asking again on every render (offline, that
 * would never stop), until `retry()`; React.lazy keeps the failure until a page reload.
 */
export function chunk<T>(importer: () => Promise<T>): ChunkLoader<T> {
  let loading: Tracked<T> | null = null;
  const load = (): Promise<T> => {
    if (loading === null) {
      const attempt: Tracked<T> = importer().then(
        (module) => Object.assign(attempt, { status: 'fulfilled' as const, value: module }).value,
        (error: unknown) => {
          Object.assign(attempt, { status: 'rejected' as const, reason: error });
          throw error;
        },
      );
      loading = attempt;
    }
    return loading;
  };
  const retry = () => {
    if (loading?.status === 'rejected') loading = null;
  };
  return Object.assign(load, { retry });
}

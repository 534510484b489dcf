import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { settingsStore, withToken } from '../api/connection.ts';
import type { Connection } from '../api/model.ts';
import type { Api } from '../api/queries.ts';
import { useExternalStore } from '../ui/external-store.ts';
import { isUnauthorized, sessionExpired } from './session-expiry.ts';

/**
 * Once a new token has reached the provider (a new `api`), fetches again whatever failed
 * with the 401, so work resumes in place. Call it in the component that provides `api`:
 * a parent's effects run after its children's, and queries take their new `queryFn`
 * from their observers' effects, so only then does a refetch carry the new token.
 */
export function useResumeAfterReconnect(api: Api | null): () => void {
  const queryClient = useQueryClient();
  // Counts reconnects, so the same token entered again (it was revoked for a moment) also resumes.
  const [reconnects, setReconnects] = useState(0);
  const resumed = useRef(0);
  useEffect(() => {
    if (resumed.current === reconnects) return;
    resumed.current = reconnects;
    void queryClient.invalidateQueries({ predicate: (query) => isUnauthorized(query.state.error) });
  }, [api, reconnects, queryClient]);
  return () => setReconnects((n) => n + 1);
}

/**
 * After a 401 the agent stays where they are: the view, the loaded rows and the open
 * conversation remain, and this asks for a new token.
 */
export function ReconnectBanner({
  connection,
  onReconnected,
}: {
  connection: Connection;
  onReconnected: () => void;
}) {
  const expired = useExternalStore(sessionExpired);
  const [token, setToken] = useState('');

  if (!expired) return null;

  const reconnect = (event: FormEvent) => {
    event.preventDefault();
    settingsStore.set(withToken(connection, settingsStore.get(), token.trim()));
    sessionExpired.set(false);
    setToken('');
    onReconnected();
  };

  return (
    <section
      aria-labelledby="reconnect-title"
      className="border-b border-warning-line bg-warning-soft px-4 py-3 text-on-warning-soft"
    >
      <h2 id="reconnect-title" className="font-semibold" role="alert">
        Your session has expired (401). Reconnect to carry on where you were.
      </h2>
      <form onSubmit={reconnect} className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-2">
          New access token
          <input
            type="password"
            required
            autoComplete="off"
            className="rounded-md border border-line-strong bg-surface px-2 py-1 text-ink"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-accent-strong px-3 py-1 font-medium text-on-accent-strong"
        >
          Reconnect
        </button>
        <Link to="/settings" className="underline">
          Or change the connection in Settings
        </Link>
      </form>
    </section>
  );
}

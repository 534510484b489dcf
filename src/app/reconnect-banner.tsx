import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { settingsStore, withToken } from '../api/connection.ts';
import type { Connection } from '../api/model.ts';
import { sessionExpired } from './session-expiry.ts';

/**
 * After a 401 the agent stays where they are: the view, the loaded rows and the open
 * conversation remain, and this asks for a new token (shown by shell.tsx, loaded then).
 */
export function ReconnectForm({
  connection,
  onReconnected,
}: {
  connection: Connection;
  onReconnected: () => void;
}) {
  const [token, setToken] = useState('');

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

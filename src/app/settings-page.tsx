import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { providerNames, settingsStore, type Settings } from '../api/connection.ts';
import type { ProviderId } from '../api/model.ts';
import { parleyConfigQuery, useSettings } from './connection.ts';
import { showToast } from '../ui/toaster.tsx';

const providerLabels: Record<ProviderId, string> = {
  highlevel: 'HighLevel (Search Conversations)',
  exante: 'Exante (List conversations)',
};

/** Chooses the provider and, for a real API, its base URL, tenant and token. */
export function SettingsPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const view = (location.state as { view?: unknown } | null)?.view;
  const config = useQuery(parleyConfigQuery);
  const saved = useSettings();
  const available = (Object.keys(providerLabels) as ProviderId[]).filter(
    (id) => config.data?.providers[id],
  );

  const [provider, setProvider] = useState<ProviderId>(
    saved?.provider ?? available[0] ?? 'highlevel',
  );
  const [useCustom, setUseCustom] = useState(saved?.custom !== null && saved?.custom !== undefined);
  const [baseUrl, setBaseUrl] = useState(saved?.custom?.baseUrl ?? '');
  const [tenantId, setTenantId] = useState(saved?.custom?.tenantId ?? '');
  const [token, setToken] = useState(saved?.custom?.token ?? '');
  const [meId, setMeId] = useState(saved?.custom?.meId ?? '');
  const [remember, setRemember] = useState(saved?.remember ?? false);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const next: Settings = {
      provider,
      remember,
      custom: useCustom
        ? {
            provider,
            baseUrl: baseUrl.trim(),
            tenantId: tenantId.trim(),
            token: token.trim() || null,
            meId: meId.trim() || null,
          }
        : null,
    };
    settingsStore.set(next);
    // Another API's data must never show under this one: drop every cached answer.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'parley-config' });
    // Back to the view Settings was opened from; filters the new API lacks are named there.
    void navigate({ pathname: '/', search: typeof view === 'string' ? view : '' });
    showToast(`Settings saved. Parley now uses ${providerNames[provider]}.`);
  };

  const field = 'mt-1 w-full rounded-md border border-line-strong px-3 py-1.5';
  return (
    <main className="mx-auto w-full max-w-xl overflow-y-auto p-6">
      <h1 className="mb-4 text-xl font-semibold">Settings</h1>
      <form onSubmit={save} className="flex flex-col gap-4">
        <fieldset>
          <legend className="font-medium">Provider</legend>
          {(Object.keys(providerLabels) as ProviderId[]).map((id) => (
            <label key={id} className="mt-1 flex items-center gap-2">
              <input
                type="radio"
                name="provider"
                value={id}
                checked={provider === id}
                onChange={() => setProvider(id)}
              />
              {providerLabels[id]}
            </label>
          ))}
        </fieldset>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={useCustom}
            onChange={(e) => setUseCustom(e.target.checked)}
          />
          Connect to a real API instead of{' '}
          {config.data?.mode === 'upstream' ? 'this server’s proxy' : 'the embedded demo API'}
        </label>
        {useCustom ? (
          <>
            <label>
              Base URL
              <input
                required
                type="url"
                className={field}
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                placeholder={
                  provider === 'highlevel'
                    ? 'https://services.leadconnectorhq.com'
                    : 'https://dev.exante.app/api'
                }
              />
            </label>
            <label>
              {provider === 'highlevel' ? 'Location id' : 'Organization uid'}
              <input
                required
                className={field}
                value={tenantId}
                onChange={(e) => setTenantId(e.target.value)}
              />
            </label>
            <label>
              Access token
              <input
                type="password"
                autoComplete="off"
                className={field}
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            </label>
            <label>
              Your agent id (what “assigned to me” means)
              <input className={field} value={meId} onChange={(e) => setMeId(e.target.value)} />
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={remember}
                onChange={(e) => setRemember(e.target.checked)}
              />
              Remember on this device (otherwise the token is forgotten when the tab closes)
            </label>
          </>
        ) : null}
        <div>
          <button
            type="submit"
            className="rounded-md bg-accent-strong px-4 py-2 font-medium text-on-accent-strong hover:opacity-90"
          >
            Save and connect
          </button>
        </div>
      </form>
    </main>
  );
}

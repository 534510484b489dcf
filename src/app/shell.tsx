import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ApiProvider } from '../api/api-context.tsx';
import { describeError } from '../api/client.ts';
import { useWarnBeforeUnload } from '../inbox/actions/use-warn-before-unload.ts';
import { ViewsRail } from '../inbox/views/views-rail.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { RegionBoundary } from '../ui/region-boundary.tsx';
import { ThemeSwitch } from '../ui/theme/theme-switch.tsx';
import { Toaster } from '../ui/toaster.tsx';
import { parleyConfigQuery, useConnectedApi } from './connection.ts';
import { RateLimitNotice } from './rate-limit-notice.tsx';
import { ReconnectBanner, useResumeAfterReconnect } from './reconnect-banner.tsx';

const providerNames = { highlevel: 'HighLevel', exante: 'Exante' } as const;

export function Shell() {
  const location = useLocation();
  const config = useQuery(parleyConfigQuery);
  const { api, connection } = useConnectedApi(config.data);
  const onReconnected = useResumeAfterReconnect(api);
  useWarnBeforeUnload();
  const onSettings = location.pathname === '/settings';

  let body;
  if (config.isError) {
    body = (
      <ErrorPanel
        title="Parley could not load its configuration."
        detail={describeError(config.error)}
        onRetry={() => void config.refetch()}
      />
    );
  } else if (config.isPending) {
    body = (
      <p role="status" className="p-6 text-ink-muted">
        Connecting…
      </p>
    );
  } else if (api) {
    body = (
      <ApiProvider api={api}>
        {connection ? (
          <ReconnectBanner connection={connection} onReconnected={onReconnected} />
        ) : null}
        {api.provider.rateGate ? <RateLimitNotice gate={api.provider.rateGate} /> : null}
        <div className="flex min-h-0 flex-1 max-md:flex-col">
          {onSettings ? null : (
            <RegionBoundary name="views rail">
              <ViewsRail />
            </RegionBoundary>
          )}
          <Outlet />
        </div>
      </ApiProvider>
    );
  } else if (onSettings) {
    body = <Outlet />;
  } else {
    body = (
      <p className="p-6">
        No API is configured.{' '}
        <Link to="/settings" className="text-accent underline">
          Open settings
        </Link>{' '}
        to connect one.
      </p>
    );
  }

  return (
    <div className="flex h-full flex-col bg-surface text-ink">
      <header className="flex items-center justify-between border-b border-line bg-banner px-4 py-2 text-on-banner">
        <Link to="/" className="text-lg font-bold tracking-tight">
          Parley
        </Link>
        <div className="flex items-center gap-4 text-sm">
          {api ? (
            <span className="max-md:hidden">Connected to {providerNames[api.provider.id]}</span>
          ) : null}
          <ThemeSwitch />
          <NavLink
            to="/settings"
            // Saving (or leaving) Settings comes back to the view the agent was on.
            state={onSettings ? location.state : { view: location.search }}
            className="flex items-center rounded px-2 py-1 hover:underline max-md:min-h-11"
          >
            Settings
          </NavLink>
        </div>
      </header>
      {body}
      <Toaster />
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Suspense, use, useSyncExternalStore, type ComponentProps } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ApiProvider } from '../api/api-context.tsx';
import { describeError } from '../api/client.ts';
import { providerNames } from '../api/connection.ts';
import { conversationQueries, type Api } from '../api/queries.ts';
import type { RateGate } from '../api/rate-gate.ts';
import { useWarnBeforeUnload } from '../inbox/actions/use-warn-before-unload.ts';
import { ViewsRail } from '../inbox/views/views-rail.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { useExternalStore } from '../ui/external-store.ts';
import { RegionBoundary } from '../ui/region-boundary.tsx';
import { Toaster } from '../ui/toaster.tsx';
import { parleyConfigQuery, useConnectedApi } from './connection.ts';
import { DisplayMenu } from './display-menu.tsx';
import { loadPages } from './load-pages.ts';
import { sessionExpired, useResumeAfterReconnect } from './session-expiry.ts';

/** Who "Me" and "Mine" are: the connection's agent, by name from the directory. */
function Me({ api }: { api: Api }) {
  const me = useQuery({
    ...conversationQueries.agents(api),
    select: (agents) => agents.find((agent) => agent.id === api.meId),
  }).data;
  if (!me) return null;
  return (
    <span className="max-md:hidden">
      Me: <span className="font-semibold">{me.name}</span>
    </span>
  );
}

type ReconnectProps = ComponentProps<Awaited<ReturnType<typeof loadPages>>['ReconnectForm']>;

/** Asks for a new token once a request has answered 401; its form loads only then. */
function ReconnectBanner(props: ReconnectProps) {
  const expired = useExternalStore(sessionExpired);
  if (!expired) return null;
  return (
    <Suspense>
      <LoadedReconnectForm {...props} />
    </Suspense>
  );
}
function LoadedReconnectForm(props: ReconnectProps) {
  const { ReconnectForm } = use(loadPages());
  return <ReconnectForm {...props} />;
}

/**
 * While the API's rate limit holds requests back, says so and for how long; they go out by
 * themselves when it frees (decision 0013), so there is nothing to press.
 */
function RateLimitNotice({ gate }: { gate: RateGate }) {
  const until = useSyncExternalStore(gate.subscribe, gate.waitingUntil, () => 0);
  if (until === 0) return null;
  return (
    <Suspense>
      {/* A new wait starts a new countdown, read from the clock when it mounts. */}
      <LoadedCountdown key={until} label={gate.label} until={until} />
    </Suspense>
  );
}
function LoadedCountdown(props: { label: string; until: number }) {
  const { Countdown } = use(loadPages());
  return <Countdown {...props} />;
}

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
          {api ? <Me api={api} /> : null}
          {api ? (
            <span className="max-md:hidden">Connected to {providerNames[api.provider.id]}</span>
          ) : null}
          <DisplayMenu />
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

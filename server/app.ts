import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { Hono } from 'hono';
import type { Config } from './config.ts';
import { createExanteApp } from './exante/routes.ts';
import { FaultPlan } from './faults/fault-plan.ts';
import { createFirstPaint } from './first-paint.ts';
import { createFaultRoutes } from './faults/fault-routes.ts';
import { injectFaults } from './faults/inject-faults.ts';
import { createHighLevelApp } from './highlevel/routes.ts';
import { createParleyApp, parleyConfigBody } from './parley-routes.ts';
import { createProxyApp } from './proxy.ts';
import { securityHeaders } from './security-headers.ts';
import { staticFiles } from './static-files.ts';

export interface AppOptions {
  /** Required in embedded mode; null in upstream mode, which has no database. */
  db: Database | null;
  config: Config;
  /** Serve dist/ with SPA fallback (production). Off in dev, where Vite serves the app. */
  serveStatic?: boolean;
  /** For tests of the proxy. */
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
  /**
   * Proxy mode's pacing and shared reads (decision 0013); on unless turned off to measure
   * what they save (the team scenario of `npm run load`, bench/load/team.ts).
   */
  proxyPacing?: boolean;
}

export const HIGHLEVEL_MOUNT = '/providers/highlevel';
export const EXANTE_MOUNT = '/providers/exante';

export function createApp({
  db,
  config,
  serveStatic = true,
  fetchImpl,
  log,
  proxyPacing = true,
}: AppOptions): Hono {
  const app = new Hono();
  app.use('*', securityHeaders);

  let plan: FaultPlan | null = null;
  if (config.faults) {
    // Registered before /parley and the APIs so that it answers and intercepts first.
    plan = new FaultPlan();
    app.route('/parley/test/faults', createFaultRoutes(plan));
    app.use('/providers/*', injectFaults(plan, { highLevelMount: HIGHLEVEL_MOUNT }));
  }

  app.route('/parley', createParleyApp({ db, config }));
  // In embedded mode, the APIs alone: what the first paint asks for its rows.
  let api: Hono | null = null;

  if (config.upstream !== null) {
    const mountPath = config.upstream.provider === 'highlevel' ? HIGHLEVEL_MOUNT : EXANTE_MOUNT;
    const proxy = createProxyApp({
      upstream: config.upstream,
      mountPath,
      fetchImpl,
      log,
      pacing: proxyPacing,
    });
    app.route(mountPath, proxy);
  } else {
    if (db === null) throw new Error('embedded mode needs a database');
    const highlevelOptions = {
      db,
      token: config.demoToken,
      locationId: config.demoLocationId,
      wire: config.wire,
      truthHeader: config.testHooks,
    };
    const highlevel = createHighLevelApp({ ...highlevelOptions, rateLimit: config.rateLimit });
    const exante = createExanteApp({
      db,
      token: config.demoToken,
      organizationUid: config.demoOrganizationUid,
    });
    app.route(HIGHLEVEL_MOUNT, highlevel);
    app.route(EXANTE_MOUNT, exante);
    // The first paint is the server reading its own data to draw a page, not a client of
    // the location: its reads are not counted against the location's rate limit.
    const unmetered = createHighLevelApp({ ...highlevelOptions, rateLimit: null });
    api = new Hono().route(HIGHLEVEL_MOUNT, unmetered).route(EXANTE_MOUNT, exante);
  }

  if (serveStatic && fs.existsSync(config.distDir)) {
    const configBody = parleyConfigBody(config);
    const firstPaint =
      api === null
        ? undefined
        : createFirstPaint({
            moduleFile: config.firstPaintModule,
            api,
            config: configBody,
            enabled: () => !plan?.armed,
          });
    app.use('*', staticFiles(config.distDir, configBody, firstPaint));
  }

  app.notFound((c) => c.text('Not Found', 404));
  app.onError((error, c) => {
    console.error('unhandled error', error);
    return c.text('Internal Server Error', 500);
  });
  return app;
}

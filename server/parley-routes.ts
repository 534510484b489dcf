import type { Database } from 'better-sqlite3';
import { Hono } from 'hono';
import type { Config, ProviderId } from './config.ts';
import { DEMO_EXANTE_AGENT_UID, DEMO_HIGHLEVEL_USER_ID } from './seed/demo-identities.ts';
import { addExanteConversations } from './seed/exante-seed.ts';
import { addHighLevelConversations } from './seed/highlevel-seed.ts';

export const PROVIDER_BASE_URLS: Record<ProviderId, string> = {
  highlevel: '/providers/highlevel',
  exante: '/providers/exante/api',
};

interface ProviderConnection {
  baseUrl: string;
  tenantId: string;
  token: string | null;
  meId: string | null;
}

export interface ParleyConfigBody {
  mode: 'embedded' | 'upstream';
  providers: Partial<Record<ProviderId, ProviderConnection>>;
}

export function parleyConfigBody(config: Config): ParleyConfigBody {
  if (config.upstream !== null) {
    const { provider, tenantId, meId } = config.upstream;
    // The upstream token stays on the server: the proxy adds it to each forwarded call.
    return {
      mode: 'upstream',
      providers: {
        [provider]: { baseUrl: PROVIDER_BASE_URLS[provider], tenantId, token: null, meId },
      },
    };
  }
  return {
    mode: 'embedded',
    providers: {
      highlevel: {
        baseUrl: PROVIDER_BASE_URLS.highlevel,
        tenantId: config.demoLocationId,
        token: config.demoToken,
        meId: DEMO_HIGHLEVEL_USER_ID,
      },
      exante: {
        baseUrl: PROVIDER_BASE_URLS.exante,
        tenantId: config.demoOrganizationUid,
        token: config.demoToken,
        meId: DEMO_EXANTE_AGENT_UID,
      },
    },
  };
}

/** Parley's own endpoints: how the app connects, liveness, and opt-in test hooks. */
export function createParleyApp({ db, config }: { db: Database | null; config: Config }): Hono {
  const app = new Hono();

  app.get('/config', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(parleyConfigBody(config));
  });

  app.get('/health', (c) => c.json({ ok: true }));

  if (config.testHooks && db !== null) {
    // Simulates conversations arriving, so live-update behaviour can be tested end to end.
    app.post('/test/conversations', async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: 'Body must be JSON: { provider, count?, oneContact? }' }, 400);
      }
      const {
        provider,
        count = 1,
        oneContact = false,
      } = (body ?? {}) as { provider?: unknown; count?: unknown; oneContact?: unknown };
      if (provider !== 'highlevel' && provider !== 'exante') {
        return c.json({ error: 'provider must be "highlevel" or "exante"' }, 422);
      }
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) {
        return c.json({ error: 'count must be an integer from 1 to 1000' }, 422);
      }
      if (typeof oneContact !== 'boolean') {
        return c.json({ error: 'oneContact must be a boolean' }, 422);
      }
      const now = Date.now();
      const added =
        provider === 'highlevel'
          ? addHighLevelConversations(db, count, now, { oneContact })
          : addExanteConversations(db, count, now, { oneContact });
      return c.json({ provider, ...added }, 201);
    });
  }

  app.all('*', (c) => c.json({ error: `Cannot ${c.req.method} ${c.req.path}` }, 404));
  return app;
}

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({}, '/srv/parley');
    expect(config).toEqual({
      port: 4280,
      host: '127.0.0.1',
      dataPath: '/srv/parley/data/parley.db',
      seedSize: 5000,
      seed: 1,
      demoToken: 'ex_live_parley_demo',
      demoLocationId: 'ParleyDemoLocation01',
      demoOrganizationUid: '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f',
      upstream: null,
      wire: 'real',
      rateLimit: 100,
      clockMs: null,
      testHooks: false,
      faults: false,
      distDir: '/srv/parley/dist',
      firstPaintModule: '/srv/parley/dist-server/render-first-paint.js',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        PARLEY_DATA: '/tmp/x.db',
        PARLEY_SEED_SIZE: '100000',
        PARLEY_SEED: '42',
        PARLEY_DEMO_TOKEN: 'ex_live_other',
        PARLEY_DEMO_LOCATION_ID: 'Loc1',
        PARLEY_DEMO_ORGANIZATION_UID: '11111111-2222-4333-8444-555555555555',
        PARLEY_UPSTREAM_PROVIDER: 'exante',
        PARLEY_UPSTREAM_URL: 'https://dev.exante.app/api/',
        PARLEY_UPSTREAM_TENANT: '11111111-2222-4333-8444-555555555555',
        PARLEY_UPSTREAM_TOKEN: 'ex_live_secret',
        PARLEY_UPSTREAM_ME: 'me',
        PARLEY_TEST_HOOKS: '1',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataPath: '/tmp/x.db',
      seedSize: 100000,
      seed: 42,
      testHooks: true,
      faults: true,
      upstream: {
        provider: 'exante',
        url: 'https://dev.exante.app/api',
        tenantId: '11111111-2222-4333-8444-555555555555',
        token: 'ex_live_secret',
        meId: 'me',
      },
    });
  });

  it('turns fault injection on with PARLEY_FAULTS=1, or with the test hooks', () => {
    expect(loadConfig({ PARLEY_FAULTS: '1' })).toMatchObject({ faults: true, testHooks: false });
    expect(loadConfig({ PARLEY_TEST_HOOKS: '1' })).toMatchObject({ faults: true });
    expect(loadConfig({ PARLEY_FAULTS: 'yes' })).toMatchObject({ faults: false });
  });

  it('reports every bad value at once, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'http',
        PARLEY_SEED_SIZE: '-5',
        PARLEY_DEMO_ORGANIZATION_UID: 'acme',
        PARLEY_UPSTREAM_PROVIDER: 'zendesk',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of [
      'PORT',
      'PARLEY_SEED_SIZE',
      'PARLEY_DEMO_ORGANIZATION_UID',
      'PARLEY_UPSTREAM_PROVIDER',
      'PARLEY_UPSTREAM_URL',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('never echoes a token in an error', () => {
    const secret = 'ex_live_top secret';
    expect(() =>
      loadConfig({
        PARLEY_UPSTREAM_PROVIDER: 'highlevel',
        PARLEY_UPSTREAM_URL: 'ftp://example.com',
        PARLEY_UPSTREAM_TOKEN: secret,
        PARLEY_DEMO_TOKEN: 'demo token',
      }),
    ).toThrow(ConfigError);
    try {
      loadConfig({
        PARLEY_UPSTREAM_PROVIDER: 'highlevel',
        PARLEY_UPSTREAM_TOKEN: secret,
        PARLEY_DEMO_TOKEN: 'demo token',
      });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('PARLEY_UPSTREAM_TOKEN');
      expect(message).toContain('PARLEY_UPSTREAM_TENANT');
      expect(message).not.toContain('top secret');
      expect(message).not.toContain('demo token');
    }
  });

  it('pins the seed’s clock with PARLEY_CLOCK, and names a value that is not a date and time', () => {
    expect(loadConfig({ PARLEY_CLOCK: '2026-11-01T12:00:00Z' }).clockMs).toBe(
      Date.UTC(2026, 10, 1, 12),
    );
    expect(() => loadConfig({ PARLEY_CLOCK: 'yesterday' })).toThrow(/PARLEY_CLOCK must be an ISO/);
    expect(() => loadConfig({ PARLEY_CLOCK: '2026-11-01' })).toThrow(/PARLEY_CLOCK/);
  });
});

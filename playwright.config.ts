import { defineConfig, devices } from '@playwright/test';
import type { ProviderName } from './e2e/fixtures.ts';

/**
 * E2E tests drive Debian's Chromium (Playwright cannot download browsers here) against
 * the real server: the production build plus the embedded API over a fresh SQLite file.
 * Each provider is a project, so every spec runs against both contracts.
 */
const port = Number(process.env.PARLEY_E2E_PORT ?? 4390);
const baseURL = `http://127.0.0.1:${port}`;
const proxyPort = port + 2;
const proxyURL = `http://127.0.0.1:${proxyPort}`;
const executablePath = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig<{ provider: ProviderName }>({
  testDir: './e2e',
  timeout: 60_000,
  // HighLevel allows a location 100 requests in 10 s, and the embedded API enforces it: a
  // spec that reloads the inbox many times in a row meets the app waiting its turn (up to
  // the interval) before rows show, as a real agent would.
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // One worker: specs change the shared database (stars, read state) and must not race.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      // This machine has no outside network: keep Chromium from trying to reach it.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'highlevel',
      testIgnore: /proxy\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], provider: 'highlevel' },
    },
    {
      name: 'exante',
      testIgnore: /proxy\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], provider: 'exante' },
    },
    // Parley deployed in front of a HighLevel (the embedded one above, rate limit and all).
    {
      name: 'highlevel-proxy',
      testMatch: /proxy\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], provider: 'highlevel', baseURL: proxyURL },
    },
  ],
  webServer: [
    {
      // A fresh database each run, so tests start from the same seeded inbox.
      command: 'rm -f .parley/e2e.db .parley/e2e.db-wal .parley/e2e.db-shm && tsx server/main.ts',
      url: `${baseURL}/parley/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        PARLEY_DATA: '.parley/e2e.db',
        PARLEY_SEED_SIZE: '2500',
        PARLEY_TEST_HOOKS: '1',
      },
    },
    {
      command: 'tsx server/main.ts',
      url: `${proxyURL}/parley/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      // It logs a line per proxied request; failures show in the browser and the tests.
      stdout: 'ignore',
      env: {
        PORT: String(proxyPort),
        HOST: '127.0.0.1',
        PARLEY_UPSTREAM_PROVIDER: 'highlevel',
        PARLEY_UPSTREAM_URL: `${baseURL}/providers/highlevel`,
        PARLEY_UPSTREAM_TENANT: 'ParleyDemoLocation01',
        PARLEY_UPSTREAM_TOKEN: 'ex_live_parley_demo',
        PARLEY_UPSTREAM_ME: 'AveryQuinnParleyDemo',
      },
    },
  ],
});

/**
 * Mutation testing of the browser's logic (`npm run test:mutation`; not part of `npm test`,
 * it takes long: about 3 s a mutant on 2 cores, 7,700 mutants). The score and the survivors
 * judged equivalent are in docs/mutation-survivors.md.
 *
 * PARLEY_MUTATE=<part> runs one part of the code (see `parts`), writing its own report, so
 * a machine can take the run in pieces; `npm run test:mutation:score` adds them up.
 */
const parts = {
  'inbox-logic': ['src/inbox/filters/**', 'src/inbox/cache/**', 'src/inbox/live/**'],
  'inbox-list': ['src/inbox/list/**', 'src/inbox/views/**', 'src/inbox/keyboard/**'],
  'inbox-actions': ['src/inbox/actions/**', 'src/inbox/detail/**', 'src/inbox/*.{ts,tsx}'],
  'api-providers': ['src/api/providers/**'],
  'api-core': ['src/api/*.{ts,tsx}', 'src/api/contract/**'],
};
const part = globalThis.process.env.PARLEY_MUTATE;
if (part !== undefined && !(part in parts)) {
  throw new Error(`PARLEY_MUTATE must be one of ${Object.keys(parts).join(', ')} (got "${part}")`);
}
const report = `reports/mutation/${part ?? 'all'}`;

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts' },
  mutate: [
    ...(part ? parts[part] : ['src/api/**/*.{ts,tsx}', 'src/inbox/**/*.{ts,tsx}']),
    '!**/*.test.{ts,tsx}',
    '!**/*.d.ts',
    '!**/test/**',
    '!**/test-support.ts',
    '!**/fixtures/**',
  ],
  // Each test run records which mutants it reached, so each mutant runs only its tests.
  coverageAnalysis: 'perTest',
  // Mutants in module-level code run only at import: each would need every test file again.
  ignoreStatic: true,
  // The machine has 2 cores; the jsdom tests are slow to start, so keep some headroom.
  concurrency: 2,
  timeoutMS: 10_000,
  ignorePatterns: [
    'dist',
    'dist-server',
    '.parley',
    'data',
    'bench/results',
    'test-results',
    'playwright-report',
  ],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `${report}.json` },
  htmlReporter: { fileName: `${report}.html` },
  thresholds: { high: 90, low: 80, break: 80 },
};

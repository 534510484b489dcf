/**
 * Mutation testing of the browser's logic (`npm run test:mutation`; not part of `npm test`,
 * it takes long). The score and the survivors judged equivalent are in
 * docs/mutation-survivors.md.
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts' },
  mutate: [
    'src/api/**/*.{ts,tsx}',
    'src/inbox/**/*.{ts,tsx}',
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
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 90, low: 80, break: 80 },
};

import { defineConfig } from 'vitest/config';

// Three projects: the embedded API runs in Node against a real SQLite file on an
// ephemeral port; the browser app runs in jsdom with MSW at the network edge; the contract
// tier joins the two, the browser's adapters calling the embedded API in one Node process.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts', 'bench/**/*.test.ts'],
          setupFiles: ['./test/fail-on-console-error.ts'],
          // Many tests send hundreds of real HTTP requests: on a loaded 2-core CI machine
          // 5 s is too tight for them, and a timeout here says nothing about correctness.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'contract',
          environment: 'node',
          include: ['test/contract/**/*.test.ts'],
          setupFiles: ['./test/fail-on-console-error.ts'],
          // Each test scrolls whole views of a seeded database, thousands of requests in process.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./test/fail-on-console-error.ts', './src/test/setup.ts'],
        },
      },
    ],
  },
});

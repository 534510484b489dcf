import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import base from '../../vitest.config.ts';

/**
 * What `npm run test:mutation` runs against each mutant of src/api and src/inbox
 * (stryker.config.mjs): the web project of vitest.config.ts, the unit and integration
 * tiers, which must catch a logic bug on their own. The server project tests server/;
 * the contract project scrolls whole seeded views through the embedded API, which made
 * each mutant of src/api cost about 10 s instead of 2 s (src/api/providers/tolerant.ts).
 */
const projects = (base.test?.projects ?? []).filter(
  (project): project is TestProjectInlineConfiguration =>
    typeof project === 'object' && 'test' in project && project.test?.name === 'web',
);

/**
 * One page for every test file (isolate: false): a mutant then costs the tests it reaches,
 * not a fresh jsdom and module graph per file, which made the run about ten times longer.
 * The tests reset what outlives them (src/test/setup.ts). The render-count test mocks a
 * module, which a shared module graph cannot do; it measures renders, not logic.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    projects: projects.map((project) => ({
      ...project,
      test: {
        ...project.test,
        isolate: false,
        exclude: ['**/node_modules/**', 'src/inbox/test/composer-renders.test.tsx'],
      },
    })),
  },
});

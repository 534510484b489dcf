import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import base from '../../vitest.config.ts';

/**
 * What `npm run test:mutation` runs against each mutant of src/api and src/inbox
 * (stryker.config.mjs): the projects of vitest.config.ts that test those folders, the web
 * tier and the contract tier; the server project tests server/ and would only cost time.
 */
const projects = (base.test?.projects ?? []).filter(
  (project): project is TestProjectInlineConfiguration =>
    typeof project === 'object' &&
    'test' in project &&
    ['web', 'contract'].some((name) => project.test?.name === name),
);

export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: { projects },
});

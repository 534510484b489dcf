// @ts-check
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer boundaries (docs/architecture.md): app → inbox → api, ui. Each entry forbids the
 * imports that would point the wrong way. Enforced here, not remembered.
 */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

/**
 * Floors inside src/inbox (docs/architecture.md). `cache` owns the Query cache's shape;
 * each feature folder may import only the folders listed for it, so no two import each
 * other both ways. The page and the lazy chunk (src/inbox/*.tsx) compose them; a feature
 * reaches the root only through the deferred parts' loader, and only where listed.
 */
const inboxFloors = {
  cache: [],
  keyboard: [],
  filters: ['cache', 'keyboard', 'deferred-parts'],
  views: ['cache', 'filters', 'deferred-parts'],
  actions: ['cache', 'filters', 'deferred-parts'],
  live: ['cache'],
  detail: ['cache', 'keyboard', 'actions', 'deferred-parts'],
  list: ['cache', 'filters', 'keyboard', 'actions', 'live', 'deferred-parts'],
};
const inboxFloorRules = Object.entries(inboxFloors).map(([folder, below]) => ({
  files: [`src/inbox/${folder}/**/*.{ts,tsx}`],
  rules: forbid(
    [
      '**/app/**',
      '**/server/**',
      ...Object.keys(inboxFloors)
        .filter((other) => other !== folder && !below.includes(other))
        .map((other) => `../${other}/**`),
      '../*.ts',
      '../*.tsx',
      ...(below.includes('deferred-parts') ? ['!../deferred-parts.tsx'] : []),
    ],
    `src/inbox/${folder} may import only ${below.join(', ') || 'src/api and src/ui'} of the inbox (eslint.config.js, inboxFloors).`,
  ),
}));

export default tseslint.config(
  {
    // .parley/ holds local data and the bench's built variant pages.
    ignores: [
      'dist',
      'dist-server',
      'node_modules',
      'bench/results',
      'test-results',
      'playwright-report',
      '.parley',
      '.stryker-tmp',
      'reports',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023 },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      // Parley does not run the React Compiler; this rule only reports what it would skip.
      'react-hooks/incompatible-library': 'off',
      // Only src/api/client.ts talks to the network.
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use the API client in src/api/client.ts.' },
      ],
      ...forbid(['**/server/**'], 'The browser app never imports server code.'),
    },
  },
  {
    files: ['src/api/client.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/api/**/*.{ts,tsx}'],
    rules: forbid(
      ['**/inbox/**', '**/app/**', '**/ui/**', '**/server/**'],
      'src/api is the bottom layer: it imports nothing from the UI.',
    ),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: forbid(
      ['**/inbox/**', '**/app/**', '**/api/**', '**/server/**'],
      'src/ui holds primitives that know nothing of the inbox or the API.',
    ),
  },
  {
    files: ['src/inbox/**/*.{ts,tsx}'],
    rules: forbid(['**/app/**', '**/server/**'], 'src/inbox never reaches up into src/app.'),
  },
  ...inboxFloorRules,
  {
    files: ['server/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      // The wire contract (src/api/contract/) is browser-free and shared on purpose: the
      // adapters and the embedded API read one list of parameters, enums and assumptions.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(?!api/contract/)',
              message: 'The server never imports browser code.',
            },
          ],
        },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'test/mutation/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The contract tier joins the browser's adapters and the embedded API in one process, so
    // it imports both src/api/ and server/: the API layer of the browser, never its UI.
    files: ['test/contract/**/*.ts'],
    rules: forbid(
      ['**/src/inbox/**', '**/src/app/**', '**/src/ui/**'],
      'Contract tests join src/api and server/; the UI is tested in the web project.',
    ),
  },
);

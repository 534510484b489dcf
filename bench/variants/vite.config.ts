import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Variants B and E (index.html) and the null baseline (null.html), built like the app
 * (same React, same Tailwind styles, production mode) but outside it: no router, no Query.
 * `npm run bench` builds it (bench/browser/run.ts); a second embedded server serves it.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), tailwindcss()],
  logLevel: 'warn',
  build: {
    // `npm run bench` passes outDir (under the gitignored .parley/bench/).
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: path.join(import.meta.dirname, 'index.html'),
        null: path.join(import.meta.dirname, 'null.html'),
      },
    },
  },
});

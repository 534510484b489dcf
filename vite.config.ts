import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      // TanStack Store asks for the shim that backfills useSyncExternalStore for React < 18;
      // React 19 has it, so the plain with-selector build is enough (and smaller).
      'use-sync-external-store/shim/with-selector': 'use-sync-external-store/with-selector',
    },
  },
  build: {
    // The CSP forbids inline script; Vite emits none, and a source map helps debugging.
    sourcemap: true,
    target: 'es2022',
    // The server build (the first paint) needs no copy of public/.
    copyPublicDir: !isSsrBuild,
  },
}));

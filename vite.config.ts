import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    // The CSP forbids inline script; Vite emits none, and a source map helps debugging.
    sourcemap: true,
    target: 'es2022',
  },
});

import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The kiosk UI, built to dist/ui and served by the hub service (never from a dev server in production).
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/ui'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/ui'),
    emptyOutDir: true,
    // Kiosks run a known Chromium: no legacy transforms needed.
    target: 'es2022',
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4410' } },
});

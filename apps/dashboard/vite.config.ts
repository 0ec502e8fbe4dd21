import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The coordinators' dashboard, built to dist/ and served by the sync server at /.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src'),
  base: '/',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, 'dist'), emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:4400' } },
});

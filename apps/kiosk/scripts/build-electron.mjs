// Bundles the three Node-side entry points of the Electron kiosk with esbuild: the main process, the preload
// (sandboxed: one self-contained file), and the hub service for the utilityProcess. better-sqlite3 stays outside
// the bundle: it is a native module, rebuilt for Electron by electron-builder and unpacked from the asar.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  logLevel: 'warning',
  sourcemap: true,
};
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/main.ts'],
    outfile: 'dist/main/main.cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['src/preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['src/hub/main.ts'],
    outfile: 'dist/hub/hub.cjs',
    // pdfkit reads its font metrics and the DejaVu fonts from their package folders at run time: kept as packages
    external: ['better-sqlite3', 'pdfkit', 'dejavu-fonts-ttf'],
    // import.meta.dirname has no meaning in the bundle: the shell passes KIOSK_UI_DIR instead.
    define: { 'import.meta.dirname': '__dirname' },
  }),
]);

import { defineConfig } from 'vitest/config';

// One runner for every workspace's unit and integration tests (`*.test.ts` beside the code).
// Browser tests (`*.e2e.test.ts`) belong to Playwright, benchmarks to `npm run bench:*`.
export default defineConfig({
  test: {
    include: ['{packages,apps,sync-server,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.e2e.test.ts'],
    // Native modules (better-sqlite3) and child processes are safest in forked workers; two cores here.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './packages/testkit/src/chromium.ts';

// Browser tests drive Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium); Playwright's own browser
// download cannot work on these machines. scripts/test.mjs decides whether a missing Chromium skips or fails.
export default defineConfig({
  testMatch: '**/*.e2e.test.ts',
  testIgnore: ['**/node_modules/**'],
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  retries: 0,
  outputDir: 'test-results/playwright',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});

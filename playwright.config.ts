import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './packages/testkit/src/chromium.ts';

// Browser tests drive Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium); Playwright's own browser
// download cannot work on these machines. scripts/test.mjs decides whether a missing Chromium skips or fails.
export default defineConfig({
  testMatch: '**/*.e2e.test.ts',
  // The kiosk's screen matrix (every screen x 4 sizes x 3 languages, docs/kiosk-screens.md) takes over ten minutes
  // per size on a 2-core machine: it runs on its own, `npm run test:kiosk-screens`, not in `npm test`.
  testIgnore: ['**/node_modules/**', ...(process.env.KIOSK_SCREENS ? [] : ['**/screens.a11y.e2e.test.ts'])],
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

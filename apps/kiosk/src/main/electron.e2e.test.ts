import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import {
  type DemoServer,
  type RunningProcess,
  startDemoServer,
  startHubService,
} from '@vigevano/testkit/processes';

// The real Electron kiosk, when this machine has an Electron binary (ELECTRON_PATH). Build machines here cannot
// download it, so this test says so and skips; on a desktop: ELECTRON_PATH=$(npx electron --path)... or the
// binary `npm start` fetched (node_modules/electron/dist/electron).
const electronPath = process.env.ELECTRON_PATH;
const mainBundle = resolve(import.meta.dirname, '../../dist/main/main.cjs');

test.describe('Electron kiosk shell', () => {
  test.skip(
    !electronPath || !existsSync(electronPath),
    `no Electron binary (ELECTRON_PATH=${electronPath ?? 'unset'}): the shell's policies are unit-tested instead`,
  );

  let server: DemoServer;
  let hub: RunningProcess;
  test.beforeAll(async () => {
    server = await startDemoServer();
    hub = await startHubService(server.kioskDirs()[0] as string);
  });
  test.afterAll(async () => {
    await hub?.stop();
    await server?.dispose();
  });

  test('opens the kiosk full screen on the hub service, with no Node in the page and navigation locked', async () => {
    const app = await electron.launch({
      executablePath: electronPath,
      args: [mainBundle, '--no-sandbox'],
      env: { ...process.env, KIOSK_URL: `${hub.url}/` },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByText('Mostra la tua tessera per entrare').first()).toBeVisible({
        timeout: 30_000,
      });
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => typeof (globalThis as { kioskShell?: unknown }).kioskShell)).toBe(
        'object',
      );
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await page.waitForTimeout(1000);
      expect(new URL(page.url()).origin).toBe(new URL(hub.url).origin);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isKiosk())).toBe(
        true,
      );
      await page.screenshot({ path: join(test.info().outputDir, 'electron-kiosk.png') });
    } finally {
      await app.close();
    }
  });
});

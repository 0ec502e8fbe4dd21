import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signInToDashboard } from '@vigevano/testkit/dashboard-sign-in';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import sharp from 'sharp';

// Issue 17, item 1 on the dashboard: a coordinator uploads a picture with an item (an SVG is refused in Italian),
// and the Totem page shows what each kiosk holds for offline play.

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function signIn(page: Page, role: string) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInToDashboard(page, server, role);
}

test('a coordinator adds a picture to an item; an SVG is refused with a clear message', async ({ page }) => {
  await signIn(page, 'coordinator');
  await page.goto(`${server.url}/contenuti`);
  await page.getByRole('button', { name: 'Nuovo contenuto' }).click();
  await page.getByLabel('Titolo (italiano)').fill('Laboratorio di fotografia');
  await page.getByLabel('Testo (italiano)').fill('Porta il tuo telefono: si impara a inquadrare.');
  const file = page.getByLabel(/Immagine o video/);
  await file.setInputFiles({
    name: 'disegno.png', // the name lies: the server reads the bytes
    mimeType: 'image/png',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  });
  await expect(page.getByText(/le immagini SVG non sono accettate/i)).toBeVisible();
  const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#3a7d44' } })
    .png()
    .toBuffer();
  await file.setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: png });
  const preview = page.getByRole('figure', { name: 'Anteprima come sul totem' });
  const picture = preview.locator('img[src^="/api/media/"]');
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('content-media-1366x768.png'), fullPage: true });
  await page.getByLabel('Hub Sforzesca').check();
  await page.getByRole('button', { name: 'Salva' }).click();
  const item = page.locator('.content-item').filter({ hasText: 'Laboratorio di fotografia' });
  await expect(item).toContainText('bozza');
});

test('the Totem page shows the media a kiosk holds against its budget', async ({ page }) => {
  const identity = JSON.parse(readFileSync(join(server.kioskDirs()[0] as string, 'identity.json'), 'utf8'));
  const held = await fetch(`${server.url}/api/device/media-held`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${identity.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      budgetBytes: 500 * 1024 * 1024,
      files: [
        { id: '01JD0000000000000000000001', bytes: 3 * 1024 * 1024 },
        { id: '01JD0000000000000000000002', bytes: 1024 * 1024 + 512 * 1024 },
      ],
    }),
  });
  expect(held.status).toBe(200);
  await signIn(page, 'coordinator');
  await page.goto(`${server.url}/dispositivi`);
  // only this kiosk has reported; the others say they hold nothing known
  await expect(
    page.locator('table.devices tbody tr').filter({ hasText: '2 file, 4,5 / 500 MB' }),
  ).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('devices-media-1366x768.png'), fullPage: true });
});

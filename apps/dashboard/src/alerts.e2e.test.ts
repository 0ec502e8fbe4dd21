import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SYNC_HEADERS, syncPath } from '@vigevano/protocol';
import { axeViolations } from '@vigevano/testkit/axe';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';

// Alerts on the Devices page: a demo kiosk reports its disk full and its clock two hours ahead, another its disk
// nearly full; a coordinator sees all three, the full disk first, in Italian; the page stays accessible. Screenshot at 1280×800 for review.

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

test('a coordinator sees a full disk and a wrong clock among the alerts of the Devices page', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const login = server.logins().find((l) => l.role === 'coordinator');
  if (!login) throw new Error('no demo coordinator');
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { name: 'La città oggi' })).toBeVisible();

  await page.goto(`${server.url}/dispositivi`);
  const panel = page.getByRole('region', { name: /Avvisi/ });
  await expect(panel).toContainText('Nessun avviso');

  const [dir, secondDir] = server.kioskDirs();
  const identity = (d: string | undefined) =>
    JSON.parse(readFileSync(join(d as string, 'identity.json'), 'utf8')) as { token: string; name: string };
  const kiosk = identity(dir);
  const second = identity(secondDir);
  const res = await fetch(`${server.url}${syncPath('', 'report')}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${kiosk.token}`,
      [SYNC_HEADERS.storage]: 'full',
      [SYNC_HEADERS.deviceTime]: String(Date.now() + 2 * 3_600_000),
    },
  });
  expect(res.status).toBe(204);
  // the second kiosk's disk is filling up: 700 MiB free of 29 900 (the default threshold is 1 024 MiB)
  const low = await fetch(`${server.url}${syncPath('', 'report')}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${second.token}`,
      [SYNC_HEADERS.diskFreeMiB]: '700',
      [SYNC_HEADERS.diskTotalMiB]: '29900',
    },
  });
  expect(low.status).toBe(204);

  await page.reload();
  await expect(panel.getByRole('heading')).toHaveText('Avvisi (3)');
  const items = panel.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(panel).toContainText(`Il totem «${second.name}»`);
  await expect(panel).toContainText('ha solo 700 MB liberi su 29,2 GB');
  // kiosks of two hubs may share a name: the one row with the space is the second kiosk's
  const spaceRow = page.locator('table.devices tbody tr').filter({ hasText: '700 MB su 29,2 GB' });
  await expect(spaceRow).toHaveCount(1);
  await expect(spaceRow).toContainText(second.name);
  await expect(items.nth(0)).toContainText('Grave');
  await expect(items.nth(0)).toContainText(`Il totem «${kiosk.name}»`);
  await expect(items.nth(0)).toContainText('ha il disco pieno');
  await expect(panel.getByRole('listitem').filter({ hasText: 'è avanti di 2 ore' })).toContainText(
    'Attenzione',
  );
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('devices-alerts-1280x800.png') });
  await page.screenshot({ path: test.info().outputPath('devices-alerts-full.png'), fullPage: true });
});

import { expect, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';

// The dashboard as a coordinator uses it: built, served by a real sync server with the demo city, in Chromium.
let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

const loginAs = async (page: import('@playwright/test').Page, role: string) => {
  const login = server.logins().find((l) => l.role === role);
  if (!login) throw new Error(`no demo login for ${role}`);
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
};

test('a wrong password is refused with a message in Italian', async ({ page }) => {
  await page.goto(server.url);
  await page.getByLabel('Email').fill('admin@vigevano.demo');
  await page.getByLabel('Password').fill('sbagliata');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('alert')).toHaveText('email o password non corretti');
});

test('the admin sees the three hubs of the city, then signs out', async ({ page }) => {
  await loginAs(page, 'admin');
  await expect(page.getByRole('heading', { name: 'La città oggi' })).toBeVisible();
  const rows = page.locator('table.overview tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first().getByRole('rowheader')).toHaveText('Hub Cavallerizza');
  await expect(rows.first().locator('td').last()).toHaveText('2');
  await page.screenshot({ path: test.info().outputPath('dashboard-overview.png'), fullPage: true });
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.getByRole('button', { name: 'Accedi' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Accedi' })).toBeVisible();
});

test('a hub lead sees only their own hub', async ({ page }) => {
  await loginAs(page, 'hub_lead');
  const rows = page.locator('table.overview tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('rowheader')).toHaveText('Hub Cavallerizza');
});

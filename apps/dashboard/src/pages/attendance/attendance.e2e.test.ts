import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';

// Attendance and corrections on the dashboard (issue 18, items 4 and 5), in Chromium against a real server with
// the demo city: the admin takes attendance on a session's roster (several present at once, one excused with a
// reason), annuls a check-in, and reads the refused scans page. Screenshots at 1366×768 are kept as artifacts.

let server: DemoServer;
let stateDir: string;

test.beforeAll(async () => {
  server = await startDemoServer();
  stateDir = mkdtempSync(join(tmpdir(), 'vigevano-attendance-e2e-'));
});
test.afterAll(async () => {
  await server?.dispose();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  const login = server.logins().find((l) => l.role === 'admin');
  if (!login) throw new Error('no demo login for the admin');
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { name: 'La città oggi' })).toBeVisible();
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the admin marks several present and one excused, annuls a check-in, and reads refused scans', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page);
  await page.goto(`${server.url}/attivita`);
  // a session with check-ins: the roster lists them in its second table
  const openButtons = page.getByRole('button', { name: /^Apri elenco/ });
  await expect(openButtons.first()).toBeVisible();
  const count = await openButtons.count();
  let found = false;
  for (let i = 0; i < count && !found; i++) {
    await openButtons.nth(i).click();
    const checkins = page.getByRole('table', { name: 'Ingressi al totem per questa sessione' });
    await expect(checkins).toBeVisible();
    found = (await checkins.getByRole('button', { name: /^Annulla/ }).count()) > 0;
  }
  expect(found).toBe(true);
  const roster = page.getByRole('table', { name: /^Partecipanti iscritti/ });
  const rows = roster.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);

  // several present at once
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Segna presenti (2)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 partecipanti segnati presente' })).toBeVisible();
  await expect(rows.nth(0).getByRole('cell').nth(1)).toHaveText('presente');
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('presente');

  // one excused, with a reason
  await rows
    .nth(2)
    .getByRole('button', { name: /^Giustifica/ })
    .click();
  await rows.nth(2).getByLabel('Motivo').fill('visita medica');
  await rows.nth(2).getByRole('button', { name: 'Salva' }).click();
  await expect(rows.nth(2).getByRole('cell').nth(1)).toHaveText('giustificato: visita medica');
  await expect(rows.nth(2).getByRole('cell').nth(2)).toHaveText('0 h 00 min');

  // a check-in annulled: it shows who annulled it and why, and the session counts one check-in less
  const checkins = page.getByRole('table', { name: 'Ingressi al totem per questa sessione' });
  const before = await checkins.getByRole('button', { name: /^Annulla/ }).count();
  await checkins
    .getByRole('button', { name: /^Annulla/ })
    .first()
    .click();
  await checkins.getByLabel('Perché').fill('tessera passata per sbaglio');
  await checkins.getByRole('button', { name: 'Conferma annullamento' }).click();
  await expect(checkins.getByText(/annullato da .*tessera passata per sbaglio/)).toBeVisible();
  await expect(checkins.getByRole('button', { name: /^Annulla/ })).toHaveCount(before - 1);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('roster-1366x768.png'), fullPage: true });

  await page.getByRole('link', { name: 'Scansioni rifiutate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Scansioni rifiutate' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Per motivo' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('refusals-1366x768.png'), fullPage: true });
});

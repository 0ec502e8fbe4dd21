import { expect, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { generate } from 'otplib';

// Staff accounts end to end, in Chromium against a real server with the demo city: the admin invites a hub lead
// for two hubs on "Personale", copies the link; the hub lead opens it in a fresh browser (no session), sets a
// password, signs in, and sees only their two hubs; adds TOTP, which the admin removes when the phone is lost.

let server: DemoServer;

test.beforeAll(async () => {
  server = await startDemoServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

test('an invited hub lead of two hubs sets a password, signs in, sees only those hubs, adds TOTP', async ({
  browser,
}) => {
  const admin = server.logins().find((l: { role: string }) => l.role === 'admin');
  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await page.goto(server.url);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('link', { name: 'Personale' }).click();
  await expect(page.getByRole('heading', { name: 'Personale', level: 1 })).toBeVisible();

  const invite = page.getByRole('region', { name: 'Invita una persona' });
  await invite.getByLabel('Email').fill('nuova.responsabile@comune.example');
  await invite.getByLabel('Ruolo').selectOption({ label: 'responsabile di hub' });
  const hubBoxes = invite.getByRole('group', { name: 'Hub di cui è responsabile' }).getByRole('checkbox');
  expect(await hubBoxes.count()).toBeGreaterThan(2);
  const chosen: string[] = [];
  for (const i of [0, 1]) {
    const box = hubBoxes.nth(i);
    await box.check();
    chosen.push(((await box.locator('xpath=..').textContent()) ?? '').trim());
  }
  await invite.getByRole('button', { name: 'Crea il link di invito' }).click();
  const url = await page.getByTestId('account-link').inputValue();
  expect(url).toMatch(/\/accesso\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('table', { name: 'Inviti in attesa' })).toContainText(
    'nuova.responsabile@comune.example',
  );

  // The hub lead, in a browser of their own with no session.
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await lead.goto(url);
  await expect(lead.getByText('Attiva il tuo account')).toBeVisible();
  await lead.getByLabel('Nome e cognome').fill('Nuova Responsabile');
  // a weak password is refused in Italian and nothing is used up
  await lead.getByLabel('Nuova password').fill('vigevano2026');
  await lead.getByLabel('Ripeti la password').fill('vigevano2026');
  await lead.getByRole('button', { name: 'Salva la password' }).click();
  await expect(lead.getByRole('alert')).toContainText('troppo facile');
  const password = 'Lomellina-Sforzesca-Ducale';
  await lead.getByLabel('Nuova password').fill(password);
  await lead.getByLabel('Ripeti la password').fill(password);
  await lead.getByRole('button', { name: 'Salva la password' }).click();
  await expect(lead.getByRole('status')).toContainText('ora puoi accedere');
  await lead.getByRole('link', { name: "Vai all'accesso" }).click();
  await lead.getByLabel('Email').fill('nuova.responsabile@comune.example');
  await lead.getByLabel('Password').fill(password);
  await lead.getByRole('button', { name: 'Accedi' }).click();
  await expect(lead.getByText('Nuova Responsabile (responsabile di hub)')).toBeVisible();
  // the menu has no staff page, and the hub filter offers exactly the two hubs
  await expect(lead.getByRole('link', { name: 'Personale' })).toHaveCount(0);
  await lead.getByRole('link', { name: 'Presenze' }).click();
  const hubOptions = lead.getByLabel('Hub').locator('option');
  await expect
    .poll(async () => (await hubOptions.allTextContents()).filter((o) => o !== 'Tutta la città').sort())
    .toEqual([...chosen].sort());

  // the link worked once
  const again = await leadContext.newPage();
  await again.goto(url);
  await expect(again.getByRole('alert')).toContainText('già stato usato');

  // the hub lead turns on the second factor: the next sign-in asks for the app's code
  await lead.getByRole('link', { name: 'Sicurezza' }).click();
  await lead.getByRole('button', { name: "Configura l'app" }).click();
  await expect(lead.getByRole('img', { name: /Codice QR/ })).toBeVisible();
  const secret = (await lead.getByTestId('totp-secret').textContent()) ?? '';
  await lead.getByLabel("Codice mostrato dall'app").fill(await generate({ secret }));
  await lead.getByRole('button', { name: 'Attiva' }).click();
  await expect(lead.getByRole('status')).toContainText('attivata');
  await lead.getByRole('button', { name: 'Esci' }).click();
  await lead.getByLabel('Email').fill('nuova.responsabile@comune.example');
  await lead.getByLabel('Password').fill(password);
  await lead.getByRole('button', { name: 'Accedi' }).click();
  await expect(lead.getByRole('alert')).toContainText('codice');
  await lead.getByLabel("Codice dell'app").fill(await generate({ secret }));
  await lead.getByRole('button', { name: 'Accedi' }).click();
  await expect(lead.getByText('Nuova Responsabile (responsabile di hub)')).toBeVisible();

  // the admin sees the new account with its hubs and its last sign-in
  await page.reload();
  const row = page.getByRole('row', { name: /Nuova Responsabile/ });
  for (const hub of chosen) await expect(row).toContainText(hub);
  await expect(row).toContainText('attivo');
  await expect(row).not.toContainText('mai');

  // the hub lead lost their phone: the admin removes the app, the lead's session ends, the password alone opens
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: "Togli l'app di autenticazione di Nuova Responsabile" }).click();
  await expect(row.getByRole('button', { name: /Togli l'app di autenticazione/ })).toHaveCount(0);
  await lead.reload();
  await lead.getByLabel('Email').fill('nuova.responsabile@comune.example');
  await lead.getByLabel('Password').fill(password);
  await lead.getByRole('button', { name: 'Accedi' }).click();
  await expect(lead.getByText('Nuova Responsabile (responsabile di hub)')).toBeVisible();
  await adminContext.close();
  await leadContext.close();
});

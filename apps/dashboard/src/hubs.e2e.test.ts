import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';

// The hubs page ("Sedi") as a coordinator uses it, in Chromium against a real server with the demo city: create a
// hub with two intervals on Monday and a closure, edit it, and try to archive a hub that still has kiosks.

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function signInAsCoordinator(page: Page) {
  const login = server.logins().find((l: { role: string }) => l.role === 'coordinator');
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { name: 'La città oggi' })).toBeVisible();
  await page.getByRole('link', { name: 'Sedi' }).click();
  await expect(page.getByRole('heading', { name: 'Sedi', level: 1 })).toBeVisible();
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const hubRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

test('creates a hub with two intervals on Monday and a closure, refuses overlapping hours, edits it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsCoordinator(page);
  await page.getByRole('button', { name: 'Nuova sede' }).click();
  const form = page.getByRole('region', { name: 'Nuova sede' });
  await form.getByLabel('Nome').fill('Hub Piazza Ducale');
  await form.getByLabel('Indirizzo').fill('Piazza Ducale 1, Vigevano');
  await form.getByLabel('Zona').selectOption('Centro');
  await form.getByLabel('giovani NEET').check();
  const monday = form.getByTestId('day-1');
  await monday.getByRole('button', { name: 'Aggiungi fascia a Lunedì' }).click();
  await monday.getByRole('button', { name: 'Aggiungi fascia a Lunedì' }).click();
  await form.getByLabel('Lunedì, fascia 1, apertura').fill('09:00');
  await form.getByLabel('Lunedì, fascia 1, chiusura').fill('12:30');
  // overlapping first: said next to Monday, nothing sent
  await form.getByLabel('Lunedì, fascia 2, apertura').fill('12:00');
  await form.getByLabel('Lunedì, fascia 2, chiusura').fill('18:00');
  await form.getByRole('button', { name: 'Aggiungi chiusura' }).click();
  await form.getByLabel('Dal').fill('2026-12-24');
  await form.getByLabel('Al (compreso)').fill('2026-12-26');
  await form.getByLabel('Motivo').fill('Natale');
  await form.getByRole('button', { name: 'Salva' }).click();
  await expect(form.getByLabel('Lunedì, fascia 2, apertura')).toHaveAccessibleDescription(/si sovrappongono/);
  await expect(form.getByLabel('Lunedì, fascia 2, apertura')).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('hub-form-error-1280.png'), fullPage: true });
  await form.getByLabel('Lunedì, fascia 2, apertura').fill('14:00');
  await form.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sede «Hub Piazza Ducale» creata' })).toBeVisible();
  const row = hubRow(page, 'Hub Piazza Ducale');
  await expect(row.getByRole('listitem')).toHaveText(['lun 09:00–12:30, 14:00–18:00']);
  await expect(row).toContainText('2026-12-24→2026-12-26 (Natale)');

  // a second hub with the same name, whatever its case, is refused next to the name
  await page.getByRole('button', { name: 'Nuova sede' }).click();
  const again = page.getByRole('region', { name: 'Nuova sede' });
  await again.getByLabel('Nome').fill('hub piazza ducale');
  await again.getByRole('button', { name: 'Salva' }).click();
  await expect(again.getByLabel('Nome')).toHaveAccessibleDescription(/Esiste già una sede chiamata/);
  await again.getByRole('button', { name: 'Annulla' }).click();

  await row.getByRole('button', { name: 'Modifica Hub Piazza Ducale' }).click();
  const edit = page.getByRole('region', { name: 'Modifica «Hub Piazza Ducale»' });
  await expect(edit.getByLabel('Lunedì, fascia 2, chiusura')).toHaveValue('18:00');
  await edit.getByLabel('Indirizzo').fill('Piazza Ducale 2, Vigevano');
  await edit.getByLabel('Scansione ripetuta entro (minuti)').fill('5');
  await edit.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'aggiornata' })).toBeVisible();
  await expect(hubRow(page, 'Hub Piazza Ducale')).toContainText('Piazza Ducale 2, Vigevano');
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('hubs-1280.png'), fullPage: true });
});

test('archiving a hub with kiosks says so, names them, and can be cancelled', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsCoordinator(page);
  const row = hubRow(page, 'Hub Cavallerizza');
  await expect(row.getByRole('cell').nth(6)).not.toHaveText('0');
  await row.getByRole('button', { name: 'Archivia Hub Cavallerizza' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Archiviare «Hub Cavallerizza»?' });
  await expect(dialog).toContainText('ancora');
  await expect(dialog.getByRole('button', { name: 'Ritira i totem e archivia' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('hubs-archive-390.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Annulla' }).click();
  await expect(dialog).toBeHidden();
  await expect(hubRow(page, 'Hub Cavallerizza')).toContainText('attiva');
});

test('a PIN another facilitator of the hub has is refused by the server next to the PIN field', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsCoordinator(page);
  await page.getByRole('link', { name: 'Facilitatori' }).click();
  for (const [name, expectCreated] of [
    ['Prima Facilitatrice', true],
    ['Secondo Facilitatore', false],
  ] as const) {
    await page.getByRole('button', { name: 'Nuovo facilitatore' }).click();
    const form = page.getByRole('region', { name: 'Nuovo facilitatore' });
    await form.getByLabel('Nome e cognome').fill(name);
    await form.getByRole('group', { name: 'Sedi' }).getByRole('checkbox').first().check();
    const pin = form.getByLabel(/^PIN/);
    await pin.fill('12');
    await form.getByRole('button', { name: 'Salva' }).click();
    // checked in the browser with the server's own rule, said next to the field
    await expect(pin).toHaveAccessibleDescription(/./);
    await pin.fill('806142');
    await form.getByRole('button', { name: 'Salva' }).click();
    if (expectCreated) {
      await expect(
        page.getByRole('status').filter({ hasText: `Facilitatore «${name}» creato` }),
      ).toBeVisible();
    } else {
      await expect(pin).toHaveAccessibleDescription(/Questo PIN è già usato da un altro facilitatore/);
      await expect(pin).toHaveAttribute('aria-invalid', 'true');
    }
  }
});

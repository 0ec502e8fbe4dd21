import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import {
  DASHBOARD_PAGES,
  ESF_INDICATOR_LABEL,
  ESF_INDICATORS,
  ESF_LINES,
  ROLES,
  type Role,
} from '@vigevano/protocol';
import { signInToDashboard } from '@vigevano/testkit/dashboard-sign-in';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';

// The dashboard as coordinators use it: built, served by a real sync server with the demo city, in Chromium.
// Every page for every role, checked with axe-core, with a full-page screenshot kept as a test artifact.

// Who may open which page comes from the one access table (packages/protocol ACCESS); here only each page's heading.
const HEADING: Record<string, string> = {
  '/': 'La città oggi',
  '/presenze': 'Presenze',
  '/connessioni': 'Connessioni tra gli hub',
  '/attivita': 'Attività e corsi',
  '/fse': "FSE+: persone con tessera nell'anno",
  '/fse-operazioni': 'FSE+ per operazione',
  '/contenuti': 'Contenuti dei totem',
  '/avvisi': 'Avvisi urgenti',
  '/dispositivi': 'Totem',
  '/persone': 'Persone',
  '/registro': 'Registro attività',
  '/personale': 'Personale',
  '/sedi': 'Sedi',
  '/facilitatori': 'Facilitatori',
  '/scansioni-rifiutate': 'Scansioni rifiutate',
  '/riproduzioni': 'Riproduzioni',
  '/operazioni': 'Operazioni',
  '/pianificazione': 'Pianificazione',
  '/partecipanti': 'Partecipanti',
};
const PAGES = DASHBOARD_PAGES.map((p) => {
  const heading = HEADING[p.path];
  if (!heading) throw new Error(`no heading known for the page ${p.path}`);
  return { ...p, heading };
});

let server: DemoServer;
let stateDir: string;
const statePath = (role: Role) => join(stateDir, `${role}.json`);

test.beforeAll(async ({ browser }) => {
  server = await startDemoServer();
  stateDir = mkdtempSync(join(tmpdir(), 'vigevano-dashboard-e2e-'));
  // One sign-in per role (the login route is rate limited), reused by every test through its cookies.
  for (const role of ROLES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInToDashboard(page, server, role);
    await context.storageState({ path: statePath(role) });
    await context.close();
  }
});
test.afterAll(async () => {
  await server?.dispose();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

async function pageAs(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext({ storageState: statePath(role) });
  return context.newPage();
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a wrong password is refused with a message in Italian', async ({ page }) => {
  await page.goto(server.url);
  await page.getByLabel('Email').fill('admin@vigevano.demo');
  await page.getByLabel('Password').fill('sbagliata');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('alert')).toHaveText('email o password non corretti');
  await expectAccessible(page);
});

for (const role of ROLES) {
  test(`${role}: every page it may open works, is accessible and is photographed; the others are closed`, async ({
    browser,
  }) => {
    // Every page with an axe-core pass: on a loaded machine the default 2 minutes is not enough for the admin's.
    test.slow();
    const page = await pageAs(browser, role);
    const nav = page.getByRole('navigation', { name: 'Pagine del cruscotto' });
    for (const p of PAGES) {
      await page.goto(server.url + p.path);
      const allowed = p.roles.includes(role);
      await expect(nav.getByRole('link', { name: p.label, exact: true })).toHaveCount(allowed ? 1 : 0);
      if (!allowed) {
        await expect(page.getByRole('heading', { name: 'Pagina non disponibile' })).toBeVisible();
        continue;
      }
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Caricamento…' })).toHaveCount(0);
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expectAccessible(page);
      await page.screenshot({
        path: test.info().outputPath(`${role}-${p.path === '/' ? 'oggi' : p.path.slice(1)}.png`),
        fullPage: true,
      });
    }
    await page.context().close();
  });
}

test('a hub lead sees only their own hub; the admin sees the whole city', async ({ browser }) => {
  const lead = await pageAs(browser, 'hub_lead');
  await lead.goto(server.url);
  const rows = lead.locator('table.overview tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('rowheader')).toHaveText('Hub Cavallerizza');
  await lead.goto(`${server.url}/presenze`);
  await expect(lead.getByRole('combobox', { name: 'Hub', exact: true })).toHaveCount(0);
  await expect(lead.getByRole('heading', { name: 'Per hub' })).toHaveCount(0);
  const admin = await pageAs(browser, 'admin');
  await admin.goto(server.url);
  await expect(admin.locator('table.overview tbody tr')).toHaveCount(3);
  await expect(admin.getByText('● in diretta')).toBeVisible();
});

test('attendance filters live in the URL: a shared address opens the same view', async ({ browser }) => {
  const page = await pageAs(browser, 'coordinator');
  await page.goto(`${server.url}/presenze`);
  await page.getByRole('combobox', { name: 'Per', exact: true }).selectOption('day');
  await expect(page).toHaveURL(/per=giorno/);
  const hub = page.getByRole('combobox', { name: 'Hub', exact: true });
  await hub.selectOption({ label: 'Hub Sforzesca' });
  await expect(page).toHaveURL(/hub=/);
  const url = page.url();
  const shared = await pageAs(browser, 'viewer');
  await shared.goto(url);
  await expect(shared.getByRole('combobox', { name: 'Per', exact: true })).toHaveValue('day');
  await expect(shared.getByRole('combobox', { name: 'Hub', exact: true })).toHaveValue(
    new URL(url).searchParams.get('hub') as string,
  );
  await expect(shared.locator('table.series tbody tr').first()).toBeVisible();
  await expect(shared.getByRole('link', { name: 'Scarica CSV' }).first()).toHaveAttribute(
    'download',
    /\.csv$/,
  );
});

test('attendance says how many check-ins of kiosks offline at the same time it left out', async ({
  browser,
}) => {
  const page = await pageAs(browser, 'coordinator');
  await page.goto(`${server.url}/presenze`);
  // The demo city's history: both kiosks of Hub Cavallerizza offline together last week took three cards twice.
  const note = page.getByTestId('duplicates');
  await expect(note).toBeVisible();
  const range = `from=${await rangeOf(page, 'Dal')}&to=${await rangeOf(page, 'Al')}`;
  const report = await (await page.request.get(`${server.url}/api/dashboard/attendance?${range}`)).json();
  expect(report.duplicates).toBeGreaterThanOrEqual(3);
  await expect(note).toContainText(
    `${report.duplicates} ingressi doppi da totem offline nello stesso momento`,
  );
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('attendance-duplicates.png'), fullPage: true });
});

async function rangeOf(page: Page, label: string): Promise<string> {
  return page.getByLabel(label, { exact: true }).inputValue();
}

test('a coordinator writes an info screen, previews it as on the kiosk and publishes it', async ({
  browser,
}) => {
  const page = await pageAs(browser, 'coordinator');
  await page.goto(`${server.url}/contenuti`);
  await page.getByRole('button', { name: 'Nuovo contenuto' }).click();
  await page.getByLabel('Titolo (italiano)').fill('Mercatino del riuso');
  await page.getByLabel('Testo (italiano)').fill('Sabato in Piazza Ducale, dalle 9.');
  await page.getByLabel('Titolo (inglese)').fill('Second-hand market');
  const preview = page.getByRole('figure', { name: 'Anteprima come sul totem' });
  await expect(preview.getByRole('heading', { name: 'Mercatino del riuso' })).toBeVisible();
  await page.getByLabel('Hub Sforzesca').check();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('content-editor.png'), fullPage: true });
  await page.getByRole('button', { name: 'Salva' }).click();
  const item = page.locator('.content-item').filter({ hasText: 'Mercatino del riuso' });
  await expect(item).toContainText('bozza');
  await item.getByRole('button', { name: 'Pubblica Mercatino del riuso' }).click();
  await expect(item).toContainText('pubblicato');
});

test('a coordinator makes an enrolment code with its QR', async ({ browser }) => {
  const page = await pageAs(browser, 'coordinator');
  await page.goto(`${server.url}/dispositivi`);
  await expect(page.locator('table.devices tbody tr')).toHaveCount(6);
  await page.getByRole('button', { name: 'Crea codice di registrazione' }).click();
  await expect(page.getByTestId('enrolment-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByRole('img', { name: /QR del codice/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('devices-enrolment.png'), fullPage: true });
});

test('a hub lead registers a person with consent, finds them, then erases their data', async ({
  browser,
}) => {
  const page = await pageAs(browser, 'hub_lead');
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${server.url}/persone`);
  await page.getByRole('button', { name: 'Registra una persona' }).click();
  await page.getByLabel('Nome sulla tessera').fill('Gioia');
  await page.getByText('Dati personali (facoltativi, con consenso)').click();
  await page.getByLabel('Registra anche i dati personali').check();
  await page.getByLabel('Nome', { exact: true }).fill('Gioia');
  await page.getByLabel('Cognome').fill('Esposito');
  await page.getByLabel('Genere').selectOption('female');
  await page.getByRole('button', { name: 'Emetti la tessera' }).click();
  // The refusal is worded in Italian next to the consent box, which is marked invalid and takes the focus.
  const consent = page.getByLabel(/acconsente al trattamento/);
  await expect(consent).toHaveAccessibleDescription('Errore: Serve il consenso della persona');
  await expect(consent).toHaveAttribute('aria-invalid', 'true');
  await expect(consent).toBeFocused();
  await expect(page.locator('.field', { has: consent })).toContainText('Serve il consenso della persona');
  await expect(page.getByText(/invalid body|must be equal/)).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('person-consent-missing.png'), fullPage: true });
  await consent.check();
  await page.getByRole('button', { name: 'Emetti la tessera' }).click();
  await expect(page.getByRole('img', { name: 'QR della tessera di Gioia' })).toBeVisible();
  await page.getByRole('button', { name: 'Apri la scheda della persona' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gioia Esposito' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('person.png'), fullPage: true });
  await page.getByRole('button', { name: 'Cancella i dati personali' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Persone' })).toBeVisible();
  await page.getByLabel('Cerca').fill('esposito');
  await page.getByRole('button', { name: 'Cerca', exact: true }).click();
  await expect(page.getByText('Nessun dato per questa selezione.')).toBeVisible();
});

test('the admin opens a session roster with the facilitator notes', async ({ browser }) => {
  const page = await pageAs(browser, 'admin');
  await page.goto(`${server.url}/attivita`);
  await page
    .getByRole('button', { name: /^Apri elenco/ })
    .first()
    .click();
  await expect(
    page.getByRole('table', { name: 'Partecipanti iscritti' }).locator('tbody tr').first(),
  ).toBeVisible();
  await expectAccessible(page);
});

test('signing out ends the session', async ({ browser }) => {
  const page = await pageAs(browser, 'viewer');
  await page.goto(`${server.url}/fse`);
  await expect(page.getByTestId('esf-participants')).not.toHaveText('0');
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.getByRole('button', { name: 'Accedi' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Accedi' })).toBeVisible();
});

test('the ESF+ page prints every line of the indicator table, with its label, under its heading', async ({
  browser,
}) => {
  // Not the viewer: the sign-out test before this one ended the viewer's session.
  const page = await pageAs(browser, 'coordinator');
  await page.goto(`${server.url}/fse`);
  for (const indicator of ESF_INDICATORS.filter((i) => i !== 'total')) {
    const section = page.getByTestId(`esf-${indicator}`);
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(ESF_INDICATOR_LABEL[indicator]);
    await expect(section.locator('tbody th[scope="row"]')).toHaveText(
      ESF_LINES.filter((l) => l.indicator === indicator).map((l) => l.label),
    );
  }
  await page.context().close();
});

test('the admin renames and retires a kiosk; the audit log shows both, filters by action and downloads CSV', async ({
  browser,
}) => {
  const page = await pageAs(browser, 'admin');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/dispositivi`);
  const rows = page.locator('table.devices tbody tr');
  await expect(rows).toHaveCount(6);
  const rowOf = (name: string) => rows.filter({ has: page.getByRole('rowheader', { name }) });
  // A name of blanks is refused in Italian, and nothing changes.
  await rows
    .first()
    .getByRole('button', { name: /^Modifica/ })
    .click();
  await page.getByLabel('Nome').fill('   ');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('alert')).toHaveText('il nome del totem non può essere vuoto');
  await page.getByLabel('Nome').fill('Totem della sala studio');
  await page.getByLabel('Posizione', { exact: true }).fill('Sala studio, primo piano');
  await page.getByRole('button', { name: 'Salva' }).click();
  const renamed = rowOf('Totem della sala studio');
  await expect(renamed).toContainText('Sala studio, primo piano');
  await expect(page.getByRole('alert')).toHaveCount(0);
  page.once('dialog', (dialog) => void dialog.accept());
  await renamed.getByRole('button', { name: /^Ritira/ }).click();
  await expect(renamed).toContainText('ritirato il');
  await expect(renamed.getByRole('button')).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('devices-retired-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('devices-retired-390.png'), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/registro`);
  await expect(page.getByRole('heading', { level: 1, name: 'Registro attività' })).toBeVisible();
  const entries = page.locator('table.audit tbody tr');
  await expect(entries.filter({ hasText: 'totem ritirato' })).toHaveCount(1);
  const rename = entries.filter({ hasText: 'totem rinominato' });
  await expect(rename).toHaveCount(1);
  await expect(rename).toContainText('Totem della sala studio');
  await expect(rename).toContainText('Sala studio, primo piano');
  await page.getByRole('combobox', { name: 'Azione' }).selectOption({ label: 'totem ritirato' });
  await expect(page).toHaveURL(/action=device\.retire/);
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('totem ritirato');
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('audit-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('audit-390.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Scarica CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('registro-attivita.csv');
  const csv = readFileSync((await file.path()) as string, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('"device.retire"');
  expect(lines[1]).toContain('Totem della sala studio');
  await page.context().close();
});

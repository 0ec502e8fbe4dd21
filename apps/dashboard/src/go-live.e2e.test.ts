import { type Browser, expect, type Page, test } from '@playwright/test';
import { type RunningProcess, startHubService } from '@vigevano/testkit/processes';
import { type ProductionCity, startProductionCity } from '@vigevano/testkit/production-city';
import { tempDir } from '@vigevano/testkit/tmp';

// Issue 15, "going live": a new city set up by its own staff from an EMPTY store, as production runs it (NODE_ENV
// production, behind nginx with TLS), in real Chromium, once on SQLite and once on PostgreSQL. No demo seed: every
// account, hub, facilitator and kiosk below is made through the screens people use, in this order:
// setup link → admin → hub with opening hours → invited hub lead → facilitator with a PIN → kiosk enrolled →
// the facilitator issues a card at the kiosk → a visitor checks in → the dashboard and the audit log show it all.

const ADMIN = { email: 'amministrazione@comune.example', name: 'Anna Amministratrice' };
const LEAD = { email: 'responsabile@comune.example', name: 'Luca Responsabile' };
const PASSWORD = 'Lomellina-Sforzesca-Ducale';
const HUB = 'Hub Piazza Ducale';
const FACILITATOR = { name: 'Fatima Facilitatrice', pin: '480917' };
const VISITOR = 'Nadia';

/** The weekday and wall-clock date at the hub (Europe/Rome, the form's default zone), 0 = Sunday as the form counts. */
function hubToday(): { day: number; dayName: string } {
  const name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Europe/Rome' }).format(
    new Date(),
  );
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name);
  const dayName = ['Domenica', 'Lunedì', 'Martedì', 'Mercoledì', 'Giovedì', 'Venerdì', 'Sabato'][day] ?? '';
  return { day, dayName };
}

/** A screenshot of this step, kept as a test artifact. */
async function shot(page: Page, step: string) {
  await page.screenshot({ path: test.info().outputPath(`${step}.png`), fullPage: true });
}

/** A browser of its own for each person (no shared session), trusting the proxy's self-signed certificate. */
async function browserFor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
  });
  return context.newPage();
}

async function signIn(page: Page, city: ProductionCity, email: string, name: string) {
  await page.goto(city.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByText(name, { exact: false }).first()).toBeVisible();
}

/** Sets a name and password on an account link (setup or invite) and leaves the page signed out. */
async function acceptLink(
  page: Page,
  url: string,
  person: { email: string; name: string },
  typeEmail: boolean,
) {
  await page.goto(url);
  if (typeEmail) await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Nome e cognome').fill(person.name);
  await page.getByLabel('Nuova password').fill(PASSWORD);
  await page.getByLabel('Ripeti la password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Salva la password' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `ora puoi accedere come ${person.email}` }),
  ).toBeVisible();
}

/** Step 1: the one-time link the server printed at its first start creates the first administrator. */
async function firstAdministrator(page: Page, city: ProductionCity) {
  const printed = city.server.output().match(/https:\/\/\S+\/accesso\/[A-Za-z0-9_-]+/);
  expect(printed, `no setup link in the server's log:\n${city.server.output()}`).not.toBeNull();
  const url = printed?.[0] ?? '';
  expect(url.startsWith(`${city.url}/accesso/`)).toBe(true);
  await acceptLink(page, url, ADMIN, true);
  await shot(page, '01-setup-link');
  await signIn(page, city, ADMIN.email, ADMIN.name);
  await shot(page, '02-admin-signed-in');
}

/** Step 2: the admin creates the hub, open all day today (so that the check-in below falls in its hours). */
async function createHub(page: Page) {
  const { day, dayName } = hubToday();
  await page.getByRole('link', { name: 'Sedi' }).click();
  await page.getByRole('button', { name: 'Nuova sede' }).click();
  const form = page.getByRole('region', { name: 'Nuova sede' });
  await form.getByLabel('Nome').fill(HUB);
  await form.getByLabel('Indirizzo').fill('Piazza Ducale 1, Vigevano');
  await form.getByLabel('Zona').selectOption('Centro');
  await form.getByLabel('giovani NEET').check();
  await form
    .getByTestId(`day-${day}`)
    .getByRole('button', { name: `Aggiungi fascia a ${dayName}` })
    .click();
  await form.getByLabel(`${dayName}, fascia 1, apertura`).fill('00:00');
  await form.getByLabel(`${dayName}, fascia 1, chiusura`).fill('23:59');
  await form.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Sede «${HUB}» creata` })).toBeVisible();
  await shot(page, '03-hub-created');
}

/** Step 3: the admin invites the hub lead of that hub and hands over the link. */
async function inviteHubLead(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Personale' }).click();
  const invite = page.getByRole('region', { name: 'Invita una persona' });
  await invite.getByLabel('Email').fill(LEAD.email);
  await invite.getByLabel('Ruolo').selectOption({ label: 'responsabile di hub' });
  await invite.getByRole('group', { name: 'Hub di cui è responsabile' }).getByLabel(HUB).check();
  await invite.getByRole('button', { name: 'Crea il link di invito' }).click();
  const url = await page.getByTestId('account-link').inputValue();
  await shot(page, '04-hub-lead-invited');
  return url;
}

/** Step 4: the hub lead, in a browser of their own, accepts the invite, signs in and adds a facilitator with a PIN. */
async function hubLeadAddsFacilitator(page: Page, city: ProductionCity, inviteUrl: string) {
  await acceptLink(page, inviteUrl, LEAD, false);
  await signIn(page, city, LEAD.email, `${LEAD.name} (responsabile di hub)`);
  await page.getByRole('link', { name: 'Facilitatori' }).click();
  await page.getByRole('button', { name: 'Nuovo facilitatore' }).click();
  const form = page.getByRole('region', { name: 'Nuovo facilitatore' });
  await form.getByLabel('Nome e cognome').fill(FACILITATOR.name);
  await expect(form.getByLabel(HUB)).toBeChecked();
  await form.getByLabel(/^PIN/).fill(FACILITATOR.pin);
  await form.getByRole('button', { name: 'Salva' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Facilitatore «${FACILITATOR.name}» creato` }),
  ).toBeVisible();
  await shot(page, '05-facilitator-created');
}

/** Step 5: the admin makes an enrolment code for the hub; the new kiosk, on an empty folder, enrols with it. */
async function enrolKiosk(admin: Page, kiosk: Page, city: ProductionCity, hub: RunningProcess) {
  await admin.getByRole('link', { name: 'Totem' }).click();
  const enrol = admin.getByRole('region', { name: 'Registra un nuovo totem' });
  await enrol.getByLabel('Hub').selectOption({ label: HUB });
  await enrol.getByRole('button', { name: 'Crea codice di registrazione' }).click();
  const code = (await admin.getByTestId('enrolment-code').textContent()) ?? '';
  await shot(admin, '06-enrolment-code');

  await kiosk.goto(hub.url);
  await expect(kiosk.getByRole('heading', { name: 'Registrazione del totem' })).toBeVisible();
  await kiosk.getByLabel('Indirizzo del server').fill(city.url);
  await kiosk.getByLabel('Codice di registrazione').fill(code);
  await kiosk.getByRole('button', { name: 'Registra il totem' }).click();
  await expect(kiosk.getByText('Mostra la tua tessera per entrare').first()).toBeVisible({ timeout: 30_000 });
  await expect(kiosk.getByRole('heading', { level: 1 })).toHaveText(HUB);
  await shot(kiosk, '07-kiosk-enrolled');
}

/** Step 6: the facilitator opens facilitator mode with their own PIN and issues a card; returns its short code. */
async function facilitatorIssuesCard(kiosk: Page): Promise<string> {
  // The PIN reaches the kiosk with its first sync after enrolment: until then it is refused, so try again.
  await expect(async () => {
    await kiosk.getByRole('button', { name: 'Personale' }).click();
    await kiosk.getByLabel("PIN dell'hub").fill(FACILITATOR.pin);
    await kiosk.getByRole('button', { name: 'Entra' }).click();
    await expect(kiosk.getByRole('heading', { name: `Facilitatore: ${FACILITATOR.name}` })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 60_000 });
  await kiosk.getByLabel('Nome sulla tessera (come salutare la persona)').fill(VISITOR);
  await kiosk.getByRole('button', { name: 'Emetti la tessera' }).click();
  const issued = kiosk.getByRole('status').filter({ hasText: 'Tessera emessa per' });
  await expect(issued).toContainText(VISITOR);
  await shot(kiosk, '08-card-issued');
  const code = ((await issued.textContent()) ?? '').match(/codice\s+([A-Z0-9-]+)\)/)?.[1];
  expect(code, 'the short code printed with the issued card').toBeTruthy();
  await kiosk.getByRole('button', { name: 'Esci dalla modalità facilitatore' }).click();
  return code ?? '';
}

/** Step 7: the visitor types the code printed on the card at the kiosk and is let in. */
async function visitorChecksIn(kiosk: Page, code: string) {
  await kiosk.getByRole('button', { name: 'Scrivi il codice' }).click();
  await kiosk.getByLabel('Scrivi il codice stampato').fill(code);
  await kiosk.getByRole('button', { name: 'Conferma' }).click();
  const answer = kiosk.locator('main[data-code]');
  await expect(answer).toHaveAttribute('data-code', 'accepted');
  await expect(answer.getByRole('alert')).toContainText(VISITOR);
  await shot(kiosk, '09-visitor-checked-in');
}

/** Step 8: once the kiosk has synced, the admin's "La città oggi" counts the check-in at the hub. */
async function dashboardShowsCheckIn(admin: Page) {
  await admin.getByRole('link', { name: 'Oggi', exact: true }).click();
  const row = admin
    .getByRole('table', { name: 'Gli hub ora' })
    .getByRole('row')
    .filter({ has: admin.getByRole('rowheader', { name: HUB }) });
  await expect(async () => {
    await admin.reload();
    // Zona, Presenti ora, Ingressi oggi (the hub's name is the row header, not a cell)
    await expect(row.getByRole('cell')).toHaveText(['Centro', '1', '1', /\d/, /\d/], { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await shot(admin, '10-dashboard-check-in');
}

/** Step 9: the audit log lists every administrative step above, oldest first, with who did it. */
async function auditLogShowsEverything(admin: Page) {
  await admin.getByRole('link', { name: 'Registro attività' }).click();
  const rows = admin.getByRole('table', { name: 'Operazioni, dalla più recente' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const entries = (
    await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim());
        return `${cells[1]} · ${cells[2]}`;
      }),
    )
  ).reverse();
  await shot(admin, '11-audit-log');
  expect(entries).toEqual(EXPECTED_AUDIT);
}

/** Who did what, as the audit page shows it: every administrative step of the test, in order. */
const EXPECTED_AUDIT = [
  'first start on an empty store · link per il primo amministratore creato',
  `${ADMIN.email} · account attivato`,
  `${ADMIN.email} · sede creata`,
  `${ADMIN.email} · invito creato`,
  `${LEAD.email} · account attivato`,
  `${LEAD.email} · facilitatore creato`,
  `${ADMIN.email} · codice di registrazione creato`,
  'registrazione con codice · totem registrato',
];

for (const store of ['sqlite', 'postgres'] as const) {
  test(`a city goes live from an empty ${store} store, set up by its own staff`, async ({ browser }) => {
    test.setTimeout(300_000);
    const city = await startProductionCity(store);
    test.skip(
      !city,
      `no ${store === 'postgres' ? 'PostgreSQL' : 'nginx/openssl'} on this machine (printed above)`,
    );
    if (!city) return;
    const kioskDir = tempDir('vigevano-go-live-kiosk-');
    let hub: RunningProcess | undefined;
    try {
      hub = await startHubService(kioskDir.path, { NODE_EXTRA_CA_CERTS: city.certificate }, '/health');
      const admin = await browserFor(browser);
      await firstAdministrator(admin, city);
      await createHub(admin);
      const inviteUrl = await inviteHubLead(admin);
      await hubLeadAddsFacilitator(await browserFor(browser), city, inviteUrl);
      const kiosk = await browserFor(browser);
      await enrolKiosk(admin, kiosk, city, hub);
      const code = await facilitatorIssuesCard(kiosk);
      await visitorChecksIn(kiosk, code);
      await dashboardShowsCheckIn(admin);
      await auditLogShowsEverything(admin);
    } finally {
      await hub?.stop();
      await city.dispose();
      kioskDir.remove();
    }
  });
}

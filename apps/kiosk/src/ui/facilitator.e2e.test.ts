import { expect, type Page, test } from '@playwright/test';
import { axeViolations } from '@vigevano/testkit/axe';
import {
  type DemoServer,
  demoCards,
  demoFacilitatorPin,
  type RunningProcess,
  startDemoServer,
  startHubService,
} from '@vigevano/testkit/processes';

// A facilitator's session from open to close, in Chromium, at a kiosk synced from a real demo city.
let server: DemoServer;
let hub: RunningProcess;
let pin: string;

test.beforeAll(async () => {
  server = await startDemoServer();
  hub = await startHubService(server.kioskDirs()[0] as string);
  const state = await (await fetch(`${hub.url}/api/kiosk/state`)).json();
  pin = demoFacilitatorPin(server.dataDir, state.hub.id);
});
test.afterAll(async () => {
  await hub?.stop();
  await server?.dispose();
});

async function enterPin(page: Page, value: string) {
  await page.getByRole('button', { name: 'Personale' }).click();
  await page.getByLabel("PIN dell'hub").fill(value);
  await page.getByRole('button', { name: 'Entra' }).click();
}

test('a wrong PIN is refused; the right one opens facilitator mode', async ({ page }) => {
  await page.goto(hub.url);
  await enterPin(page, '000000');
  await expect(page.getByRole('alert')).toHaveText('PIN non corretto.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel("PIN dell'hub").fill(pin);
  await page.getByRole('button', { name: 'Entra' }).click();
  await expect(page.getByRole('heading', { name: 'Facilitatore: PIN' })).toBeVisible();
});

test('open a session, check a visitor into it, mark another by hand, close it with notes', async ({
  page,
}) => {
  const cards = (await demoCards(server.url)).filter((c) => !c.alias.includes('facilitatore'));
  await page.goto(hub.url);
  await enterPin(page, pin);
  // A session planned now (the demo's own may all be over, late in the evening).
  await page.getByText('Nuova attività').click();
  await page.getByLabel('Titolo').fill('Laboratorio di prova');
  await page.getByRole('button', { name: "Crea l'attività" }).click();
  await expect(page.locator('.session-list li[aria-current="true"]')).toContainText('Laboratorio di prova');
  await page.getByRole('button', { name: 'Apri e registra le presenze qui' }).click();
  await expect(page.locator('.session-list li[aria-current="true"] .status')).toHaveText('aperta');
  await page.screenshot({ path: test.info().outputPath('facilitator-open.png'), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // Back to the idle screen: the next card is checked into the session.
  await page.getByRole('button', { name: 'Esci dalla modalità facilitatore' }).click();
  await expect(page.locator('.active-session')).toBeVisible();
  const visitor = cards[2] as (typeof cards)[number];
  await page.evaluate(
    (keys) => {
      for (const key of [...keys, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    },
    [...visitor.token],
  );
  await expect(page.locator('main.answer')).toHaveAttribute('data-code', 'accepted');
  await expect(page.getByRole('alert')).toContainText('Laboratorio di prova');

  await page.locator('main.answer').click();
  await enterPin(page, pin);
  await page.locator('.session-list li[aria-current="true"] button').click();
  const row = page.locator('.roster tbody tr').filter({ hasText: visitor.alias });
  await expect(row.locator('td').first()).toHaveText('presente');
  await row.getByRole('button', { name: 'Assente' }).click();
  await expect(row.locator('td').first()).toHaveText('assente');
  await page.getByLabel('Note di chiusura').fill('Gruppo attento, ripassare i verbi.');
  await page.getByRole('button', { name: "Chiudi l'attività" }).click();
  await expect(page.locator('.session-list li[aria-current="true"] .status')).toHaveText('chiusa');
  await expect(page.getByText('Note: Gruppo attento, ripassare i verbi.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('facilitator-closed.png'), fullPage: true });
});

test('issue a new card at the kiosk and get its printable sheet', async ({ page }) => {
  await page.goto(hub.url);
  await enterPin(page, pin);
  await page.getByLabel('Nome sulla tessera (come salutare la persona)').fill('Nadia');
  await page.getByLabel('Lingua').selectOption('fr');
  await page.getByRole('button', { name: 'Emetti la tessera' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tessera emessa per' })).toContainText('Nadia');
  const sheet = page.frameLocator('iframe[title="Tessera da stampare"]');
  await expect(sheet.locator('.alias')).toHaveText('Nadia');
  await expect(sheet.locator('svg')).toHaveCount(1);
  // The sheet page keeps its print layout (its own inline styles are allowed there, nowhere else).
  await expect(sheet.locator('.card')).toHaveCSS('border-top-style', 'dashed');
  await page.screenshot({ path: test.info().outputPath('facilitator-card.png'), fullPage: true });
});

test('replace a lost card: a new card for the same visitor prints (the old one is revoked: hub service tests)', async ({
  page,
}) => {
  await page.goto(hub.url);
  await enterPin(page, pin);
  await page.getByText('Nuova tessera').scrollIntoViewIfNeeded();
  await page.getByLabel('Nome sulla tessera (come salutare la persona)').fill('Ilaria');
  await page.getByRole('button', { name: 'Emetti la tessera' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tessera emessa per' })).toContainText('Ilaria');
  const first = (await page.locator('.issued p').first().textContent()) ?? '';
  await page.getByText('Tessera persa: sostituisci').click();
  await page.getByLabel('Nome sulla tessera', { exact: true }).fill('Ilar');
  await page.getByRole('button', { name: 'Cerca' }).click();
  await page.locator('.found-cards li').first().getByRole('button', { name: 'Sostituisci' }).click();
  await expect(page.locator('.issued p').first()).not.toHaveText(first);
  await expect(page.frameLocator('iframe[title="Tessera da stampare"]').locator('.alias')).toHaveText(
    'Ilaria',
  );
});

test.describe('a kiosk whose system clock is set to another zone than its hub', () => {
  // The hub is in Europe/Rome; this browser thinks it is in New York. "10:00" typed by a facilitator is 10:00 at
  // the hub, on the hub's today, and is shown as such.
  test.use({ timezoneId: 'America/New_York' });

  test("plans a session at the typed time on the hub's wall clock", async ({ page }) => {
    await page.goto(hub.url);
    await enterPin(page, pin);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    await page.getByText('Nuova attività').click();
    await page.getByLabel('Titolo').fill('Ora di Vigevano');
    await page.getByLabel('Inizio').fill('10:00');
    await page.getByRole('button', { name: "Crea l'attività" }).click();
    await expect(page.locator('.session-list li[aria-current="true"]')).toContainText(
      '10:00 Ora di Vigevano',
    );
  });
});

import type { Page } from '@playwright/test';
import { axeViolations } from '@vigevano/testkit/axe';
import { demoFacilitator, demoFacilitatorPin } from '@vigevano/testkit/processes';
import {
  answerScreen,
  type DemoCard,
  expect,
  type KioskCity,
  scannerBurst,
  test,
} from './test-support/kiosk-test';

// A facilitator's session from open to close, in Chromium, at a kiosk synced from a real demo city.
test.use({ kiosk: {} });

/** The hub's facilitator PIN, as the demo seed wrote it. */
const hubPin = (city: KioskCity) => demoFacilitatorPin(city.server.dataDir, city.hubId);

/** Today's sessions in facilitator mode, and the one chosen (aria-current). */
const sessionList = (page: Page) => page.getByRole('list', { name: 'Attività di oggi' });
const chosenSession = (page: Page) => sessionList(page).locator('li[aria-current="true"]');

/** The roster of the chosen session (a table named by its caption, "Presenti: …"). */
const roster = (page: Page) => page.getByRole('table', { name: /^Presenti:/ });

async function enterPin(page: Page, value: string) {
  await page.getByRole('button', { name: 'Personale' }).click();
  await page.getByLabel("PIN dell'hub").fill(value);
  await page.getByRole('button', { name: 'Entra' }).click();
}

/** The kiosk's idle screen, then facilitator mode opened with the hub's PIN. */
async function openFacilitatorMode(page: Page, city: KioskCity) {
  await page.goto(city.hub.url);
  await enterPin(page, hubPin(city));
}

test('a wrong PIN is refused; the right one opens facilitator mode as that facilitator', async ({
  page,
  city,
}) => {
  await page.goto(city.hub.url);
  await enterPin(page, '000000');
  await expect(page.getByRole('alert')).toHaveText('PIN non corretto.');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel("PIN dell'hub").fill(hubPin(city));
  await page.getByRole('button', { name: 'Entra' }).click();
  const { name } = demoFacilitator(city.server.dataDir, city.hubId);
  await expect(page.getByRole('heading', { name: `Facilitatore: ${name}` })).toBeVisible();
});

test('open a session, check a visitor into it, mark another by hand, close it with notes', async ({
  page,
  city,
}) => {
  await openFacilitatorMode(page, city);
  // A session planned now (the demo's own may all be over, late in the evening).
  await page.getByText('Nuova attività').click();
  await page.getByLabel('Titolo').fill('Laboratorio di prova');
  await page.getByRole('button', { name: "Crea l'attività" }).click();
  await expect(chosenSession(page)).toContainText('Laboratorio di prova');
  await page.getByRole('button', { name: 'Apri e registra le presenze qui' }).click();
  await expect(chosenSession(page).getByText('aperta', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('facilitator-open.png'), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // Back to the idle screen: the next card is checked into the session.
  await page.getByRole('button', { name: 'Esci dalla modalità facilitatore' }).click();
  // The title is bidi-isolated (U+2068 … U+2069) inside the sentence, so it reads right in Arabic too.
  await expect(page.getByText('Attività: \u2068Laboratorio di prova\u2069')).toBeVisible();
  const visitor = city.cards[2] as DemoCard;
  await scannerBurst(page, visitor.token);
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
  await expect(page.getByRole('alert')).toContainText('Laboratorio di prova');

  await answerScreen(page).click();
  await enterPin(page, hubPin(city));
  await chosenSession(page).getByRole('button').click();
  const row = roster(page).getByRole('row').filter({ hasText: visitor.alias });
  await expect(row.getByRole('cell').nth(1)).toHaveText('presente');
  await row.getByRole('button', { name: 'Assente' }).click();
  await expect(row.getByRole('cell').nth(1)).toHaveText('assente');
  await page.getByLabel('Note di chiusura').fill('Gruppo attento, ripassare i verbi.');
  await page.getByRole('button', { name: "Chiudi l'attività" }).click();
  // A closed session leaves "today" for the read-only list of those done.
  await expect(chosenSession(page)).toHaveCount(0);
  const done = page.getByRole('list', { name: 'Concluse oggi (sola lettura)' });
  await expect(done.locator('li[aria-current="true"]').getByText('chiusa', { exact: true })).toBeVisible();
  await expect(page.getByText('Note: Gruppo attento, ripassare i verbi.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('facilitator-closed.png'), fullPage: true });
});

test('issue a new card at the kiosk and get its printable sheet', async ({ page, city }) => {
  await openFacilitatorMode(page, city);
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
  city,
}) => {
  await openFacilitatorMode(page, city);
  await page.getByText('Nuova tessera').scrollIntoViewIfNeeded();
  await page.getByLabel('Nome sulla tessera (come salutare la persona)').fill('Ilaria');
  await page.getByRole('button', { name: 'Emetti la tessera' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tessera emessa per' })).toContainText('Ilaria');
  const issued = page.getByText(/^Tessera emessa per/);
  const first = (await issued.textContent()) ?? '';
  await page.getByText('Tessera persa: sostituisci').click();
  await page.getByLabel('Nome sulla tessera', { exact: true }).fill('Ilar');
  await page.getByRole('button', { name: 'Cerca' }).click();
  await page
    .getByRole('list', { name: 'Tessere trovate' })
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: 'Sostituisci' })
    .click();
  await expect(issued).not.toHaveText(first);
  await expect(page.frameLocator('iframe[title="Tessera da stampare"]').locator('.alias')).toHaveText(
    'Ilaria',
  );
});

test.describe('a kiosk whose system clock is set to another zone than its hub', () => {
  // The hub is in Europe/Rome; this browser thinks it is in New York. "10:00" typed by a facilitator is 10:00 at
  // the hub, on the hub's today, and is shown as such.
  test.use({ timezoneId: 'America/New_York' });

  test("plans a session at the typed time on the hub's wall clock", async ({ page, city }) => {
    await openFacilitatorMode(page, city);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    await page.getByText('Nuova attività').click();
    await page.getByLabel('Titolo').fill('Ora di Vigevano');
    await page.getByLabel('Inizio').fill('10:00');
    await page.getByRole('button', { name: "Crea l'attività" }).click();
    await expect(chosenSession(page)).toContainText('10:00 Ora di Vigevano');
  });
});

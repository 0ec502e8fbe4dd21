import type { Locator, Page } from '@playwright/test';
import { shortCodeOf } from '@vigevano/protocol';
import { demoFacilitator, demoFacilitatorPin } from '@vigevano/testkit/processes';
import { answerScreen, expect, type KioskCity, scannerBurst, test } from '../test-support/kiosk-test';

/** A visitor's card of the demo city. */
type VisitorCard = KioskCity['cards'][number];

// A touch-only kiosk (issue 16, items 1 and 7): everything typed by taps on the on-screen keyboards, never on a
// physical keyboard (no fill, no keyboard.type in this file: only tap), every control big enough for a finger.
test.use({ kiosk: {}, hasTouch: true });

/** The kiosk sizes of issue 16: portrait totem, landscape, small landscape. */
const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

/** WCAG 2.5.5 (target size, enhanced): 44 CSS px; the kiosk's own rule is 48 (tokens.css --touch-target). */
const MIN_TARGET_PX = 48;

/** Taps each character of `text` on the keyboard `keyboard` (a key's accessible name is its character). */
async function tapText(keyboard: Locator, text: string) {
  for (const char of text) await keyboard.getByRole('button', { name: char, exact: true }).tap();
}

/** The visible controls of the page smaller than a finger in either direction, with their sizes. */
async function smallControls(page: Page): Promise<string[]> {
  const controls = page.locator('button, input, select, textarea, summary, a[href]');
  const small: string[] = [];
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    if (box && (box.width < MIN_TARGET_PX || box.height < MIN_TARGET_PX)) {
      const name =
        (await control.getAttribute('aria-label')) ?? (await control.textContent())?.trim() ?? 'unnamed';
      small.push(
        `${name || (await control.evaluate((e) => e.outerHTML.slice(0, 80)))}: ${box.width}×${box.height}`,
      );
    }
  }
  return small;
}

/** The hub's facilitator PIN, as the demo seed wrote it. */
const hubPin = (city: KioskCity) => demoFacilitatorPin(city.server.dataDir, city.hubId);

/** Facilitator mode opened by tapping the PIN on its pad. */
async function openFacilitatorModeByTaps(page: Page, city: KioskCity) {
  await page.getByRole('button', { name: 'Personale' }).tap();
  await tapText(page.getByRole('group', { name: 'Tastierino del PIN' }), hubPin(city));
  await expect(page.getByLabel("PIN dell'hub")).toHaveValue(hubPin(city));
  await page.getByRole('button', { name: 'Entra' }).tap();
  const { name } = demoFacilitator(city.server.dataDir, city.hubId);
  await expect(page.getByRole('heading', { name: `Facilitatore: ${name}` })).toBeVisible();
}

/** Facilitator mode at a kiosk of the given size, opened by taps. */
async function facilitatorModeAt(page: Page, city: KioskCity, size: (typeof SIZES)[number]) {
  await page.setViewportSize(size);
  await page.goto(city.hub.url);
  await openFacilitatorModeByTaps(page, city);
}

/** The keyboard docked at the bottom of a staff screen. */
const dockedKeyboard = (page: Page) => page.getByRole('group', { name: 'Tastiera', exact: true });

/** Plans a session for now by taps: the title on the name keyboard (shift for the capital), seats on the pad. */
async function createSessionByTaps(page: Page, title: string, seats: string) {
  await page.getByText('Nuova attività').tap();
  await page.getByLabel('Titolo').tap();
  await dockedKeyboard(page).getByRole('button', { name: 'Maiuscola' }).tap();
  await tapText(dockedKeyboard(page), title.slice(0, 1));
  for (const word of title.slice(1).split(' ')) {
    if (word !== title.slice(1).split(' ')[0])
      await dockedKeyboard(page).getByRole('button', { name: 'Spazio' }).tap();
    await tapText(dockedKeyboard(page), word);
  }
  await expect(page.getByLabel('Titolo')).toHaveValue(title);
  await page.getByLabel('Posti (0 = senza limite)').tap();
  await dockedKeyboard(page).getByRole('button', { name: "Cancella l'ultimo carattere" }).tap();
  await tapText(dockedKeyboard(page), seats);
  await expect(page.getByLabel('Posti (0 = senza limite)')).toHaveValue(seats);
  await page.getByRole('button', { name: "Crea l'attività" }).tap();
  const today = page.getByRole('list', { name: 'Attività di oggi' });
  await expect(today.locator('li[aria-current="true"]')).toContainText(title);
}

test('a visitor types the short card code by taps on the code pad and checks in', async ({ page, city }) => {
  await page.setViewportSize(SIZES[0]);
  await page.goto(city.hub.url);
  await page.getByRole('button', { name: 'Scrivi il codice' }).tap();
  const card = city.cards[3] as VisitorCard;
  const code = shortCodeOf(card.cardId);
  const pad = page.getByRole('group', { name: 'Tastiera' });
  // A slip corrected with the delete key, as a visitor would.
  await tapText(pad, code.slice(0, 4));
  await pad.getByRole('button', { name: "Cancella l'ultimo carattere" }).tap();
  await tapText(pad, code.slice(3));
  await expect(page.getByLabel('Scrivi il codice stampato')).toHaveValue(code);
  await page.getByRole('button', { name: 'Conferma' }).tap();
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
  await expect(answerScreen(page).getByRole('alert')).toContainText(card.alias);
});

test('every control of the visitor screens and the PIN pad is at least 48 × 48 CSS px, at every size', async ({
  page,
  city,
}) => {
  await page.goto(city.hub.url);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect(page.getByRole('button', { name: 'Scrivi il codice' })).toBeVisible();
    expect(await smallControls(page), `idle screen at ${size.width}×${size.height}`).toEqual([]);
    await page.getByRole('button', { name: 'Scrivi il codice' }).tap();
    await expect(page.getByRole('group', { name: 'Tastiera' })).toBeVisible();
    expect(await smallControls(page), `typed-code screen at ${size.width}×${size.height}`).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`typed-code-${size.width}x${size.height}.png`) });
    await page.getByRole('button', { name: 'Annulla' }).tap();
    await page.getByRole('button', { name: 'Personale' }).tap();
    await expect(page.getByRole('group', { name: 'Tastierino del PIN' })).toBeVisible();
    expect(await smallControls(page), `PIN screen at ${size.width}×${size.height}`).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`pin-${size.width}x${size.height}.png`) });
    await page.getByRole('button', { name: 'Annulla' }).tap();
    await page.getByRole('button', { name: 'Non ho la tessera' }).tap();
    expect(await smallControls(page), `guest screen at ${size.width}×${size.height}`).toEqual([]);
    await page.getByRole('button', { name: 'Annulla' }).tap();
  }
});

test('a facilitator opens the mode with the PIN and plans a session, by taps only', async ({
  page,
  city,
}) => {
  await facilitatorModeAt(page, city, SIZES[2]);
  await createSessionByTaps(page, 'Corso di cucito', '12');
});

test('a name is typed in Arabic on the Arabic keyboard for a card issued in Arabic', async ({
  page,
  city,
}) => {
  await facilitatorModeAt(page, city, SIZES[1]);
  await page.getByLabel('Lingua').selectOption('ar');
  const alias = page.getByLabel('Nome sulla tessera (come salutare la persona)');
  await alias.tap();
  // The card's language chose the keyboard; the Latin one is a tap away.
  await expect(page.getByRole('button', { name: 'أبجد' })).toHaveAttribute('aria-pressed', 'true');
  await tapText(dockedKeyboard(page), 'عمر');
  await expect(alias).toHaveValue('عمر');
  await page.getByRole('button', { name: 'Emetti la tessera' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Tessera emessa per' })).toContainText('عمر');
});

test('a closed session leaves "today", its roster is read-only; every facilitator control is finger-sized', async ({
  page,
  city,
}) => {
  await page.goto(city.hub.url);
  await openFacilitatorModeByTaps(page, city);
  await createSessionByTaps(page, 'Chiusa presto', '5');
  await page.getByRole('button', { name: 'Apri e registra le presenze qui' }).tap();
  await page.getByRole('button', { name: 'Esci dalla modalità facilitatore' }).tap();
  const visitor = city.cards[4] as VisitorCard;
  await scannerBurst(page, visitor.token);
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
  await answerScreen(page).tap();
  await openFacilitatorModeByTaps(page, city);

  const today = page.getByRole('list', { name: 'Attività di oggi' });
  await today.getByRole('button', { name: /Chiusa presto/ }).tap();
  const row = page
    .getByRole('table', { name: /^Presenti:/ })
    .getByRole('row')
    .filter({ hasText: visitor.alias });
  await expect(row.getByRole('button', { name: 'Assente' })).toBeVisible();
  await page.getByLabel('Note di chiusura').tap();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await smallControls(page), `facilitator screen at ${size.width}×${size.height}`).toEqual([]);
    // What the facilitator sees, the docked keyboard included (a full-page capture would misplace it).
    await page.screenshot({ path: test.info().outputPath(`facilitator-${size.width}x${size.height}.png`) });
  }
  await page.getByRole('button', { name: 'Nascondi la tastiera' }).tap();
  await page.getByRole('button', { name: "Chiudi l'attività" }).tap();

  await expect(today.getByText('Chiusa presto')).toHaveCount(0);
  const done = page.getByRole('list', { name: 'Concluse oggi (sola lettura)' });
  await expect(done.locator('li[aria-current="true"]')).toContainText('chiusa');
  await expect(row.getByRole('cell').first()).toHaveText('presente');
  await expect(page.getByRole('table', { name: /^Presenti:/ }).getByRole('button')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('facilitator-closed-session.png'), fullPage: true });
});

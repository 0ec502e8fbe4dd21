import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type Language, parseCardToken } from '@vigevano/protocol';
import { axeViolations } from '@vigevano/testkit/axe';
import type ItalianStrings from '../../../../resources/translations/it.json';
import { answerScreen, type DemoCard, expect, scannerBurst, test } from './test-support/kiosk-test';

// Issue 16 item 2, in Chromium against a real hub service of the demo city: the language a visitor taps governs
// the whole visit (every screen and the hub's answer), a card's language answers only when nothing was tapped,
// and the info screens fall back to Italian, marked left to right inside the mirrored Arabic screen.
test.use({ kiosk: {} });

/**
 * A language file of the kiosk, read as the app ships it (Playwright's Node loads no JSON modules), typed as the
 * Italian reference (i18n-coverage.test.ts checks every file has its keys).
 */
function strings(language: Language): typeof ItalianStrings {
  const file = join(import.meta.dirname, '../../../../resources/translations', `${language}.json`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
const it = strings('it');
const en = strings('en');
const ar = strings('ar');
const fr = strings('fr');

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/** The text before the first {{placeholder}} of a translated sentence ("Hello " of "Hello {{name}}, welcome!"). */
const opening = (sentence: string) => sentence.split('{{')[0] as string;

/** A demo visitor card printed in `language` that no other test of this file uses. */
function cardIn(cards: DemoCard[], language: Language, taken: Set<string>): DemoCard {
  const card = cards.find((c) => {
    const parsed = parseCardToken(c.token);
    return parsed.ok && parsed.card.language === language && !taken.has(c.cardId);
  });
  if (!card) throw new Error(`no demo card in ${language}`);
  taken.add(card.cardId);
  return card;
}
const used = new Set<string>();

/** A screenshot kept as a test artifact, and axe-core's verdict on the same screen. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  expect(await axeViolations(page), `axe-core on ${name}`).toEqual([]);
}

async function tapLanguage(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

for (const viewport of [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
]) {
  test(`tapped Arabic: date, status bar, camera message and info screens follow it; a wrong code answers in Arabic, right to left (${viewport.width}×${viewport.height})`, async ({
    page,
    city,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto(city.hub.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(city.hubName);
    await tapLanguage(page, 'العربية');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // The date in Arabic words (Intl), the status bar and the camera's message (no camera here) in Arabic.
    await expect(page.locator('header p span').first()).toHaveText(ARABIC_SCRIPT);
    await expect(page.getByRole('status')).toContainText(ar.ui.online);
    await expect(page.getByRole('alert')).toContainText(ar.ui.cameraFallback, { timeout: 20_000 });
    // The demo's info screens exist in Italian and English only: Italian, isolated left to right.
    const item = page.getByRole('heading', { level: 2 }).first();
    await expect(item).toHaveAttribute('lang', 'it');
    await expect(item).toHaveAttribute('dir', 'ltr');
    await shot(page, `arabic-attract-${viewport.width}x${viewport.height}`);

    await page.getByRole('button', { name: ar.ui.typeCode }).click();
    await page.getByLabel(ar.ui.typedTitle).fill('XYZ');
    await page.getByRole('button', { name: ar.ui.confirm }).click();
    const answer = answerScreen(page);
    await expect(answer).toHaveAttribute('data-code', 'invalid');
    await expect(answer).toHaveAttribute('lang', 'ar');
    await expect(answer).toHaveAttribute('dir', 'rtl');
    await expect(answer.getByRole('alert')).toHaveText(ar.checkin.invalid);
    await shot(page, `arabic-answer-${viewport.width}x${viewport.height}`);

    // The answer closes the visit: the next visitor finds the kiosk in Italian again.
    await answer.click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('button', { name: it.ui.typeCode })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(it.ui.online);
  });
}

test('tapped English: the guest answer is English, and the info screens show their English text', async ({
  page,
  city,
}) => {
  await page.goto(city.hub.url);
  await tapLanguage(page, 'English');
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: en.ui.noCard }).click();
  await page.getByRole('button', { name: en.ui.age_18_29 }).click();
  await page.getByRole('button', { name: en.ui.yes, exact: true }).click();
  const answer = answerScreen(page);
  await expect(answer).toHaveAttribute('data-code', 'accepted');
  await expect(answer).toHaveAttribute('lang', 'en');
  await expect(answer.getByRole('alert')).toContainText(en.checkin.guest);
});

test('tapped English, a French card answers in English; with nothing tapped, a French card answers in French', async ({
  page,
  city,
}) => {
  await page.goto(city.hub.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(city.hubName);
  await tapLanguage(page, 'English');
  const first = cardIn(city.cards, 'fr', used);
  await scannerBurst(page, first.token);
  const answer = answerScreen(page);
  await expect(answer).toHaveAttribute('data-code', 'accepted');
  await expect(answer).toHaveAttribute('lang', 'en');
  await expect(answer.getByRole('alert')).toContainText(opening(en.checkin.accepted));
  await expect(answer.getByRole('alert')).toContainText(first.alias);
  await answer.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');

  const second = cardIn(city.cards, 'fr', used);
  await scannerBurst(page, second.token);
  await expect(answer).toHaveAttribute('data-code', 'accepted');
  await expect(answer).toHaveAttribute('lang', 'fr');
  await expect(answer).toHaveAttribute('dir', 'ltr');
  await expect(answer.getByRole('alert')).toContainText(opening(fr.checkin.accepted));
});

import type { Page } from '@playwright/test';
import { axeViolations } from '@vigevano/testkit/axe';
import { answerScreen, type DemoCard, expect, scannerBurst, test } from './test-support/kiosk-test';

// Checking in as visitors do, in Chromium, against a real hub service synced from a real demo city.
test.use({ kiosk: {} });

/** A screenshot kept as a test artifact, and axe-core's verdict on the same screen. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  expect(await axeViolations(page), `axe-core on ${name}`).toEqual([]);
}

test('a USB scanner burst checks a card in; the answer fills the screen, then the idle screen returns', async ({
  page,
  city,
}) => {
  await page.goto(city.hub.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(city.hubName);
  await shot(page, 'attract');
  const card = city.cards[0] as DemoCard;
  // A keyboard-wedge scanner: the whole token in a few milliseconds per key, then Enter.
  await scannerBurst(page, card.token);
  const answer = answerScreen(page);
  await expect(answer).toHaveAttribute('data-code', 'accepted');
  await expect(answer.getByRole('alert')).toContainText(card.alias);
  await shot(page, 'answer-accepted');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(city.hubName, { timeout: 10_000 });
});

test('a person typing is not mistaken for a scanner', async ({ page, city }) => {
  await page.goto(city.hub.url);
  await page.keyboard.type('ciao come stai', { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(answerScreen(page)).toHaveCount(0);
});

test('the id typed from under the QR checks in; a wrong one says what to do', async ({ page, city }) => {
  await page.goto(city.hub.url);
  const card = city.cards[1] as DemoCard;
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  await page.getByLabel('Scrivi il codice stampato').fill(card.cardId.toLowerCase());
  await shot(page, 'typed-code');
  await page.getByRole('button', { name: 'Conferma' }).click();
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
  await answerScreen(page).click();
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  await page.getByLabel('Scrivi il codice stampato').fill('XYZ');
  await page.getByRole('button', { name: 'Conferma' }).click();
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'invalid');
  await expect(page.getByRole('alert')).toContainText('chiedi aiuto al personale');
});

test('a guest without a card is counted with two large-button answers', async ({ page, city }) => {
  await page.goto(city.hub.url);
  await page.getByRole('button', { name: 'Non ho la tessera' }).click();
  await page.getByRole('button', { name: '18–29' }).click();
  await shot(page, 'guest');
  await page.getByRole('button', { name: 'Sì' }).click();
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
});

test('in Arabic the layout mirrors and the answer comes in the card language', async ({ page, city }) => {
  await page.goto(city.hub.url);
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText('أظهر بطاقتك لتسجيل الدخول').first()).toBeVisible();
  await shot(page, 'attract-arabic');
  const arabic =
    city.cards.find((c) => /[\u0600-\u06FF]/.test(c.alias)) ??
    city.cards.find((c) => ['Ahmed', 'Fatima', 'Omar'].includes(c.alias));
  if (!arabic) throw new Error('no Arabic demo card');
  await scannerBurst(page, arabic.token);
  const answer = answerScreen(page);
  await expect(answer).toHaveAttribute('lang', 'ar');
  await expect(answer).toHaveAttribute('dir', 'rtl');
  await shot(page, 'answer-arabic');
});

import { expect, type Page, test } from '@playwright/test';
import { axeViolations } from '@vigevano/testkit/axe';
import {
  type DemoServer,
  demoCards,
  type RunningProcess,
  startDemoServer,
  startHubService,
} from '@vigevano/testkit/processes';

// Checking in as visitors do, in Chromium, against a real hub service synced from a real demo city.
let server: DemoServer;
let hub: RunningProcess;
let cards: Array<{ token: string; cardId: string; alias: string }>;
let hubName: string;

test.beforeAll(async () => {
  server = await startDemoServer();
  hub = await startHubService(server.kioskDirs()[0] as string);
  const state = await (await fetch(`${hub.url}/api/kiosk/state`)).json();
  hubName = state.hub.name;
  // Cards of this kiosk's hub (any demo card works at any hub; these read naturally).
  cards = (await demoCards(server.url)).filter((c) => !c.alias.includes('facilitatore'));
});
test.afterAll(async () => {
  await hub?.stop();
  await server?.dispose();
});

/**
 * A keyboard-wedge USB scanner: the whole text as key events a fraction of a millisecond apart, then Enter.
 * Dispatched inside the page so the machine's load cannot stretch the gaps the way CDP round trips would.
 */
async function scannerBurst(page: Page, text: string) {
  await page.evaluate(
    (keys) => {
      for (const key of [...keys, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    },
    [...text],
  );
}

/** A screenshot kept as a test artifact, and axe-core's verdict on the same screen. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  expect(await axeViolations(page), `axe-core on ${name}`).toEqual([]);
}

test('a USB scanner burst checks a card in; the answer fills the screen, then the idle screen returns', async ({
  page,
}) => {
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hubName);
  await shot(page, 'attract');
  const card = cards[0] as (typeof cards)[number];
  // A keyboard-wedge scanner: the whole token in a few milliseconds per key, then Enter.
  await scannerBurst(page, card.token);
  const answer = page.locator('main.answer');
  await expect(answer).toHaveAttribute('data-code', 'accepted');
  await expect(answer.getByRole('alert')).toContainText(card.alias);
  await shot(page, 'answer-accepted');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hubName, { timeout: 10_000 });
});

test('a person typing is not mistaken for a scanner', async ({ page }) => {
  await page.goto(hub.url);
  await page.keyboard.type('ciao come stai', { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(page.locator('main.answer')).toHaveCount(0);
});

test('the id typed from under the QR checks in; a wrong one says what to do', async ({ page }) => {
  await page.goto(hub.url);
  const card = cards[1] as (typeof cards)[number];
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  await page.getByLabel('Scrivi il codice stampato').fill(card.cardId.toLowerCase());
  await shot(page, 'typed-code');
  await page.getByRole('button', { name: 'Conferma' }).click();
  await expect(page.locator('main.answer')).toHaveAttribute('data-code', 'accepted');
  await page.locator('main.answer').click();
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  await page.getByLabel('Scrivi il codice stampato').fill('XYZ');
  await page.getByRole('button', { name: 'Conferma' }).click();
  await expect(page.locator('main.answer')).toHaveAttribute('data-code', 'invalid');
  await expect(page.getByRole('alert')).toContainText('chiedi aiuto al personale');
});

test('a guest without a card is counted with two large-button answers', async ({ page }) => {
  await page.goto(hub.url);
  await page.getByRole('button', { name: 'Non ho la tessera' }).click();
  await page.getByRole('button', { name: '18–29' }).click();
  await shot(page, 'guest');
  await page.getByRole('button', { name: 'Sì' }).click();
  await expect(page.locator('main.answer')).toHaveAttribute('data-code', 'accepted');
});

test('in Arabic the layout mirrors and the answer comes in the card language', async ({ page }) => {
  await page.goto(hub.url);
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText('أظهر بطاقتك لتسجيل الدخول').first()).toBeVisible();
  await shot(page, 'attract-arabic');
  const arabic =
    cards.find((c) => /[\u0600-\u06FF]/.test(c.alias)) ??
    cards.find((c) => ['Ahmed', 'Fatima', 'Omar'].includes(c.alias));
  if (!arabic) throw new Error('no Arabic demo card');
  await scannerBurst(page, arabic.token);
  const answer = page.locator('main.answer');
  await expect(answer).toHaveAttribute('lang', 'ar');
  await expect(answer).toHaveAttribute('dir', 'rtl');
  await shot(page, 'answer-arabic');
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatShortCode, shortCodeOf } from '@vigevano/protocol';
import { axeViolations } from '@vigevano/testkit/axe';
import { type RunningProcess, startHubService } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { renderCardPhoto, SHARP_CONDITIONS } from './scanner/testing/card-photo';
import { browserWithCameraShowing } from './scanner/testing/fake-camera';
import { seededRandom } from './scanner/testing/random';
import { answerScreen, type DemoCard, expect, scannerBurst, test } from './test-support/kiosk-test';

// Issue 16 item 4 and 5, in Chromium against a real hub service of the demo city's first hub (Hub Cavallerizza,
// which records exits): entering and leaving look and read differently, "Sto uscendo" checks out, a card held
// still in front of the camera never toggles, and the short code printed under the QR checks in.
test.use({ kiosk: {} });
const work = tempDir('vigevano-in-out-');
const HUB_WITH_CHECKOUT = 'Hub Cavallerizza';
// The city's first kiosk is at a hub without check-out: this file runs the hub service of one that has it.
let hub: RunningProcess | undefined;
test.beforeAll(async ({ city }) => {
  const dir = city.server
    .kioskDirs()
    .find((d) => JSON.parse(readFileSync(join(d, 'identity.json'), 'utf8')).hubName === HUB_WITH_CHECKOUT);
  if (!dir) throw new Error(`no demo kiosk at ${HUB_WITH_CHECKOUT}`);
  hub = await startHubService(dir);
});
test.afterAll(async () => {
  await hub?.stop();
  work.remove();
});
const hubUrl = () => (hub as RunningProcess).url;

/** A card is read again only once out of the scanners' sight this long after its answer (App's SCAN_ABSENT_MS). */
const COOL_DOWN_MS = 3000;

const VIEWPORTS = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];

/** The colour a CSS custom property of tokens.css computes to, as an element's background would show it. */
async function tokenColour(page: Page, token: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('div');
    probe.style.background = `var(${name})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  }, token);
}

/** Taps "Sto uscendo" and types the card's short code: the card is out afterwards, whatever it was before. */
async function leaveByTypedCode(page: Page, card: DemoCard): Promise<string> {
  await page.getByRole('button', { name: 'Sto uscendo' }).click();
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  await page.getByLabel('Scrivi il codice stampato').fill(formatShortCode(shortCodeOf(card.cardId)));
  await page.getByRole('button', { name: 'Conferma' }).click();
  const code = (await answerScreen(page).getAttribute('data-code')) ?? '';
  await answerScreen(page).click();
  await expect(answerScreen(page)).toHaveCount(0);
  return code;
}

/** Shows the answer screen's look: tone, icon, the big word, and the background colour. */
async function answerLook(page: Page) {
  const answer = answerScreen(page);
  return {
    code: await answer.getAttribute('data-code'),
    tone: await answer.getAttribute('data-tone'),
    icon: await answer.locator('svg[data-icon]').getAttribute('data-icon'),
    word: (await answer.locator('p').first().textContent())?.trim(),
    background: await answer.evaluate((el) => getComputedStyle(el).backgroundColor),
  };
}

for (const [i, viewport] of VIEWPORTS.entries()) {
  test(`check-in and check-out differ in colour, icon and words, in Italian and Arabic (${viewport.width}×${viewport.height})`, async ({
    page,
    city,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto(hubUrl());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HUB_WITH_CHECKOUT);
    const green = await tokenColour(page, '--in');
    const violet = await tokenColour(page, '--out');
    expect(green).not.toBe(violet);
    const italian = city.cards.filter((c) => ['Maria', 'Giulia', 'Luca'].includes(c.alias))[i] as DemoCard;
    const arabic = city.cards.filter((c) =>
      ['Ahmed', 'Fatima', 'Youssef', 'Amina', 'Samira', 'Omar'].includes(c.alias),
    )[i] as DemoCard;
    if (!italian || !arabic) throw new Error('demo cards missing');
    const words = { it: ['Entrata', 'Uscita'], ar: ['دخول', 'خروج'] } as const;

    for (const [language, card] of [
      ['it', italian],
      ['ar', arabic],
    ] as const) {
      // Start from outside, whatever the demo's history left.
      expect(['checked_out', 'not_checked_in']).toContain(await leaveByTypedCode(page, card));

      const steps = [
        { code: 'accepted', tone: 'in', icon: 'enter', word: words[language][0], background: green },
        { code: 'checked_out', tone: 'out', icon: 'leave', word: words[language][1], background: violet },
      ];
      for (const expected of steps) {
        if (expected.tone === 'out') {
          // Right after entering, "Sto uscendo" and the same card: out, even within the repeat window (once
          // the card's cool-down after its answer is over).
          await page.waitForTimeout(COOL_DOWN_MS + 500);
          await page.getByRole('button', { name: 'Sto uscendo' }).click();
          await expect(page.getByText("Mostra la tessera per registrare l'uscita").first()).toBeVisible();
        }
        await scannerBurst(page, card.token);
        await expect(answerScreen(page)).toHaveAttribute('data-code', expected.code);
        expect(await answerLook(page)).toEqual(expected);
        await expect(answerScreen(page).getByRole('alert')).toContainText(card.alias);
        const name = `answer-${expected.tone}-${language}`;
        await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
        expect(await axeViolations(page), `axe-core on ${name}`).toEqual([]);
        await answerScreen(page).click();
        await expect(answerScreen(page)).toHaveCount(0);
      }
    }
  });
}

test('the short code printed under the QR, typed any way, checks in', async ({ page, city }) => {
  await page.goto(hubUrl());
  const card = city.cards.find((c) => c.alias === 'Elena') as DemoCard;
  expect(await leaveByTypedCode(page, card)).toMatch(/checked_out|not_checked_in/);
  const code = formatShortCode(shortCodeOf(card.cardId));
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  await page.getByLabel('Scrivi il codice stampato').fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Conferma' }).click();
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
  await expect(answerScreen(page).getByRole('alert')).toContainText(card.alias);
  await answerScreen(page).click();
  // One symbol wrong: refused, with what to do.
  const wrong = `${code[0] === '2' ? '3' : '2'}${code.slice(1)}`;
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  await page.getByLabel('Scrivi il codice stampato').fill(wrong);
  await page.getByRole('button', { name: 'Conferma' }).click();
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'invalid');
});

test('a card held still in front of the camera is answered once, never checked out and back in', async ({
  city,
}) => {
  const card = city.cards.find((c) => c.alias === 'Rosa') as DemoCard;
  const photo = renderCardPhoto(card.token, { ...SHARP_CONDITIONS, tilt: 3, noise: 2 }, seededRandom(5));
  // Chromium's fake camera plays the card in a loop: it never leaves the frame.
  const browser = await browserWithCameraShowing(photo, work.path, 'held-card');
  try {
    const page = await browser.newPage();
    await page.goto(hubUrl());
    await page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { shownAnswers: string[] }).shownAnswers = shown;
      let last: Element | null = null;
      new MutationObserver(() => {
        const answer = document.querySelector('main[data-code]');
        if (!answer || answer === last) return;
        last = answer;
        shown.push(answer.getAttribute('data-code') ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
    const answer = answerScreen(page);
    await expect(answer).toHaveAttribute('data-code', /accepted|checked_out|already_checked_in/, {
      timeout: 30_000,
    });
    // The answer closes by itself; the idle screen's camera starts again and sees the same card at once.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HUB_WITH_CHECKOUT, { timeout: 15_000 });
    await expect(page.locator('video')).toBeVisible();
    // Watch the card stay there for three times the cool-down: a toggle would show a second answer.
    await page.waitForTimeout(3 * COOL_DOWN_MS);
    const shown = await page.evaluate(() => (window as unknown as { shownAnswers: string[] }).shownAnswers);
    expect(shown).toHaveLength(1);
  } finally {
    await browser.close();
  }
});

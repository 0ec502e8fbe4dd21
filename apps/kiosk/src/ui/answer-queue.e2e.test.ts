import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { effectsSettled } from './scanner/testing/cdp-keyboard';
import { scannerKeystrokes } from './scanner/testing/keyboard-layouts';
import { answerScreen, type DemoCard, expect, type KioskCity, test } from './test-support/kiosk-test';

// The next visitor scans while the last answer is still on screen: in Chromium, against a real hub service synced
// from a real demo city, both scans must be checked in (read back from the kiosk's own database) and both answers
// shown, in the order the cards were scanned.
test.use({ kiosk: { synced: true } });

/** Cards no other file's test scans (each file has a city of its own, but these read as they always did). */
const queueCards = (city: KioskCity): DemoCard[] => city.cards.slice(30);

/** The check-ins of `cardId` made by a scanner since `since` (ms), as the hub service stored them. */
function storedScannerCheckins(
  city: KioskCity,
  cardId: string,
  since: number,
): Array<{ direction: string; deviceTime: number }> {
  // The hub service keeps writing (WAL mode): a read-only connection sees every committed check-in.
  const kioskDir = city.server.kioskDirs()[0] as string;
  const db = new Database(join(kioskDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'checkins@%'",
      )
      .get();
    if (!table) throw new Error('the kiosk database has no checkins table');
    return db
      .prepare<[string, number], { data: string }>(
        `SELECT data FROM "${table.name}" WHERE deleted = 0 AND json_extract(data, '$.cardId') = ?
           AND json_extract(data, '$.source') = 'scanner' AND json_extract(data, '$.deviceTime') >= ?`,
      )
      .all(cardId, since)
      .map((row) => JSON.parse(row.data));
  } finally {
    db.close();
  }
}

/**
 * A US-configured scanner's burst (each key's code, key and Shift, then Enter), dispatched inside the page in one
 * go: CDP round trips on a loaded machine can take seconds for a whole card, and the scenario needs the keys to
 * land while the previous answer is on screen. With `after`, the page itself waits for an answer naming
 * `after.alias`, then `after.ms`, before pressing (no round trip to the test in between). Answers the text of the
 * answer on screen when the keys landed (null: none).
 */
async function scanInPage(
  page: Page,
  token: string,
  after?: { alias: string; ms: number },
): Promise<string | null> {
  const strokes = scannerKeystrokes(token, 'us').map(({ key, code, shift }) => ({
    key,
    code,
    shiftKey: shift,
  }));
  return page.evaluate(
    async ({ keys, after }) => {
      const onScreen = () => document.querySelector('main[data-code] [role="alert"]')?.textContent ?? null;
      if (after) {
        const deadline = performance.now() + 30_000;
        while (!onScreen()?.includes(after.alias)) {
          if (performance.now() > deadline) throw new Error(`no answer for ${after.alias} within 30 s`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await new Promise((resolve) => setTimeout(resolve, after.ms));
      }
      const landedOn = onScreen();
      for (const init of [...keys, { key: 'Enter', code: 'Enter', shiftKey: false }])
        window.dispatchEvent(new KeyboardEvent('keydown', init));
      return landedOn;
    },
    { keys: strokes, after },
  );
}

/** Records every answer the page shows (code and message), in order, from now on. */
async function recordAnswers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const shown: Array<{ code: string; message: string }> = [];
    (window as unknown as { shownAnswers: typeof shown }).shownAnswers = shown;
    let last: Element | null = null;
    new MutationObserver(() => {
      const answer = document.querySelector('main[data-code]');
      if (!answer || answer === last) return;
      last = answer;
      shown.push({
        code: answer.getAttribute('data-code') ?? '',
        message: answer.querySelector('[role="alert"]')?.textContent ?? '',
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
}

async function shownAnswers(page: Page): Promise<Array<{ code: string; message: string }>> {
  return page.evaluate(
    () => (window as unknown as { shownAnswers: Array<{ code: string; message: string }> }).shownAnswers,
  );
}

const VIEWPORTS = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];

for (const [i, viewport] of VIEWPORTS.entries()) {
  test(`a card scanned 1.5 s after another, while its answer shows, is checked in and answered next (${viewport.width}×${viewport.height})`, async ({
    page,
    city,
  }) => {
    await page.setViewportSize(viewport);
    const cards = queueCards(city);
    const [a, b] = [cards[2 * i], cards[2 * i + 1]] as [DemoCard, DemoCard];
    const since = Date.now() - 60_000;
    await page.goto(city.hub.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await recordAnswers(page);
    await effectsSettled(page);

    expect(await scanInPage(page, a.token)).toBeNull();
    // The scenario from the field: the next card 1.5 s after the first answer appeared, while it is on screen.
    const second = scanInPage(page, b.token, { alias: a.alias, ms: 1500 });
    const shot = (name: string) =>
      page.screenshot({ path: test.info().outputPath(`${viewport.width}x${viewport.height}-${name}.png`) });
    const answer = answerScreen(page);
    await expect(answer.getByRole('alert')).toContainText(a.alias);
    await shot('1-first-answer');
    // Checks the scenario itself: the second card's keys landed while the first answer was on screen.
    expect(await second).toContain(a.alias);
    await expect(answer.getByRole('alert')).toContainText(b.alias, { timeout: 15_000 });
    await shot('2-second-answer');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 15_000 });

    const shown = await shownAnswers(page);
    expect(shown.map((s) => s.code)).toEqual(['accepted', 'accepted']);
    expect(shown[0]?.message).toContain(a.alias);
    expect(shown[1]?.message).toContain(b.alias);
    expect(storedScannerCheckins(city, a.cardId, since)).toEqual([
      expect.objectContaining({ direction: 'in' }),
    ]);
    expect(storedScannerCheckins(city, b.cardId, since)).toEqual([
      expect.objectContaining({ direction: 'in' }),
    ]);
  });
}

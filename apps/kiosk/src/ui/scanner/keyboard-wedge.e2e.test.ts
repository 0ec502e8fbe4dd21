import { answerScreen, type DemoCard, expect, type KioskCity, test } from '../test-support/kiosk-test';
import { effectsSettled, pressAsScanner, recordKeys, seenKeys } from './testing/cdp-keyboard';
import { LAYOUTS, type LayoutName, layoutKeystrokes, scannerKeystrokes } from './testing/keyboard-layouts';

// A USB scanner set up as shipped types US key codes whatever the kiosk's keyboard layout: in Chromium, against a
// real hub service synced from a real demo city, each layout's key events (code, key and text, through CDP) for a
// real signed card must check the card in.
test.use({ kiosk: { synced: true } });

/** Cards no other test in this file scans, so each answer is a first check-in today. */
const wedgeCard = (city: KioskCity, i: number): DemoCard => city.cards.slice(20)[i] as DemoCard;

const LAYOUT_NAMES = Object.keys(LAYOUTS) as LayoutName[];

for (const [i, layout] of LAYOUT_NAMES.entries()) {
  test(`a US-configured USB scanner checks a card in on the "${layout}" keyboard layout`, async ({
    page,
    city,
  }) => {
    const card = wedgeCard(city, i);
    await page.goto(city.hub.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await recordKeys(page);
    await effectsSettled(page);
    const strokes = scannerKeystrokes(card.token, layout);
    await pressAsScanner(page, strokes);
    // The page got what that layout gives (for "it": "VG1ç…"), not the token's own characters.
    const seen = await seenKeys(page);
    expect(seen.map((k) => k.key)).toEqual([...strokes.map((s) => s.key), 'Enter']);
    expect(seen.map((k) => k.code)).toEqual([...strokes.map((s) => s.code), 'Enter']);
    const answer = answerScreen(page);
    await expect(answer).toHaveAttribute('data-code', 'accepted');
    await expect(answer.getByRole('alert')).toContainText(card.alias);
  });
}

test('a scanner set up for the kiosk\'s own layout ("de") still checks a card in', async ({ page, city }) => {
  const card = wedgeCard(city, LAYOUT_NAMES.length);
  await page.goto(city.hub.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await effectsSettled(page);
  await pressAsScanner(page, layoutKeystrokes(card.token, 'de'));
  const answer = answerScreen(page);
  await expect(answer).toHaveAttribute('data-code', 'accepted');
  await expect(answer.getByRole('alert')).toContainText(card.alias);
});

test('a person types the printed id with their own layout (AZERTY) on the typed-code screen', async ({
  page,
  city,
}) => {
  const card = wedgeCard(city, LAYOUT_NAMES.length + 1);
  await page.goto(city.hub.url);
  await page.getByRole('button', { name: 'Scrivi il codice' }).click();
  const field = page.getByLabel('Scrivi il codice stampato');
  await expect(field).toBeFocused();
  // A person types key by key; on AZERTY "A" is the physical key Q, "1" is Shift+& and so on.
  const cdp = await page.context().newCDPSession(page);
  for (const s of layoutKeystrokes(card.cardId, 'fr')) {
    const params = { key: s.key, code: s.code, modifiers: s.shift ? 8 : 0 };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...params, text: s.text });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...params });
  }
  await cdp.detach();
  await expect(field).toHaveValue(card.cardId);
  await page.getByRole('button', { name: 'Conferma' }).click();
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
});

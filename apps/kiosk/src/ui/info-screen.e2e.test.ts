import type { Page } from '@playwright/test';
import type { Content } from '@vigevano/protocol';
import { chromiumLaunchOptions } from '@vigevano/testkit/chromium';
import { INFO_SCREEN_IDLE_SECONDS } from './info-screen/use-info-screen';
import { answerScreen, type DemoCard, expect, scannerBurst, test } from './test-support/kiosk-test';

// The idle kiosk's info-screen mode (issue 17, items 2 and 7) in Chromium, against a real hub service synced from
// the demo city, whose items cover every layout and built-in panel (sync-server/src/demo/content.ts). The page's
// clock is driven by the test: "45 s untouched" is exact and the test does not wait for it.
test.use({
  kiosk: {},
  // Chromium's own synthetic camera (a test pattern, no card in it): the viewfinder shows a live picture.
  launchOptions: chromiumLaunchOptions([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
  ]),
});

const infoScreen = (page: Page) => page.locator('[data-info-screen]');
const shownItem = (page: Page) => page.locator('[data-signage-item]');
const idlePrompt = (page: Page) => page.getByRole('heading', { level: 1 });

async function kioskContent(hubUrl: string): Promise<Content[]> {
  return ((await (await fetch(`${hubUrl}/api/kiosk/state`)).json()) as { content: Content[] }).content;
}

test('the idle screen becomes the info screen after 45 s untouched, and a touch brings it back', async ({
  page,
  city,
}) => {
  await page.clock.install();
  await page.goto(city.hub.url);
  await expect(idlePrompt(page)).toHaveText(city.hubName);
  // A touch at 30 s starts the count again: at 60 s (30 s after it) the idle screen is still there.
  await page.clock.runFor(30_000);
  await page.mouse.click(5, 5);
  await page.clock.runFor((INFO_SCREEN_IDLE_SECONDS - 15) * 1000);
  await expect(infoScreen(page)).toHaveCount(0);
  await page.clock.runFor(16_000);
  await expect(infoScreen(page)).toBeVisible();
  await expect(shownItem(page)).toBeVisible();
  // The way in stays in view: the viewfinder and "show your card", and words saying how to get the rest back.
  await expect(infoScreen(page).getByText('Mostra la tua tessera per entrare')).toBeVisible();
  await expect(infoScreen(page).locator('video[aria-label]')).toBeVisible();
  await expect(infoScreen(page).getByRole('button', { name: /Tocca lo schermo/ })).toBeVisible();
  await page.mouse.click(400, 300);
  await expect(infoScreen(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Non ho la tessera' })).toBeVisible();
});

for (const size of [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const) {
  test(`each item fills the ${size.width}x${size.height} screen in its own layout`, async ({
    page,
    city,
  }) => {
    const content = await kioskContent(city.hub.url);
    expect(new Set(content.map((c) => c.layout ?? 'card'))).toEqual(new Set(['card', 'fullscreen', 'zones']));
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.clock.install();
    await page.goto(city.hub.url);
    await expect(idlePrompt(page)).toHaveText(city.hubName);
    await page.clock.runFor((INFO_SCREEN_IDLE_SECONDS + 1) * 1000);
    await expect(infoScreen(page)).toBeVisible();
    for (const [i, item] of content.entries()) {
      const shown = shownItem(page);
      await expect(shown).toHaveAttribute('data-signage-item', item.id);
      await expect(shown).toHaveAttribute('data-layout', item.layout ?? 'card');
      await expect(shown).toHaveAttribute('data-shape', size.name);
      await expect(shown.getByRole('heading', { level: 2 }).first()).toHaveText(item.title.it);
      if (item.layout === 'zones') {
        const panel = shown.locator(`[data-panel="${item.panel ?? 'today-here'}"]`);
        await expect(panel).toBeVisible();
        // the ticker lists the other items' titles
        await expect(shown.getByRole('region', { name: 'Altre notizie' }).getByRole('listitem')).toHaveCount(
          content.length - 1,
        );
      }
      // The item fills the screen above the band: never wider than the viewport, nothing scrolled off.
      const box = await shown.boundingBox();
      expect(box?.width).toBe(size.width);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
        size.height,
      );
      const path = test.info().outputPath(`info-${size.name}-${i}-${item.layout ?? 'card'}.png`);
      await page.screenshot({ path });
      await test.info().attach(`${size.name} ${item.layout ?? 'card'} ${item.panel ?? ''}`, {
        path,
        contentType: 'image/png',
      });
      await page.clock.runFor(12_000);
    }
  });
}

test('a card shown while the info screen is up checks in straight away', async ({ page, city }) => {
  await page.clock.install();
  await page.goto(city.hub.url);
  await expect(idlePrompt(page)).toHaveText(city.hubName);
  await page.clock.runFor((INFO_SCREEN_IDLE_SECONDS + 1) * 1000);
  await expect(infoScreen(page)).toBeVisible();
  // From here time runs as usual: the scanner tells a burst from typing by real key gaps.
  await page.clock.resume();
  const card = city.cards[1] as DemoCard;
  await scannerBurst(page, card.token);
  const answer = answerScreen(page);
  await expect(answer).toHaveAttribute('data-code', /accepted|already_checked_in|checked_out/);
  await expect(answer.getByRole('alert')).toContainText(card.alias);
});

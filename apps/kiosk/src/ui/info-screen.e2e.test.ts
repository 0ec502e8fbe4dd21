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

/** Stops the page's time (installed, it would run on as usual): from here only runFor moves it. */
async function holdClock(page: Page) {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
}

/** Opens the kiosk with the page's time held, then lets it stand untouched until the info screen is up. */
async function openInfoScreen(page: Page, city: { hub: { url: string }; hubName: string }, extraMs = 0) {
  await page.clock.install();
  await page.goto(city.hub.url);
  await expect(idlePrompt(page)).toHaveText(city.hubName);
  await holdClock(page);
  await page.clock.runFor((INFO_SCREEN_IDLE_SECONDS + 1) * 1000 + extraMs);
  await expect(infoScreen(page)).toBeVisible();
}

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
  await holdClock(page);
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
    await openInfoScreen(page, city);
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
  await openInfoScreen(page, city);
  // From here time runs as usual: the scanner tells a burst from typing by real key gaps.
  await page.clock.resume();
  const card = city.cards[1] as DemoCard;
  await scannerBurst(page, card.token);
  const answer = answerScreen(page);
  await expect(answer).toHaveAttribute('data-code', /accepted|already_checked_in|checked_out/);
  await expect(answer.getByRole('alert')).toContainText(card.alias);
});

/**
 * The element tree of a shown item as tag names and data-* attributes, without text, classes or how many rows a
 * list has: what the layout is made of. A panel's inside is left out (the kiosk fills it with its hub's day, the
 * dashboard says what it will hold), and so is how many titles the ticker lists (the dashboard lists every
 * published item, a kiosk those of its hub).
 */
function structureOf(root: Element): string {
  const walk = (el: Element): string => {
    const data = [...el.attributes]
      .filter((a) => a.name.startsWith('data-') && a.name !== 'data-signage-item')
      .map((a) => `${a.name}=${a.value}`)
      .join(',');
    const inside = el.hasAttribute('data-panel')
      ? [...el.children].slice(0, 1)
      : el.tagName === 'UL'
        ? [...el.children].slice(0, 1)
        : [...el.children];
    return `${el.tagName.toLowerCase()}[${data}](${inside.map(walk).join(' ')})`;
  };
  return walk(root);
}

test('the dashboard previews an item with the same components and structure as the kiosk', async ({
  page,
  browser,
  city,
}) => {
  const content = await kioskContent(city.hub.url);
  const index = content.findIndex((c) => c.layout === 'zones');
  const item = content[index] as Content;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openInfoScreen(page, city, 12_000 * index);
  const onKiosk = page.locator(`[data-signage-item="${item.id}"]`);
  await expect(onKiosk).toHaveAttribute('data-layout', 'zones');
  const kioskStructure = await onKiosk.evaluate(structureOf);

  const admin = city.server.logins().find((l) => l.role === 'admin');
  if (!admin) throw new Error('no demo admin');
  const dashboard = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    await dashboard.goto(city.server.url);
    await dashboard.getByLabel('Email').fill(admin.email);
    await dashboard.getByLabel('Password').fill(admin.password);
    await dashboard.getByRole('button', { name: 'Accedi' }).click();
    await dashboard.getByRole('link', { name: 'Contenuti' }).click();
    await dashboard.getByRole('button', { name: `Modifica ${item.title.it}` }).click();
    await dashboard.getByLabel('Schermo orizzontale (1920×1080)').check();
    const preview = dashboard.locator(`[data-signage-item="${item.id}"]`);
    await expect(preview).toHaveAttribute('data-shape', 'landscape');
    expect(await preview.evaluate(structureOf)).toBe(kioskStructure);
    // the same heading text as the kiosk, scaled to fit the column (smaller than the 1920 px screen)
    await expect(preview.getByRole('heading', { level: 2 }).first()).toHaveText(item.title.it);
    const box = await dashboard.locator('.signage-frame').boundingBox();
    expect(box?.width).toBeLessThan(1920);
    const path = test.info().outputPath('dashboard-preview-landscape.png');
    await dashboard.screenshot({ path, fullPage: true });
    await test.info().attach('dashboard preview, landscape zones', { path, contentType: 'image/png' });
    await dashboard.getByLabel('Totem verticale (1080×1920)').check();
    await expect(preview).toHaveAttribute('data-shape', 'portrait');
    const portrait = test.info().outputPath('dashboard-preview-portrait.png');
    await dashboard.screenshot({ path: portrait, fullPage: true });
    await test
      .info()
      .attach('dashboard preview, portrait zones', { path: portrait, contentType: 'image/png' });
  } finally {
    await dashboard.close();
  }
});

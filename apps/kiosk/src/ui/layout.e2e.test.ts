import type { Browser, Page } from '@playwright/test';
import { tempDir } from '@vigevano/testkit/tmp';
import { grayFrame } from './scanner/gray-frame';
import { renderCardPhoto, SHARP_CONDITIONS } from './scanner/testing/card-photo';
import { browserWithCameraShowing } from './scanner/testing/fake-camera';
import { seededRandom } from './scanner/testing/random';
import { answerScreen, expect, test } from './test-support/kiosk-test';

// Issue 16 item 3: a layout for each kiosk shape, in real Chromium with a fake camera (so the viewfinder is live):
// no scrolling and nothing cut off at the four sizes kiosks have, on the idle screen and on the screens a visitor
// reaches from it; the viewfinder is the centre, at least a third of the width; and live guidance when the camera
// sees a card that is only half in the frame.
test.use({ kiosk: {} });
const work = tempDir('vigevano-layout-');
test.afterAll(() => work.remove());

const SIZES = [
  { width: 1080, height: 1920, shape: 'portrait' },
  { width: 1920, height: 1080, shape: 'landscape' },
  { width: 1366, height: 768, shape: 'compact' },
  { width: 1280, height: 800, shape: 'compact' },
] as const;

/**
 * What the page shows: its shape, how far it scrolls, the elements cut off (partly visible: by the window's edge
 * or by an ancestor that clips its overflow; an element clipped whole is hidden, not cut), the preview's box.
 */
async function layoutFacts(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const height = window.innerHeight;
    const scroller = document.scrollingElement as Element;
    type Box = { left: number; top: number; right: number; bottom: number };
    const intersect = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    });
    const cut = [
      ...document.querySelectorAll('h1, h2, p, strong, legend, label, button, input, video, figcaption, li'),
    ]
      .filter((element) => {
        const r = element.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        let visible: Box = intersect(r, { left: 0, top: 0, right: width, bottom: height });
        for (let a = element.parentElement; a; a = a.parentElement) {
          const style = getComputedStyle(a);
          if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
            visible = intersect(visible, a.getBoundingClientRect());
        }
        const shown = visible.right - visible.left > 1 && visible.bottom - visible.top > 1;
        const whole =
          visible.left <= r.left + 1 &&
          visible.top <= r.top + 1 &&
          visible.right >= r.right - 1 &&
          visible.bottom >= r.bottom - 1;
        return shown && !whole;
      })
      .map((element) => element.outerHTML.slice(0, 100));
    const video = document.querySelector('video')?.getBoundingClientRect();
    return {
      shape: document.documentElement.dataset.shape,
      width,
      height,
      scrollWidth: scroller.scrollWidth,
      scrollHeight: scroller.scrollHeight,
      cut,
      video: video ? { x: video.x, y: video.y, width: video.width, height: video.height } : null,
    };
  });
}

/** The page fits its window: no scrolling either way, and no text or control even partly outside it. */
async function expectFits(page: Page) {
  const facts = await layoutFacts(page);
  expect(facts.scrollHeight).toBeLessThanOrEqual(facts.height);
  expect(facts.scrollWidth).toBeLessThanOrEqual(facts.width);
  expect(facts.cut).toEqual([]);
  return facts;
}

let emptyScene: Browser;
test.beforeAll(async () => {
  // The camera looks at an empty hall: a mid-grey frame (the layout tests need a live preview, not a card).
  const grey = grayFrame(640, 480, new Uint8Array(640 * 480).fill(140));
  emptyScene = await browserWithCameraShowing(grey, work.path, 'empty');
});
test.afterAll(async () => {
  await emptyScene?.close();
});

for (const size of SIZES) {
  const label = `${size.width}x${size.height}`;
  test(`${label} (${size.shape}): every visitor screen fits, the viewfinder is the centre`, async ({
    city,
  }) => {
    const page = await emptyScene.newPage({ viewport: { width: size.width, height: size.height } });
    const shot = (name: string) => page.screenshot({ path: test.info().outputPath(`${label}-${name}.png`) });
    try {
      await page.goto(city.hub.url);
      const video = page.getByLabel('Anteprima della fotocamera');
      await expect(video).toBeVisible();
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState))
        .toBeGreaterThanOrEqual(2);

      const attract = await expectFits(page);
      expect(attract.shape).toBe(size.shape);
      const preview = attract.video as NonNullable<typeof attract.video>;
      // At least a third of the screen's width, and centred across it.
      expect(preview.width).toBeGreaterThanOrEqual(size.width / 3);
      expect(Math.abs(preview.x + preview.width / 2 - size.width / 2)).toBeLessThan(size.width * 0.05);
      // Every way to check in is on screen, not only the camera.
      for (const name of ['Scrivi il codice', 'Non ho la tessera', 'Testo grande', 'Personale', 'English'])
        await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
      await shot('attract');

      // The same in Arabic (mirrored), and with the large text of the accessibility mode.
      await page.getByRole('button', { name: 'العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expectFits(page);
      await shot('attract-ar');
      await page.getByRole('button', { name: 'Italiano' }).click();
      await page.getByRole('button', { name: 'Testo grande' }).click();
      await expectFits(page);
      await shot('attract-large-text');
      await page.getByRole('button', { name: 'Testo grande' }).click();

      await page.getByRole('button', { name: 'Scrivi il codice' }).click();
      await expect(page.getByLabel('Scrivi il codice stampato', { exact: false })).toBeVisible();
      await expectFits(page);
      await shot('typed-code');
      // A code that is no card: the longest answer message the kiosk gives.
      await page.getByLabel('Scrivi il codice stampato', { exact: false }).fill('NON-UNA-TESSERA');
      await page.getByRole('button', { name: 'Conferma' }).click();
      await expect(answerScreen(page)).toHaveAttribute('data-code', 'invalid');
      await expectFits(page);
      await shot('answer-invalid');
      await answerScreen(page).dispatchEvent('pointerdown');

      await page.getByRole('button', { name: 'Non ho la tessera' }).click();
      await expect(page.getByRole('group')).toBeVisible();
      await expectFits(page);
      await shot('guest');
      await page.getByRole('button', { name: '18–29' }).click();
      await page.getByRole('button', { name: 'Sì' }).click();
      await expect(answerScreen(page).getByRole('alert')).toBeVisible();
      await expectFits(page);
      await shot('answer-guest');
    } finally {
      await page.close();
    }
  });
}

test('a card only half in the frame: the kiosk says to bring the whole card in, in the visitor language', async ({
  city,
}) => {
  const card = city.cards[0];
  if (!card) throw new Error('no demo card');
  // The code's centre 170 px right of the centre of a 640x480 camera: half of it lies outside the scan frame.
  const photo = renderCardPhoto(card.token, { ...SHARP_CONDITIONS, offsetX: 170 }, seededRandom(5));
  const browser = await browserWithCameraShowing(photo, work.path, 'half-card');
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(city.hub.url);
    const guidance = page.locator('[data-guidance]');
    await expect(guidance).toHaveAttribute('data-guidance', 'frame', { timeout: 20_000 });
    await expect(guidance).toHaveText('Metti tutta la tessera nel riquadro');
    await expect(guidance).toBeInViewport({ ratio: 1 });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(guidance).toHaveText('Bring the whole card into the frame');
    await page.screenshot({ path: test.info().outputPath('guidance-half-card.png') });
    // Never read: no answer comes for a card the camera cannot see whole.
    await expect(answerScreen(page)).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

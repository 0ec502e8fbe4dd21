import { tempDir } from '@vigevano/testkit/tmp';
import { renderCardPhoto, SHARP_CONDITIONS } from './scanner/testing/card-photo';
import { browserWithCameraShowing } from './scanner/testing/fake-camera';
import { seededRandom } from './scanner/testing/random';
import { answerScreen, expect, test } from './test-support/kiosk-test';

// The whole camera path at a real kiosk: Chromium's fake camera plays a video of a demo card (made here), the
// kiosk UI decodes it in its worker, the hub service verifies and stores the check-in, the answer fills the screen.
test.use({ kiosk: {} });
const work = tempDir('vigevano-camera-');
test.afterAll(() => work.remove());

test('a card shown to the camera checks in, with the answer in the card language', async ({ city }) => {
  const card = city.cards.find((c) => c.alias === 'Olena') ?? city.cards[0];
  if (!card) throw new Error('no demo card');
  const photo = renderCardPhoto(card.token, { ...SHARP_CONDITIONS, tilt: 4, noise: 2 }, seededRandom(3));
  const browser = await browserWithCameraShowing(photo, work.path, 'card');
  try {
    const page = await browser.newPage();
    await page.goto(city.hub.url);
    const answer = answerScreen(page);
    // The demo's history may have left Olena inside today at this hub, which records check-outs: then the card
    // read by the camera checks her out. Either way the camera read the card and the hub answered for it.
    await expect(answer).toHaveAttribute('data-code', /accepted|already_checked_in|checked_out/, {
      timeout: 30_000,
    });
    await expect(answer.getByRole('alert')).toContainText(card.alias);
    await page.screenshot({ path: test.info().outputPath('camera-answer.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});

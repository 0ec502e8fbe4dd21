import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { WCAG_22_AA } from '@vigevano/testkit/axe';
import { axeViolationsIsolated } from '@vigevano/testkit/axe-isolated';
import { demoFacilitatorPin, type RunningProcess, startHubService } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { grayFrame } from './scanner/gray-frame';
import { browserWithCameraShowing } from './scanner/testing/fake-camera';
import {
  ENROLMENT_SCREEN,
  KIOSK_SCREENS,
  type KioskWalk,
  SCREEN_LANGUAGES,
  SCREEN_SIZES,
  type ScreenSize,
  SHOTS_FOLDER,
  WALK_CARD_ALIAS,
} from './test-support/kiosk-screens';
import { answerScreen, type DemoCard, expect, scannerBurst, test } from './test-support/kiosk-test';

// Issue 16 "Tests": every kiosk screen (test-support/kiosk-screens.ts) at the four kiosk sizes, in Italian, English
// and Arabic, in real Chromium with a (fake) camera, against a real hub service synced from a real demo city: no
// WCAG 2.2 AA violation axe-core finds, and no scrolling (the page fits the screen). A screenshot of each is kept
// in Playwright's output folder (docs/kiosk-screens.md): look at them. One demo city, one hub service, one
// browser for the whole matrix; one context a size, whose one page walks the screens in the table's order in each
// language in turn (the language tapped in the page, as a visitor would). Each finding is a soft failure, so one
// run lists them all.
/** Hub Cavallerizza records exits: its idle screen has "I am leaving" and its answers include check-out. */
const HUB_WITH_CHECKOUT = 'Hub Cavallerizza';
// A step that cannot find its control fails in seconds, not at the end of the whole matrix's time.
test.use({ kiosk: { hubName: HUB_WITH_CHECKOUT }, actionTimeout: 20_000, navigationTimeout: 30_000 });

/** The session the roster screen shows, opened before the walks with one visitor checked into it. */
const SESSION_TITLE = 'Laboratorio di italiano per la matrice';
const work = tempDir('vigevano-screens-');
/** A hub service on an empty folder: a kiosk not enrolled yet, which shows the enrolment screen. */
let newKiosk: RunningProcess | undefined;
const newKioskDir = tempDir('vigevano-screens-new-kiosk-');
let browser: Browser | undefined;
let pin = '';

/** Where the screenshots go: a folder of Playwright's output (test-results/playwright/kiosk-screens). */
const shotsDir = () => join(test.info().project.outputDir, SHOTS_FOLDER);

/** A camera that sees an empty counter: a soft grey gradient, 640x480, no code in it. */
function emptyScene() {
  const frame = grayFrame(640, 480);
  for (let i = 0; i < frame.data.length; i++) frame.data[i] = 90 + Math.round(((i % 640) / 640) * 70);
  return frame;
}

test.beforeAll(async ({ city }) => {
  test.setTimeout(180_000);
  pin = demoFacilitatorPin(city.server.dataDir, city.hubId);
  newKiosk = await startHubService(newKioskDir.path, {}, '/health');
  browser = await browserWithCameraShowing(emptyScene(), work.path, 'empty-counter');
  mkdirSync(shotsDir(), { recursive: true });
  await openSessionWithOneVisitor(city.hub.url, city.cards);
});
test.afterAll(async () => {
  await browser?.close();
  await newKiosk?.stop();
  work.remove();
  newKioskDir.remove();
});

/**
 * The roster screen needs a session of today with someone on it (the demo's may all be over or not yet today):
 * a facilitator opens one at this kiosk, and a visitor checks into it.
 */
async function openSessionWithOneVisitor(hubUrl: string, cards: DemoCard[]) {
  const visitor = cards.find((c) => c.alias === 'Paolo');
  if (!visitor || !browser) throw new Error('no demo card for Paolo');
  const page = await browser.newPage();
  await page.clock.install();
  await page.goto(hubUrl);
  await page.getByRole('button', { name: 'Personale' }).click();
  await page.getByLabel("PIN dell'hub").fill(pin);
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.getByText('Nuova attività').click();
  await page.getByLabel('Titolo').fill(SESSION_TITLE);
  await page.getByRole('button', { name: "Crea l'attività" }).click();
  await page.getByRole('button', { name: 'Apri e registra le presenze qui' }).click();
  await page.getByRole('button', { name: 'Esci dalla modalità facilitatore' }).click();
  // "I am leaving" first, so the card then checks in (into the session) whatever its day was so far.
  await page.getByRole('button', { name: 'Sto uscendo' }).click();
  await scannerBurst(page, visitor.token);
  await answerScreen(page).click();
  await page.clock.fastForward(3500); // the card's cool-down after its answer (App's SCAN_ABSENT_MS)
  await scannerBurst(page, visitor.token);
  await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
  await expect(answerScreen(page).getByRole('alert')).toContainText(SESSION_TITLE);
  await page.context().close();
}

/** How far the page scrolls down and sideways, in CSS px (0 and 0 when it fits the screen). */
function scrolling(page: Page): Promise<{ down: number; sideways: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { down: root.scrollHeight - window.innerHeight, sideways: root.scrollWidth - window.innerWidth };
  });
}

/**
 * Waits for `work` while the page's paused clock moves on 1 ms a step. The page's own code waits on timers at
 * some turns (the kiosk API's WebSocket client before each send), which a paused clock would hold for ever; a free
 * clock would close an answer screen (after 5 s) before it is checked. This way the page's time moves only while
 * the test waits on it, and slower than the test's.
 */
async function whileClockTicks<T>(page: Page, work: Promise<T>): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  while (!done) {
    await page.clock.runFor(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return settled;
}

/**
 * Screenshot, axe-core (WCAG 2.2 AA) and scrolling of the screen now showing; findings are soft failures.
 * axe-core runs in an isolated world (axeViolationsIsolated): with the browser's own timers, so it neither waits
 * on the page's paused clock nor moves it.
 */
async function inspect(page: Page, shot: string, knownToScroll = false) {
  await page.screenshot({ path: join(shotsDir(), `${shot}.png`), fullPage: true });
  const violations = (await axeViolationsIsolated(page, WCAG_22_AA)).map(
    (v) => `${v.id}: ${v.targets.join(', ')}`,
  );
  expect.soft(violations, `axe-core (WCAG 2.2 AA) on ${shot}`).toEqual([]);
  const { down, sideways } = await scrolling(page);
  if (knownToScroll)
    expect
      .soft(
        down,
        `${shot} fits the screen now: take its size out of scrollsAt (test-support/kiosk-screens.ts)`,
      )
      .toBeGreaterThan(0);
  else expect.soft(Math.max(down, 0), `${shot} scrolls down`).toBe(0);
  expect.soft(Math.max(sideways, 0), `${shot} scrolls sideways`).toBe(0);
}

/** The enrolment screen of the kiosk not enrolled yet, in a page of its own; staff-facing and in Italian only. */
async function checkEnrolment(browser: Browser, size: ScreenSize) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  await page.goto((newKiosk as RunningProcess).url);
  await expect(page.getByRole('heading', { name: 'Registrazione del totem' })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => document.querySelector('video')?.readyState ?? 0), {
      message: 'the camera preview plays',
    })
    .toBeGreaterThanOrEqual(2);
  // There is no language to choose before enrolment.
  await inspect(page, `${ENROLMENT_SCREEN.id}-${size.name}-it`);
  await context.close();
}

/** A page at `size` with the kiosk's idle screen on, its camera running, and its clock driven by the test. */
async function kioskAt(browser: Browser, hubUrl: string, size: ScreenSize): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(hubUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HUB_WITH_CHECKOUT);
  await expect
    .poll(() => page.evaluate(() => document.querySelector('video')?.readyState ?? 0), {
      message: 'the camera preview plays',
    })
    .toBeGreaterThanOrEqual(2);
  // From here time moves only when the walk says so: answers stay on screen while they are looked at, and the
  // info screens do not turn in the middle of a screenshot.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  return page;
}

// One test for the whole matrix: a failed test would cost Playwright a new worker, and the file a new demo city.
test(`every kiosk screen at ${SCREEN_SIZES.map((s) => s.name).join(', ')}, in ${SCREEN_LANGUAGES.join(', ')}: axe-core WCAG 2.2 AA, no scrolling, screenshots`, async ({
  city,
}) => {
  // 4 sizes x (1 + 3 x 12) screens, each with a screenshot and axe-core: a few minutes on a 2-core machine.
  test.setTimeout(900_000);
  if (!browser || !newKiosk) throw new Error('beforeAll did not run');
  for (const size of SCREEN_SIZES) {
    await test.step(`${ENROLMENT_SCREEN.id} at ${size.name}`, () => checkEnrolment(browser as Browser, size));
    const page = await kioskAt(browser, city.hub.url, size);
    for (const language of SCREEN_LANGUAGES) {
      const card = city.cards.find((c) => c.alias === WALK_CARD_ALIAS[language]);
      if (!card) throw new Error(`no demo card for ${WALK_CARD_ALIAS[language]}`);
      const walk: KioskWalk = { page, language, card, pin, sessionTitle: SESSION_TITLE };
      for (const screen of KIOSK_SCREENS) {
        await test.step(`${screen.id} at ${size.name} in ${language}`, async () => {
          await whileClockTicks(page, screen.open(walk));
          await inspect(
            page,
            `${screen.id}-${size.name}-${language}`,
            screen.scrollsAt?.includes(size.name) ?? false,
          );
        });
      }
      // Back to the idle screen for the next language, the way staff leave facilitator mode.
      await whileClockTicks(
        page,
        page.getByRole('button', { name: 'Esci dalla modalità facilitatore' }).click(),
      );
    }
    await page.context().close();
  }
});

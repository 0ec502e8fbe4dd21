import type { Page } from '@playwright/test';
import { expect, test } from './test-support/kiosk-test';

// Proof of play end to end (issue 17, item 6): what the kiosk's screen showed, counted by the hub service, synced
// to the city server, is what the dashboard's Riproduzioni page lists.
test.use({ kiosk: { synced: true } });

declare global {
  interface Window {
    /** titles of the info screens in the order they came on screen (a MutationObserver added by this test) */
    shownTitles: string[];
  }
}

/** Records every info screen that comes on screen: the carousel's heading, each time its text changes. */
function recordShownTitles() {
  window.shownTitles = [];
  const look = () => {
    const title = document.querySelector('[aria-roledescription] h2')?.textContent ?? null;
    if (title && title !== window.shownTitles.at(-1)) window.shownTitles.push(title);
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
}

const shown = (page: Page) => page.evaluate(() => window.shownTitles);

test('counts on the dashboard exactly the info screens the kiosk showed', async ({ page, browser, city }) => {
  const state = await (await fetch(`${city.hub.url}/api/kiosk/state`)).json();
  const items = state.content as Array<{ id: string; title: { it: string } }>;
  expect(items.length).toBeGreaterThanOrEqual(2);
  await page.addInitScript(recordShownTitles);
  // The page's clock is the test's: each "8.5 s later" is exact, and the rotation takes no real time.
  await page.clock.install();
  await page.goto(city.hub.url);
  await expect.poll(() => shown(page)).toHaveLength(1);
  // From here on the page's time moves only when the test says (install alone lets it flow).
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  const switches = 2 * items.length + 1;
  for (let n = 1; n <= switches; n += 1) {
    // A touch now and then keeps the idle screen, whose carousel this test watches, from giving way to the
    // full-screen info screen after 45 s (info-screen.e2e.test.ts tests that mode).
    await page.evaluate(() => window.dispatchEvent(new PointerEvent('pointerdown')));
    await page.clock.runFor(8_500);
    await expect.poll(() => shown(page)).toHaveLength(n + 1);
    // Once, let the hub push its state again (it does every 15 s with the same items): that is no new show.
    if (n === 2) await page.waitForTimeout(16_000);
  }
  const titles = await shown(page);
  // A show is counted when the item leaves the screen: all but the one still on it.
  const expected: Record<string, number> = {};
  for (const title of titles.slice(0, -1)) expected[title] = (expected[title] ?? 0) + 1;
  expect(Object.keys(expected).length).toBe(items.length);

  const dashboard = await (await browser.newContext()).newPage();
  const login = city.server.logins().find((l) => l.role === 'coordinator');
  if (!login) throw new Error('no demo coordinator');
  await dashboard.goto(city.server.url);
  await dashboard.getByLabel('Email').fill(login.email);
  await dashboard.getByLabel('Password').fill(login.password);
  await dashboard.getByRole('button', { name: 'Accedi' }).click();
  await expect(dashboard.getByRole('heading', { name: 'La città oggi' })).toBeVisible();
  await dashboard.getByRole('link', { name: 'Riproduzioni' }).click();
  await expect(dashboard.getByRole('heading', { name: 'Riproduzioni', level: 1 })).toBeVisible();
  const table = dashboard.locator('table.plays-by-item');
  const listed = async () => {
    const rows = await table.locator('tbody tr').all();
    const out: Record<string, number> = {};
    for (const row of rows) {
      const cells = await row.locator('th, td').allInnerTexts();
      if (cells.length >= 2) out[cells[0] as string] = Number((cells[1] as string).replace(/\D/g, ''));
    }
    return out;
  };
  // The hub pushes its plays live; the page shows what the server holds when it loads: reload until they are in.
  await expect
    .poll(
      async () => {
        await dashboard.reload();
        await table.waitFor();
        return listed();
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toEqual(expected);
  await dashboard.setViewportSize({ width: 1366, height: 768 });
  await dashboard.screenshot({ path: test.info().outputPath('dashboard-riproduzioni.png'), fullPage: true });
});

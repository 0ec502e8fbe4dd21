import type { Page } from '@playwright/test';
import { expect, test } from './test-support/kiosk-test';

// The kiosk's idle screen in Chromium, served by a real hub service that synced from a real demo server.
test.use({ kiosk: {} });

/** The title of the info screen on show (the carousel's heading; its role description is translated). */
const carouselTitle = (page: Page) =>
  page.locator('[aria-roledescription]').getByRole('heading', { level: 2 });

test('shows the hub, how to check in, info screens and today, online', async ({ page, city }) => {
  const state = await (await fetch(`${city.hub.url}/api/kiosk/state`)).json();
  await page.goto(city.hub.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(state.hub.name);
  await expect(page.getByText('Mostra la tua tessera per entrare')).toBeVisible();
  await expect(page.getByRole('heading', { name: "Oggi all'hub" })).toBeVisible();
  await expect(carouselTitle(page)).toHaveText(state.content[0].title.it);
  await expect(page.getByRole('status')).toContainText('In linea');
  await page.screenshot({ path: test.info().outputPath('kiosk-attract.png'), fullPage: true });
});

test('pauses the rotating info screens on request (WCAG 2.2.2)', async ({ page, city }) => {
  const state = await (await fetch(`${city.hub.url}/api/kiosk/state`)).json();
  const titles = (state.content as Array<{ title: { it: string } }>).map((c) => c.title.it);
  expect(titles.length).toBeGreaterThanOrEqual(2);
  // The page's clock is driven by the test, so "30 s later" is exact and the test does not wait for it.
  await page.clock.install();
  await page.goto(city.hub.url);
  const title = carouselTitle(page);
  await expect(title).toHaveText(titles[0] as string, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pausa' }).click();
  await expect(page.getByRole('button', { name: 'Riprendi' })).toHaveAttribute('aria-pressed', 'true');
  await page.clock.runFor(30_000);
  await expect(title).toHaveText(titles[0] as string);
  await page.getByRole('button', { name: 'Riprendi' }).click();
  await page.clock.runFor(8_500);
  await expect(title).toHaveText(titles[1] as string);
});

test('says it is offline when the city server goes away, and keeps working', async ({ page, city }) => {
  await page.goto(city.hub.url);
  await expect(page.getByRole('status')).toContainText('In linea');
  await city.server.stop();
  await expect(page.getByRole('status')).toContainText('Non in linea', { timeout: 20_000 });
  await expect(page.getByText('Mostra la tua tessera per entrare')).toBeVisible();
});

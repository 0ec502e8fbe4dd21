import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { DASHBOARD_PAGES } from '@vigevano/protocol';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';

// Every page of the dashboard (DASHBOARD_PAGES: a page added to the access table is checked here by itself) on a
// desk screen and on a phone, signed in as the demo admin, in real Chromium: no WCAG 2.2 AA violation that axe-core
// finds, and no sideways scrolling of the page on a 390 px wide phone (tables scroll inside their own box).
// Screenshots of every page at both sizes are kept as test artifacts: look at them.

const VIEWPORTS = [
  { name: 'desk', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
/** The rules axe-core runs: WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe's tags). */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let server: DemoServer;
let stateDir: string;

test.beforeAll(async ({ browser }) => {
  server = await startDemoServer();
  stateDir = mkdtempSync(join(tmpdir(), 'vigevano-layout-e2e-'));
  // One sign-in (the login route is rate limited), reused through its cookies.
  const login = server.logins().find((l) => l.role === 'admin');
  if (!login) throw new Error('no demo admin');
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
  await page.context().storageState({ path: join(stateDir, 'admin.json') });
  await page.context().close();
});
test.afterAll(async () => {
  await server?.dispose();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

async function adminPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ storageState: join(stateDir, 'admin.json'), viewport });
  return context.newPage();
}

/** The page's heading is there and nothing is still loading. */
async function settled(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Caricamento…')).toHaveCount(0);
}

/** axe-core's WCAG 2.2 AA violations, one line each (rule: the elements at fault). */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the page scrolls sideways, in CSS pixels (0 when it fits the viewport's width). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

async function check(page: Page, shot: string) {
  await settled(page);
  expect(await violations(page), `axe-core on ${page.url()}`).toEqual([]);
  expect(await sidewaysOverflow(page), `sideways scrolling on ${page.url()}`).toBe(0);
  await page.screenshot({ path: test.info().outputPath(`${shot}.png`), fullPage: true });
}

const shotName = (path: string) => (path === '/' ? 'oggi' : path.slice(1).replaceAll('/', '-'));

for (const viewport of VIEWPORTS) {
  test(`every dashboard page at ${viewport.width}x${viewport.height} passes axe-core and fits the width`, async ({
    browser,
  }) => {
    // A minute a page: axe-core takes a while on a busy machine, and the list of pages grows with the access table.
    test.setTimeout(60_000 * (DASHBOARD_PAGES.length + 1));
    const page = await adminPage(browser, viewport);
    for (const p of DASHBOARD_PAGES) {
      await page.goto(server.url + p.path);
      await check(page, `${viewport.name}-${shotName(p.path)}`);
    }
    await page.context().close();
  });

  test(`the forms and the person page at ${viewport.width}x${viewport.height} pass axe-core and fit the width`, async ({
    browser,
  }) => {
    const page = await adminPage(browser, viewport);
    await page.goto(`${server.url}/persone`);
    await page.getByRole('button', { name: 'Registra una persona' }).click();
    await page.getByText('Dati personali (facoltativi, con consenso)').click();
    await page.getByRole('button', { name: 'Emetti la tessera' }).click();
    // A refused form: the errors by their fields are part of what must be readable and fit.
    await expect(page.getByLabel('Nome sulla tessera')).toHaveAttribute('aria-invalid', 'true');
    await check(page, `${viewport.name}-persone-nuova`);
    await page.getByRole('button', { name: 'Annulla' }).click();
    await page.locator('table.people tbody tr').first().getByRole('link').click();
    await check(page, `${viewport.name}-persona`);
    await page.goto(`${server.url}/contenuti`);
    await page.getByRole('button', { name: 'Nuovo contenuto' }).click();
    await check(page, `${viewport.name}-contenuti-editor`);
    await page.context().close();
  });
}

test('the sign-in page at both sizes passes axe-core and fits the width', async ({ browser }) => {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/Scrivi l’indirizzo email/);
    await check(page, `${viewport.name}-accesso`);
    await context.close();
  }
});

import { expect, test } from '@playwright/test';
import { WCAG_22_AA } from './axe';
import { axeViolationsIsolated } from './axe-isolated';

// The kiosk's screen matrix leans on this: axe-core must find violations in the page and in its frames, and must
// finish while the page's clock is paused (the main world's timers then never fire).
test('axe-core in an isolated world finds violations in the page and its frames while the clock is paused', async ({
  page,
}) => {
  await page.clock.install();
  await page.clock.pauseAt(new Date('2026-12-08T10:00:00Z'));
  await page.setContent(`<!doctype html><html lang="it"><head><title>prova</title></head><body><main>
    <h1>Prova</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <iframe title="dentro" srcdoc="<!doctype html><html lang='it'><head><title>dentro</title></head><body><button></button></body></html>"></iframe>
  </main></body></html>`);
  await expect(page.frameLocator('iframe').locator('button')).toHaveCount(1);
  const found = await axeViolationsIsolated(page, WCAG_22_AA);
  expect(found.map((v) => v.id).sort()).toEqual(['button-name', 'image-alt']);
  expect(found.find((v) => v.id === 'button-name')?.targets[0]).toMatch(/^\(in frame about:srcdoc\) button/);
  // The page's own clock did not move while axe-core ran.
  expect(await page.evaluate(() => new Date().toISOString())).toBe('2026-12-08T10:00:00.000Z');
});

test('a clean page has no violations', async ({ page }) => {
  await page.setContent(
    '<!doctype html><html lang="it"><head><title>prova</title></head><body><main><h1>Prova</h1></main></body></html>',
  );
  expect(await axeViolationsIsolated(page, WCAG_22_AA)).toEqual([]);
});

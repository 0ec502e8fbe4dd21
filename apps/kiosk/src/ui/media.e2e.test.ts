import { request } from 'node:http';
import type { Page } from '@playwright/test';
import { demoAdminCookie } from '@vigevano/testkit/demo-admin';
import { type RunningProcess, startHubService } from '@vigevano/testkit/processes';
import sharp from 'sharp';
import { expect, test } from './test-support/kiosk-test';

// Issue 17, item 1: a picture published while the kiosk is online reaches it, and stays on it with no server.
test.use({ kiosk: {} });

/** The status of GET `path` sent with another Host header (fetch always sends the URL's own). */
function statusWithHost(url: string, path: string, hostName: string): Promise<number | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers: { host: `${hostName}:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The carousel's picture once it has loaded (its pixels decoded, not a broken image). */
async function expectPictureShown(page: Page, fileId: string): Promise<void> {
  const picture = page.locator(`[aria-roledescription] img[src^="/media/${fileId}"]`);
  await expect(picture).toBeVisible({ timeout: 60_000 });
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
}

test('a picture published while the kiosk is online shows on it, and still does offline after a restart', async ({
  page,
  city,
}) => {
  test.setTimeout(240_000);
  const cookie = await demoAdminCookie(city.server);
  // A real picture, made here: a landscape photo-sized PNG with a band, to see the rendition on the screenshot.
  const png = await sharp({ create: { width: 2400, height: 1350, channels: 3, background: '#1f6f8b' } })
    .composite([
      {
        input: await sharp({ create: { width: 2400, height: 300, channels: 3, background: '#f2c14e' } })
          .png()
          .toBuffer(),
        top: 525,
        left: 0,
      },
    ])
    .png()
    .toBuffer();
  const uploaded = await fetch(`${city.server.url}/api/dashboard/media`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'image/png' },
    body: png,
  });
  expect(uploaded.status).toBe(200);
  const { media } = await uploaded.json();
  const send = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${city.server.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(city.hub.url);
  await expect(page.getByRole('status')).toContainText('In linea');
  const { item } = await send('POST', '/api/dashboard/content', {
    kind: 'news',
    hubIds: [city.hubId],
    title: { it: 'Mostra fotografica in biblioteca' },
    body: { it: 'Dal lunedì al venerdì, ingresso libero.' },
    schedule: { from: Date.now() - 3_600_000, to: Date.now() + 7 * 86_400_000 },
    priority: 100,
    media,
  });
  await send('POST', `/api/dashboard/content/${item.id}/publish`, { published: true });

  const landscape = media.renditions.find((r: { shape: string }) => r.shape === 'landscape').file;
  await expect(page.getByRole('heading', { name: 'Mostra fotografica in biblioteca' })).toBeVisible({
    timeout: 60_000,
  });
  await expectPictureShown(page, landscape.id);
  await page.screenshot({ path: test.info().outputPath('kiosk-media-1920x1080.png') });

  // No server, and the kiosk's hub service restarted: it plays the picture from its own disk.
  await city.server.stop();
  await city.hub.stop();
  let restarted: RunningProcess | undefined;
  try {
    restarted = await startHubService(city.server.kioskDirs()[0] as string);
    await page.goto(restarted.url);
    await expect(page.getByRole('heading', { name: 'Mostra fotografica in biblioteca' })).toBeVisible();
    await expectPictureShown(page, landscape.id);
    const served = await fetch(`${restarted.url}/media/${landscape.id}`);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toContain('immutable');
    // the host guard applies to media as to everything the hub serves
    expect(await statusWithHost(restarted.url, `/media/${landscape.id}`, 'evil.example')).toBe(403);
    for (const [width, height] of [
      [1080, 1920],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      const file = media.renditions.find(
        (r: { shape: string }) => r.shape === (height > width ? 'portrait' : 'landscape'),
      ).file;
      await page.reload();
      await expectPictureShown(page, file.id);
      await page.screenshot({ path: test.info().outputPath(`kiosk-media-${width}x${height}.png`) });
    }
  } finally {
    await restarted?.stop();
  }
});

import { type CityServerProcess, startCityServer } from '@vigevano/testkit/city-server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReleaseKey } from '../../../scripts/release-signing';

// Issue 13, item 4 (uploads): three anonymous 300 MB uploads to the updates route grew the server by 1.4 GB before
// it answered 401, because the body was read before the user was checked. Now the admin check runs in onRequest,
// before the body, and an accepted body is streamed to disk: the server's memory stays where it was.
// The release files live on disk, not in the store, so one store (SQLite) is enough here.

const MB = 1024 * 1024;
const UPLOAD_BYTES = 300 * MB;
const ALLOWED_GROWTH = 50 * MB;

/** `total` zero bytes made as they are sent, so the test process never holds the body either. */
function zeros(total: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(256 * 1024);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      controller.enqueue(chunk.subarray(0, n));
    },
  });
}

describe('updates route under anonymous uploads', () => {
  let server: CityServerProcess;
  beforeAll(async () => {
    server = await startCityServer({
      demoCity: false,
      env: { RELEASE_PUBLIC_KEY: generateReleaseKey().publicKey },
    });
  }, 90_000);
  afterAll(() => server?.dispose());

  it('answers 401 to three 300 MB uploads without login, and its RSS grows by less than 50 MB', async () => {
    // Warm the route up (routing, error path, JSON serialiser) before taking the baseline.
    for (let i = 0; i < 3; i++)
      await fetch(`${server.url}/api/updates/stable/warm.AppImage`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: 'x',
      });
    const baseline = server.rssBytes() ?? Number.NaN;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, server.rssBytes() ?? 0);
    }, 50);
    try {
      const statuses = await Promise.all(
        [1, 2, 3].map(async (n) => {
          const res = await fetch(`${server.url}/api/updates/stable/Vigevano-Hub-Kiosk-9.${n}.0.AppImage`, {
            method: 'PUT',
            headers: { 'content-type': 'application/octet-stream', 'x-release-signature': 'AAAA' },
            body: zeros(UPLOAD_BYTES),
            duplex: 'half',
          } as RequestInit);
          await res.arrayBuffer();
          return res.status;
        }),
      );
      expect(statuses).toEqual([401, 401, 401]);
      // Whatever the server still reads (and drops) of the bodies after answering is sampled too.
      await new Promise((r) => setTimeout(r, 2_000));
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, server.rssBytes() ?? 0);
    console.log(
      `updates upload: RSS ${(baseline / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB during three anonymous 300 MB uploads`,
    );
    expect(Number.isFinite(baseline)).toBe(true);
    expect(peak - baseline).toBeLessThan(ALLOWED_GROWTH);
  }, 180_000);
});

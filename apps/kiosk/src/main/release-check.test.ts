import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReleaseKey, signReleaseFile } from '../../../../scripts/release-signing';
import { checkDownloadedRelease } from './release-check';

const NEW = 'Vigevano-Hub-Kiosk-0.3.0.AppImage';
const OLD = 'Vigevano-Hub-Kiosk-0.2.0.AppImage';

// The city's feed (a real HTTP server over a folder, like the sync server's /updates/<channel>/) and the kiosk's
// download folder; the release key is made by the release manager's own code (scripts/release-signing.ts).
describe('a kiosk checks a downloaded release before installing it', () => {
  const feed = tempDir('feed-');
  const downloads = tempDir('downloads-');
  const key = generateReleaseKey();
  let server: Server;
  let feedUrl: string;

  const publish = async (name: string, bytes: string, signWith: string | null = key.privateKeyPem) => {
    writeFileSync(join(feed.path, name), bytes);
    if (signWith)
      writeFileSync(join(feed.path, `${name}.sig`), await signReleaseFile(signWith, join(feed.path, name)));
  };
  const download = (name: string, channel = feed.path) => {
    copyFileSync(join(channel, name), join(downloads.path, name));
    return join(downloads.path, name);
  };
  const check = (downloadedFile: string, releasePublicKey: string | null = key.publicKey) =>
    checkDownloadedRelease({ feedUrl, downloadedFile, releasePublicKey: releasePublicKey ?? undefined });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const file = join(
        feed.path,
        decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? ''),
      );
      if (!existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/updates/stable/`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    feed.remove();
    downloads.remove();
  });

  it('installs a release signed with the pinned key', async () => {
    await publish(NEW, 'ELF new release');
    expect(await check(download(NEW))).toEqual({ install: true });
  });

  it('refuses an unsigned release', async () => {
    await publish('Vigevano-Hub-Kiosk-0.4.0.AppImage', 'ELF unsigned', null);
    const verdict = await check(download('Vigevano-Hub-Kiosk-0.4.0.AppImage'));
    expect(verdict).toMatchObject({ install: false, why: expect.stringContaining('no signature') });
  });

  it('refuses a release signed with another key', async () => {
    await publish('Vigevano-Hub-Kiosk-0.5.0.AppImage', 'ELF other key', generateReleaseKey().privateKeyPem);
    const verdict = await check(download('Vigevano-Hub-Kiosk-0.5.0.AppImage'));
    expect(verdict).toMatchObject({ install: false, why: expect.stringContaining('does not match') });
  });

  it('refuses tampered bytes under a genuine signature', async () => {
    await publish('Vigevano-Hub-Kiosk-0.6.0.AppImage', 'ELF genuine');
    writeFileSync(join(feed.path, 'Vigevano-Hub-Kiosk-0.6.0.AppImage'), 'ELF genuine + implant');
    const verdict = await check(download('Vigevano-Hub-Kiosk-0.6.0.AppImage'));
    expect(verdict).toMatchObject({ install: false, why: expect.stringContaining('does not match') });
  });

  it("refuses another file's signature, even another genuine release's renamed", async () => {
    await publish(OLD, 'ELF old vulnerable release');
    // The old release and its genuine signature, served under the newest name.
    copyFileSync(join(feed.path, OLD), join(feed.path, 'Vigevano-Hub-Kiosk-0.9.0.AppImage'));
    copyFileSync(join(feed.path, `${OLD}.sig`), join(feed.path, 'Vigevano-Hub-Kiosk-0.9.0.AppImage.sig'));
    const verdict = await check(download('Vigevano-Hub-Kiosk-0.9.0.AppImage'));
    expect(verdict).toMatchObject({ install: false, why: expect.stringContaining('does not match') });
  });

  it('refuses every release when no release key was pinned, and says why', async () => {
    const verdict = await check(join(downloads.path, NEW), null);
    expect(verdict).toMatchObject({ install: false, why: expect.stringContaining('no release public key') });
  });
});

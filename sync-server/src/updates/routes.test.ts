import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateReleaseKey, signReleaseFile } from '../../../scripts/release-signing';
import { createUser } from '../auth/users';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { call, login, startTestServer, type TestServer } from '../testing/test-server';

const LATEST =
  'version: 0.2.0\nfiles:\n  - url: Vigevano-Hub-Kiosk-0.2.0.AppImage\n    sha512: abc\n    size: 3\npath: Vigevano-Hub-Kiosk-0.2.0.AppImage\nsha512: abc\nreleaseDate: 2026-11-26T10:00:00.000Z\n';
const APPIMAGE = 'Vigevano-Hub-Kiosk-0.2.0.AppImage';
const CAP = 256 * 1024;

/** The release manager's detached signature of `bytes` saved as `name` (scripts/sign-release.ts's code). */
async function signatureOf(privateKeyPem: string, name: string, bytes: string): Promise<string> {
  const dir = tempDir('release-');
  try {
    writeFileSync(join(dir.path, name), bytes);
    return await signReleaseFile(privateKeyPem, join(dir.path, name));
  } finally {
    dir.remove();
  }
}

/** A body of `total` zero bytes made as it is sent, so the test never holds it either. */
function zeros(total: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024);
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

describe.each(testStoreKinds())('kiosk updates from the city server on %s', (kind) => {
  const releaseKey = generateReleaseKey();
  let admin: string;
  let coordinator: string;
  const t = serverForSuite(kind, {
    env: { RELEASE_PUBLIC_KEY: releaseKey.publicKey, RELEASE_MAX_BYTES: String(CAP) },
  });
  beforeAll(async () => {
    for (const [email, role] of [
      ['a@x.it', 'admin'],
      ['c@x.it', 'coordinator'],
    ] as const)
      await createUser(t.server.store.db, {
        email,
        name: role,
        role,
        hubIds: [],
        password: 'password-lunga',
      });
    admin = await login(t.url, 'a@x.it', 'password-lunga');
    coordinator = await login(t.url, 'c@x.it', 'password-lunga');
  });

  const channelFiles = (channel: string) => {
    const dir = join(t.dataDir, 'updates', channel);
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const upload = (
    channel: string,
    file: string,
    body: string | ReadableStream<Uint8Array>,
    options: { cookie?: string; signature?: string } = {},
  ) =>
    fetch(`${t.url}/api/updates/${channel}/${file}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        cookie: options.cookie ?? admin,
        ...(options.signature ? { 'x-release-signature': options.signature } : {}),
      },
      body,
      ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    } as RequestInit);
  const message = async (res: Response) =>
    ((await res.json()) as { error: { message: string } }).error.message;

  it('lets an admin upload a signed release that kiosks then download with its signature, and stage its rollout', async () => {
    const signature = await signatureOf(releaseKey.privateKeyPem, APPIMAGE, 'ELF');
    expect((await upload('stable', APPIMAGE, 'ELF', { signature })).status).toBe(200);
    expect((await upload('stable', 'latest-linux.yml', LATEST)).status).toBe(200);
    expect(await (await fetch(`${t.url}/updates/stable/${APPIMAGE}`)).text()).toBe('ELF');
    expect((await (await fetch(`${t.url}/updates/stable/${APPIMAGE}.sig`)).text()).trim()).toBe(signature);
    const rollout = await call(`${t.url}/api/updates/stable/rollout`, {
      body: { percentage: 20 },
      cookie: admin,
    });
    expect(rollout.body).toEqual({ version: '0.2.0', stagingPercentage: 20 });
    const meta = parse(await (await fetch(`${t.url}/updates/stable/latest-linux.yml`)).text());
    expect(meta).toMatchObject({ version: '0.2.0', stagingPercentage: 20 });
  });

  it('refuses an installable file unsigned, signed by another key or for other bytes, storing nothing', async () => {
    const unsigned = await upload('unsigned', APPIMAGE, 'ELF');
    expect(unsigned.status).toBe(400);
    expect(await message(unsigned)).toContain('X-Release-Signature');
    const otherKey = await signatureOf(generateReleaseKey().privateKeyPem, APPIMAGE, 'ELF');
    const wrongKey = await upload('unsigned', APPIMAGE, 'ELF', { signature: otherKey });
    expect(wrongKey.status).toBe(400);
    expect(await message(wrongKey)).toContain('firma');
    const forOtherBytes = await signatureOf(releaseKey.privateKeyPem, APPIMAGE, 'ELF');
    expect((await upload('unsigned', APPIMAGE, 'EVIL', { signature: forOtherBytes })).status).toBe(400);
    expect(channelFiles('unsigned')).toEqual([]);
  });

  it('answers 413 to an admin upload over the cap, and leaves nothing on disk', async () => {
    const signature = await signatureOf(releaseKey.privateKeyPem, APPIMAGE, 'ELF');
    // Streamed: no Content-Length, so the cap is met while reading.
    const streamed = await upload('big', APPIMAGE, zeros(4 * CAP), { signature });
    expect(streamed.status).toBe(413);
    expect(await message(streamed)).toContain('RELEASE_MAX_BYTES');
    // Declared: refused from its Content-Length, before reading.
    const declared = await upload('big', APPIMAGE, 'x'.repeat(CAP + 1), { signature });
    expect(declared.status).toBe(413);
    expect(channelFiles('big')).toEqual([]);
    expect((await fetch(`${t.url}/updates/big/${APPIMAGE}`)).status).toBe(404);
  });

  it('refuses other roles, no login, odd names, bad metadata and bad percentages, storing nothing', async () => {
    expect((await upload('stable', 'x.AppImage', 'ELF', { cookie: coordinator })).status).toBe(403);
    expect((await upload('stable', 'x.AppImage', 'ELF', { cookie: 'vg_session=nope' })).status).toBe(401);
    expect((await upload('stable', '..%2Fevil.AppImage', 'x')).status).toBe(400);
    expect((await upload('stable', 'run.sh', 'x')).status).toBe(400);
    expect((await upload('Bad_Channel', 'x.AppImage', 'x')).status).toBe(400);
    const bad = await upload('pilot', 'latest-linux.yml', 'hello: world');
    expect(bad.status).toBe(400);
    expect(await message(bad)).toContain('version');
    expect((await upload('pilot', 'latest-linux.yml', ': [')).status).toBe(400);
    expect(channelFiles('pilot')).toEqual([]);
    expect((await fetch(`${t.url}/updates/pilot/latest-linux.yml`)).status).toBe(404);
    expect(
      (await call(`${t.url}/api/updates/stable/rollout`, { body: { percentage: 0 }, cookie: admin })).status,
    ).toBe(400);
    expect(
      (await call(`${t.url}/api/updates/empty/rollout`, { body: { percentage: 50 }, cookie: admin })).status,
    ).toBe(400);
  });
});

describe('a city with no release key', () => {
  let t: TestServer;
  afterAll(() => t?.stop());
  it('refuses installable uploads and says why', async () => {
    t = await startTestServer('sqlite');
    await createUser(t.server.store.db, {
      email: 'a@x.it',
      name: 'A',
      role: 'admin',
      hubIds: [],
      password: 'password-lunga',
    });
    const cookie = await login(t.url, 'a@x.it', 'password-lunga');
    const res = await fetch(`${t.url}/api/updates/stable/${APPIMAGE}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', cookie, 'x-release-signature': 'AAAA' },
      body: 'ELF',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'RELEASE_PUBLIC_KEY',
    );
  });
});

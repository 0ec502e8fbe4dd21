import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createUser } from '../auth/users';
import { call, login, startTestServer, type TestServer } from '../testing/test-server';

const LATEST =
  'version: 0.2.0\nfiles:\n  - url: Vigevano-Hub-Kiosk-0.2.0.AppImage\n    sha512: abc\n    size: 3\npath: Vigevano-Hub-Kiosk-0.2.0.AppImage\nsha512: abc\nreleaseDate: 2026-11-26T10:00:00.000Z\n';

describe('kiosk updates from the city server', () => {
  let t: TestServer;
  let admin: string;
  let coordinator: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await createUser(t.server.store.db, {
      email: 'a@x.it',
      name: 'A',
      role: 'admin',
      hubId: null,
      password: 'password-lunga',
    });
    await createUser(t.server.store.db, {
      email: 'c@x.it',
      name: 'C',
      role: 'coordinator',
      hubId: null,
      password: 'password-lunga',
    });
    admin = await login(t.url, 'a@x.it', 'password-lunga');
    coordinator = await login(t.url, 'c@x.it', 'password-lunga');
  });
  afterAll(() => t.stop());

  const upload = (channel: string, file: string, body: string, cookie = admin) =>
    fetch(`${t.url}/api/updates/${channel}/${file}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', cookie },
      body,
    });

  it('lets an admin upload a release that kiosks then download, and stage its rollout', async () => {
    expect((await upload('stable', 'Vigevano-Hub-Kiosk-0.2.0.AppImage', 'ELF')).status).toBe(200);
    expect((await upload('stable', 'latest-linux.yml', LATEST)).status).toBe(200);
    expect(await (await fetch(`${t.url}/updates/stable/Vigevano-Hub-Kiosk-0.2.0.AppImage`)).text()).toBe(
      'ELF',
    );
    const rollout = await call(`${t.url}/api/updates/stable/rollout`, {
      body: { percentage: 20 },
      cookie: admin,
    });
    expect(rollout.body).toEqual({ version: '0.2.0', stagingPercentage: 20 });
    const meta = parse(await (await fetch(`${t.url}/updates/stable/latest-linux.yml`)).text());
    expect(meta).toMatchObject({ version: '0.2.0', stagingPercentage: 20 });
  });

  it('refuses other roles, odd names, bad metadata and bad percentages, storing nothing', async () => {
    expect((await upload('stable', 'x.AppImage', 'ELF', coordinator)).status).toBe(403);
    expect((await upload('stable', '..%2Fevil.AppImage', 'x')).status).toBe(400);
    expect((await upload('stable', 'run.sh', 'x')).status).toBe(400);
    expect((await upload('Bad_Channel', 'x.AppImage', 'x')).status).toBe(400);
    const bad = await upload('pilot', 'latest-linux.yml', 'hello: world');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('version');
    expect((await fetch(`${t.url}/updates/pilot/latest-linux.yml`)).status).toBe(404);
    expect(
      (await call(`${t.url}/api/updates/stable/rollout`, { body: { percentage: 0 }, cookie: admin })).status,
    ).toBe(400);
    expect(
      (await call(`${t.url}/api/updates/empty/rollout`, { body: { percentage: 50 }, cookie: admin })).status,
    ).toBe(400);
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, demoKiosk, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';
import { call } from '../testing/test-server';
import { mp4Of, pngOf } from './media-fixtures';

describe.each(testStoreKinds())('media routes on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  const kioskToken = () => {
    const kiosk = demoKiosk(city, city.ownHub);
    return { token: kiosk.token, id: kiosk.deviceId };
  };
  const upload = async (bytes: Buffer, role: 'coordinator' | 'viewer', type = 'application/octet-stream') => {
    const res = await fetch(`${city.t.url}/api/dashboard/media`, {
      method: 'POST',
      headers: { cookie: city.cookie[role], 'content-type': type },
      body: bytes,
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests assert on response bodies of every shape
    return { status: res.status, body: (await res.json()) as any };
  };
  const stored = async () =>
    Number(
      (
        await city.t.server.store.db
          .selectFrom('media_files')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores an upload with its renditions, audited, and serves each file by id to users and kiosks', async () => {
    const png = await pngOf(2400, 1600);
    const ok = await upload(png, 'coordinator', 'image/jpeg'); // the declared type is not believed
    expect(ok.status).toBe(200);
    const { media } = ok.body;
    expect(media.kind).toBe('image');
    expect(media.original.mediaType).toBe('image/png');
    expect(media.renditions.map((r: { shape: string }) => r.shape)).toEqual(['portrait', 'landscape']);
    const landscape = media.renditions[1].file;
    const res = await fetch(`${city.t.url}/api/media/${landscape.id}`, {
      headers: { cookie: city.cookie.viewer },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(landscape.sha256);
    expect(bytes.length).toBe(landscape.bytes);
    const kiosk = await fetch(`${city.t.url}/api/media/${landscape.id}`, {
      headers: { authorization: `Bearer ${kioskToken().token}` },
    });
    expect(kiosk.status).toBe(200);
    expect((await fetch(`${city.t.url}/api/media/${landscape.id}`)).status).toBe(401);
    const audit = await city.t.server.store.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('target_id', '=', media.original.id)
      .execute();
    expect(audit).toEqual([{ action: 'media.upload', target_id: media.original.id }]);
  });

  it('refuses SVG, a viewer, and a file too large, storing nothing', async () => {
    const before = await stored();
    const svg = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'coordinator',
      'image/png',
    );
    expect(svg.status).toBe(400);
    expect(svg.body.error.message).toContain('SVG');
    expect((await upload(await pngOf(50, 50), 'viewer')).status).toBe(403);
    const large = await upload(mp4Of(5, 640, 360, 21 * 1024 * 1024), 'coordinator', 'video/mp4');
    expect(large.status).toBe(413);
    expect(large.body.error.message).toContain('video troppo grande');
    const json = await city.send('POST', '/api/dashboard/media', 'coordinator', { data: 'abc' });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toContain('non come JSON');
    expect(await stored()).toBe(before);
  });

  it('puts uploaded media on a content item, and refuses media that was never uploaded', async () => {
    const { media } = (await upload(mp4Of(8), 'coordinator')).body;
    expect(media).toMatchObject({ kind: 'video', durationMs: 8000 });
    const item = (extra: unknown) => ({
      kind: 'news',
      hubIds: [city.ownHub],
      title: { it: 'Video di prova' },
      body: { it: 'Un breve video' },
      schedule: { from: Date.now() - 3_600_000, to: Date.now() + 86_400_000 },
      priority: 50,
      media: extra,
    });
    const created = await city.send('POST', '/api/dashboard/content', 'coordinator', item(media));
    expect(created.status).toBe(200);
    expect(created.body.item.media).toEqual(media);
    const forged = { ...media, original: { ...media.original, sha256: 'a'.repeat(64) } };
    const refused = await city.send('POST', '/api/dashboard/content', 'coordinator', item(forged));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('/media');
  });

  it('records what a kiosk says it holds, shown on the devices list', async () => {
    const kiosk = kioskToken();
    const files = [
      { id: '01JD0000000000000000000001', bytes: 1000 },
      { id: '01JD0000000000000000000002', bytes: 2500 },
    ];
    const held = await call(`${city.t.url}/api/device/media-held`, {
      method: 'PUT',
      bearer: kiosk.token,
      body: { budgetBytes: 500 * 1024 * 1024, files },
    });
    expect(held.status).toBe(200);
    const list = await city.get('/api/dashboard/devices', 'coordinator');
    const row = list.body.devices.find((d: { id: string }) => d.id === kiosk.id);
    expect(row.media).toMatchObject({ files: 2, bytes: 3500, budgetBytes: 500 * 1024 * 1024 });
    const stranger = await call(`${city.t.url}/api/device/media-held`, {
      method: 'PUT',
      cookie: city.cookie.admin,
      body: { budgetBytes: 1, files: [] },
    });
    expect(stranger.status).toBe(401);
  });
});

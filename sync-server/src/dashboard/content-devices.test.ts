import { parseEnrolmentQrText } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { call } from '../testing/test-server';
import { type DemoCity, demoKiosk, startDemoCity } from './test-support';

// A 1×1 PNG, and the same bytes declared as something else.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe.each(testStoreKinds())('content and devices on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  const kioskToken = () => demoKiosk(city, city.ownHub).token;
  const item = (image?: unknown) => ({
    kind: 'news',
    hubIds: [city.ownHub],
    title: { it: 'Corso di cucina', en: 'Cooking class' },
    body: { it: 'Giovedì alle 18', en: 'Thursday at 6 pm' },
    schedule: {
      from: Date.now() - 3_600_000,
      to: Date.now() + 7 * 86_400_000,
      days: [1, 2, 3, 4, 5],
      hours: { from: '08:00', to: '20:00' },
    },
    priority: 90,
    ...(image ? { image } : {}),
  });

  it('stores an image after checking its bytes, and refuses one that is not what it claims', async () => {
    const wrong = await city.send('POST', '/api/dashboard/content-images', 'coordinator', {
      mediaType: 'image/jpeg',
      dataBase64: PNG,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('il file è image/png');
    const text = await city.send('POST', '/api/dashboard/content-images', 'coordinator', {
      mediaType: 'image/png',
      dataBase64: Buffer.from('<svg onload=alert(1)>').toString('base64'),
    });
    expect(text.status).toBe(400);
    const big = await city.send('POST', '/api/dashboard/content-images', 'coordinator', {
      mediaType: 'image/png',
      dataBase64: Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.alloc(1024 * 1024)]).toString('base64'),
    });
    expect(big.status).toBe(413);
    const ok = await city.send('POST', '/api/dashboard/content-images', 'coordinator', {
      mediaType: 'image/png',
      dataBase64: PNG,
    });
    expect(ok.status).toBe(200);
    const bytes = await fetch(`${city.t.url}/api/content-images/${ok.body.image.id}`, {
      headers: { cookie: city.cookie.viewer },
    });
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await bytes.arrayBuffer()).equals(Buffer.from(PNG, 'base64'))).toBe(true);
    // A kiosk fetches it with its device token; nobody else without a session.
    const kiosk = await fetch(`${city.t.url}/api/content-images/${ok.body.image.id}`, {
      headers: { authorization: `Bearer ${kioskToken()}` },
    });
    expect(kiosk.status).toBe(200);
    expect((await fetch(`${city.t.url}/api/content-images/${ok.body.image.id}`)).status).toBe(401);
  });

  it('publishes an item that the hub kiosk then receives, unpublishes and deletes it', async () => {
    const image = (
      await city.send('POST', '/api/dashboard/content-images', 'coordinator', {
        mediaType: 'image/png',
        dataBase64: PNG,
      })
    ).body.image;
    const created = await city.send('POST', '/api/dashboard/content', 'coordinator', item(image));
    expect(created.status).toBe(200);
    expect(created.body.item).toMatchObject({ published: false, image });
    const id = created.body.item.id;
    const inSnapshot = async () =>
      (
        (await call(`${city.t.url}/api/device/snapshot`, { bearer: kioskToken() })).body.content as Array<{
          id: string;
        }>
      ).some((c) => c.id === id);
    expect(await inSnapshot()).toBe(false);
    const published = await city.send('POST', `/api/dashboard/content/${id}/publish`, 'coordinator', {
      published: true,
    });
    expect(published.body.item.published).toBe(true);
    expect(await inSnapshot()).toBe(true);
    const edited = await city.send('PUT', `/api/dashboard/content/${id}`, 'admin', {
      ...item(),
      priority: 10,
    });
    expect(edited.body.item).toMatchObject({ priority: 10, published: true });
    expect(edited.body.item.image).toBeUndefined();
    expect((await city.send('DELETE', `/api/dashboard/content/${id}`, 'coordinator')).status).toBe(200);
    expect(await inSnapshot()).toBe(false);
    expect(
      (await city.get('/api/dashboard/content', 'coordinator')).body.items.some(
        (c: { id: string }) => c.id === id,
      ),
    ).toBe(false);
  });

  it('keeps the layout and side panel a coordinator chose, and refuses ones that do not exist', async () => {
    const created = await city.send('POST', '/api/dashboard/content', 'coordinator', {
      ...item(),
      layout: 'zones',
      panel: 'how-to-get-there',
    });
    expect(created.body.item).toMatchObject({ layout: 'zones', panel: 'how-to-get-there' });
    const before = (await city.get('/api/dashboard/content', 'coordinator')).body.items.length;
    const unknown = await city.send('POST', '/api/dashboard/content', 'coordinator', {
      ...item(),
      layout: 'carousel',
    });
    expect(unknown.body.error.code).toBe('validation_failed');
    const badPanel = await city.send('POST', '/api/dashboard/content', 'coordinator', {
      ...item(),
      layout: 'zones',
      panel: 'weather',
    });
    expect(badPanel.body.error.code).toBe('validation_failed');
    expect((await city.get('/api/dashboard/content', 'coordinator')).body.items).toHaveLength(before);
  });

  it('refuses content with dates out of order or an unknown hub, and stores nothing', async () => {
    const before = (await city.get('/api/dashboard/content', 'coordinator')).body.items.length;
    const backwards = await city.send('POST', '/api/dashboard/content', 'coordinator', {
      ...item(),
      schedule: { from: 10, to: 5 },
    });
    expect(backwards.body.error.message).toBe('la data di fine deve essere dopo la data di inizio');
    const nowhere = await city.send('POST', '/api/dashboard/content', 'coordinator', {
      ...item(),
      hubIds: ['01JD0000000000000000000000'],
    });
    expect(nowhere.body.error.message).toContain('hub sconosciuti');
    const noItalian = await city.send('POST', '/api/dashboard/content', 'coordinator', {
      ...item(),
      title: { en: 'x' },
    });
    expect(noItalian.body.error.code).toBe('validation_failed');
    expect((await city.get('/api/dashboard/content', 'coordinator')).body.items).toHaveLength(before);
  });

  it("lists each kiosk's health and makes enrolment codes with a QR the kiosk can read", async () => {
    const list = await city.get('/api/dashboard/devices', 'coordinator');
    expect(list.body.devices).toHaveLength(6);
    expect(list.body.devices[0]).toHaveProperty('clockOffsetMs');
    const code = await city.send('POST', '/api/dashboard/devices/enrolment-codes', 'coordinator', {
      hubId: city.ownHub,
    });
    expect(code.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(parseEnrolmentQrText(code.body.qrText)).toEqual({
      serverUrl: expect.stringMatching(/^http/),
      code: code.body.code,
    });
    expect(code.body.qrSvg).toContain('<svg');
    const missing = await city.send('POST', '/api/dashboard/devices/enrolment-codes', 'coordinator', {
      hubId: '01JD0000000000000000000000',
    });
    expect(missing.status).toBe(404);
  });
});

import { type Play, playId, syncPath } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { enrolTestDevice, newRows, type TestDevice } from '../sync/test-support';
import { call } from '../testing/test-server';
import { type DemoCity, startDemoCity } from './test-support';

type Doc = Record<string, unknown>;

describe.each(testStoreKinds())('proof of play and language gaps on %s', (kind) => {
  let city: DemoCity;
  // a kiosk of the hub lead's hub and one of another hub, each with a name of its own for the report
  let kiosks: { own: TestDevice; other: TestDevice };
  beforeAll(async () => {
    city = await startDemoCity(kind);
    const { db } = city.t.server.store;
    kiosks = {
      own: await enrolTestDevice(db, city.ownHub, 'Ingresso prova'),
      other: await enrolTestDevice(db, city.otherHub, 'Ingresso altro'),
    };
  }, 120_000);
  afterAll(() => city.t.stop());

  const item = (title: Record<string, string>, body: Record<string, string>) => ({
    kind: 'news',
    hubIds: [],
    title,
    body,
    schedule: { from: Date.now() - 3_600_000, to: Date.now() + 7 * 86_400_000 },
    priority: 50,
  });
  const create = async (title: Record<string, string>, body: Record<string, string>) => {
    const res = await city.send('POST', '/api/dashboard/content', 'coordinator', item(title, body));
    expect(res.status).toBe(200);
    return res.body.item.id as string;
  };
  const play = (
    device: TestDevice,
    contentId: string,
    day: string,
    shows: number,
    seconds: number,
  ): Play => ({
    id: playId(device.deviceId, contentId, day),
    hubId: device.hubId,
    deviceId: device.deviceId,
    contentId,
    day,
    shows,
    seconds,
    updatedAt: Date.parse(`${day}T12:00:00Z`) + shows,
  });
  const push = (device: TestDevice, docs: Play[]) =>
    call(`${city.t.url}${syncPath('plays', 'push')}`, { bearer: device.token, body: newRows(docs) });

  it('lists the languages each item lacks and the fallback order', async () => {
    const two = await create({ it: 'Corso', en: 'Course', ar: 'دورة' }, { it: 'Testo', en: 'Text', ar: ' ' });
    const res = await city.get('/api/dashboard/content', 'coordinator');
    expect(res.status).toBe(200);
    expect(res.body.fallbackOrder).toEqual(['it', 'en', 'ar', 'fr', 'es', 'ro', 'sq', 'uk', 'zh']);
    // Arabic has a title but a blank body: missing, as the kiosk would fall back for it
    expect(res.body.missingLanguages[two]).toEqual(['ar', 'fr', 'es', 'ro', 'sq', 'uk', 'zh']);
    expect(Object.keys(res.body.missingLanguages).sort()).toEqual(
      (res.body.items as Doc[]).map((c) => c.id).sort(),
    );
  });

  it('counts shows per item, kiosk and day, a repeated push counting once, and narrows to a hub', async () => {
    const { own: kiosk, other: otherKiosk } = kiosks;
    const news = await create({ it: 'Notizia' }, { it: 'Testo' });
    const course = await create({ it: 'Corso' }, { it: 'Testo' });
    const [d1, d2] = ['2024-03-04', '2024-03-05'];
    const first = [
      play(kiosk, news, d1, 3, 24),
      play(kiosk, course, d1, 2, 16),
      play(otherKiosk, news, d2, 4, 32),
    ];
    expect((await push(kiosk, first.slice(0, 2))).status).toBe(200);
    expect((await push(otherKiosk, first.slice(2))).status).toBe(200);
    // the same state pushed again (an answer lost on the way back): the counts stay
    expect((await push(kiosk, first.slice(0, 1))).status).toBe(200);
    // a counter grown later on the kiosk
    const grown = { ...play(kiosk, news, d1, 5, 40) };
    const res0 = await call(`${city.t.url}${syncPath('plays', 'push')}`, {
      bearer: kiosk.token,
      body: [
        {
          newDocumentState: { ...grown, _deleted: false },
          assumedMasterState: { ...first[0], _deleted: false },
        },
      ],
    });
    expect(res0.body.conflicts).toEqual([]);

    const res = await city.get(`/api/dashboard/plays?from=${d1}&to=2024-03-06`, 'coordinator');
    expect(res.status).toBe(200);
    expect((res.body.rows as Doc[]).map((r) => [r.day, r.deviceName, r.title, r.shows, r.seconds])).toEqual([
      [d1, 'Ingresso prova', 'Corso', 2, 16],
      [d1, 'Ingresso prova', 'Notizia', 5, 40],
      [d2, 'Ingresso altro', 'Notizia', 4, 32],
    ]);
    expect(res.body.byItem).toEqual([
      { contentId: news, title: 'Notizia', shows: 9, seconds: 72 },
      { contentId: course, title: 'Corso', shows: 2, seconds: 16 },
    ]);
    expect((res.body.byKiosk as Doc[]).map((k) => [k.deviceName, k.shows])).toEqual([
      ['Ingresso prova', 7],
      ['Ingresso altro', 4],
    ]);
    expect(res.body.byDay).toEqual([
      { day: d1, shows: 7, seconds: 56 },
      { day: d2, shows: 4, seconds: 32 },
      { day: '2024-03-06', shows: 0, seconds: 0 },
    ]);

    const own = await city.get(`/api/dashboard/plays?from=${d1}&to=${d2}&hub=${city.otherHub}`, 'admin');
    expect((own.body.rows as Doc[]).map((r) => r.deviceId)).toEqual([otherKiosk.deviceId]);
    // a deleted item's plays stay, under its last title
    expect((await city.send('DELETE', `/api/dashboard/content/${course}`, 'coordinator')).status).toBe(200);
    const after = await city.get(`/api/dashboard/plays?from=${d1}&to=${d1}`, 'coordinator');
    expect((after.body.rows as Doc[]).map((r) => r.title)).toEqual(['Corso', 'Notizia']);
  });

  it('refuses a range that ends before it starts, and a viewer', async () => {
    const bad = await city.get('/api/dashboard/plays?from=2024-03-05&to=2024-03-01', 'coordinator');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('inizio è dopo');
    expect((await city.get('/api/dashboard/plays?from=2024-03-01&to=2024-03-05', 'viewer')).status).toBe(403);
  });
});

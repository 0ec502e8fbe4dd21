import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { type DemoCity, startDemoCity } from './test-support';

const UNKNOWN = '01JD0000000000000000000000';
const HOUR = 3_600_000;

// Issue 17, items 3 and 4 on a real server: kiosk groups, content aimed at kiosks and groups, a kiosk's week, and
// urgent notices; every refusal says what is wrong and writes nothing.
describe.each(testStoreKinds())('targeting and urgent notices on %s', (kind) => {
  let city: DemoCity;
  let kiosks: Array<{ id: string; name: string; hubId: string; tags: string[]; state: string }>;
  beforeAll(async () => {
    city = await startDemoCity(kind);
    kiosks = (await city.get('/api/dashboard/devices', 'coordinator')).body.devices;
  });
  afterAll(() => city.t.stop());

  const auditOf = async (action: string) =>
    (await city.get(`/api/admin/audit?action=${action}&limit=100`, 'admin')).body.entries as Array<{
      targetId: string;
      before: unknown;
      after: unknown;
    }>;
  /** Posts `body` to `path` as a coordinator and expects a 400 whose message is (or contains) `message`. */
  const refused = async (path: string, body: unknown, message: string) => {
    const res = await city.send('POST', path, 'coordinator', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  };
  const item = (over: Record<string, unknown> = {}) => ({
    kind: 'news',
    hubIds: [],
    title: { it: 'Solo per i totem del gruppo' },
    body: { it: 'Prova' },
    schedule: { from: Date.now() - HOUR, to: Date.now() + 30 * 24 * HOUR },
    priority: 60,
    ...over,
  });

  it('sets a kiosk’s groups, audited, and refuses a malformed one with nothing changed', async () => {
    const [first] = kiosks;
    if (!first) throw new Error('the demo city has kiosks');
    const bad = await city.send('PUT', `/api/dashboard/devices/${first.id}/tags`, 'coordinator', {
      tags: ['ok', 'Con Spazio!'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"con spazio!" non valido');
    const set = await city.send('PUT', `/api/dashboard/devices/${first.id}/tags`, 'coordinator', {
      tags: ['Totem', 'ingresso', 'totem'],
    });
    expect(set.status).toBe(200);
    expect(set.body.tags).toEqual(['ingresso', 'totem']);
    const entries = (await auditOf('device.tags_set')).filter((e) => e.targetId === first.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.before).toEqual({ tags: [] });
    expect(entries[0]?.after).toEqual({ tags: ['ingresso', 'totem'] });
    // the kiosk's replicated document carries them
    const again = await city.get('/api/dashboard/devices', 'coordinator');
    expect(again.body.devices.find((d: { id: string }) => d.id === first.id).tags).toEqual([
      'ingresso',
      'totem',
    ]);
  });

  it('refuses content aimed at an unknown kiosk or group, or a kiosk outside its hubs, and stores nothing', async () => {
    const before = (await city.get('/api/dashboard/content', 'coordinator')).body.items.length;
    const content = '/api/dashboard/content';
    await refused(
      content,
      item({ deviceIds: [UNKNOWN] }),
      `totem sconosciuti o non più in servizio: ${UNKNOWN}`,
    );
    await refused(content, item({ tags: ['nessuno'] }), 'nessun totem ha il gruppo: nessuno');
    const outside = kiosks.find((k) => k.hubId !== city.ownHub) as { id: string };
    await refused(
      content,
      item({ hubIds: [city.ownHub], deviceIds: [outside.id] }),
      'totem fuori dagli hub scelti',
    );
    expect((await city.get('/api/dashboard/content', 'coordinator')).body.items).toHaveLength(before);
  });

  it("puts an item aimed at a group in that kiosk's week only", async () => {
    const tagged = kiosks[0] as { id: string };
    const other = kiosks.find((k) => k.id !== tagged.id && k.state === 'active') as { id: string };
    const created = await city.send(
      'POST',
      '/api/dashboard/content',
      'coordinator',
      item({ tags: ['ingresso'] }),
    );
    expect(created.status).toBe(200);
    expect(created.body.item.tags).toEqual(['ingresso']);
    const id = created.body.item.id as string;
    await city.send('POST', `/api/dashboard/content/${id}/publish`, 'coordinator', { published: true });
    const plays = async (deviceId: string) => {
      const week = await city.get(`/api/dashboard/content/week?deviceId=${deviceId}`, 'coordinator');
      expect(week.status).toBe(200);
      expect(week.body.days).toHaveLength(7);
      return week.body.days.some((d: { hours: Array<{ contentIds: string[] }> }) =>
        d.hours.some((h) => h.contentIds.includes(id)),
      );
    };
    expect(await plays(tagged.id)).toBe(true);
    expect(await plays(other.id)).toBe(false);
    expect((await city.get(`/api/dashboard/content/week?deviceId=${UNKNOWN}`, 'coordinator')).status).toBe(
      404,
    );
    expect((await city.get(`/api/dashboard/content/week?deviceId=${tagged.id}`, 'viewer')).status).toBe(403);
  });

  it('refuses a notice that ends before it starts, lasts too long or names an unknown kiosk, and writes nothing', async () => {
    const notice = (over: Record<string, unknown>) => ({
      title: { it: 'Chiusura anticipata' },
      text: { it: 'Oggi l’hub chiude alle 16.' },
      hubIds: [],
      deviceIds: [],
      tags: [],
      endsAt: Date.now() + HOUR,
      ...over,
    });
    const before = (await city.get('/api/dashboard/notices', 'coordinator')).body.notices.length;
    const notices = '/api/dashboard/notices';
    await refused(notices, notice({ endsAt: Date.now() - HOUR }), 'la fine deve essere dopo l’inizio');
    await refused(
      notices,
      notice({ endsAt: Date.now() + 8 * 24 * HOUR }),
      'un avviso urgente dura al massimo 7 giorni',
    );
    await refused(
      notices,
      notice({ deviceIds: [UNKNOWN] }),
      `totem sconosciuti o non più in servizio: ${UNKNOWN}`,
    );
    await refused(notices, notice({ tags: ['nessuno'] }), 'nessun totem ha il gruppo: nessuno');
    await refused(notices, notice({ title: { en: 'x' } }), '');
    expect((await city.get('/api/dashboard/notices', 'coordinator')).body.notices).toHaveLength(before);
    expect(await auditOf('notice.create')).toHaveLength(0);
  });

  it('sends a notice to chosen kiosks (their hubs only), audited, and ends it early once', async () => {
    const kiosk = kiosks[0] as { id: string; hubId: string };
    const created = await city.send('POST', '/api/dashboard/notices', 'coordinator', {
      title: { it: 'Allerta meteo', en: 'Weather warning' },
      text: { it: 'Restate al chiuso.' },
      hubIds: [],
      deviceIds: [kiosk.id],
      tags: [],
      endsAt: Date.now() + 2 * HOUR,
    });
    expect(created.status).toBe(200);
    const notice = created.body.notice;
    expect(notice.hubIds).toEqual([kiosk.hubId]);
    expect(notice.deviceIds).toEqual([kiosk.id]);
    expect((await auditOf('notice.create')).map((e) => e.targetId)).toEqual([notice.id]);
    const ended = await city.send('POST', `/api/dashboard/notices/${notice.id}/end`, 'coordinator');
    expect(ended.status).toBe(200);
    expect(ended.body.notice.endedAt).toBeLessThanOrEqual(Date.now());
    expect((await auditOf('notice.end')).map((e) => e.targetId)).toEqual([notice.id]);
    const twice = await city.send('POST', `/api/dashboard/notices/${notice.id}/end`, 'coordinator');
    expect(twice.status).toBe(409);
    expect((await city.get('/api/dashboard/notices', 'viewer')).status).toBe(403);
  });
});

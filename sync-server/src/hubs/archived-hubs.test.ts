import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';

// An archived hub keeps its history but takes nothing new: no kiosk (enrolment code, move) and no new person.
// The refusals point at the hub field (/hubId) in Italian and write nothing; the lists the dashboard offers as
// choices mark the hub archived so that the pages leave it out.

describe.each(testStoreKinds())('an archived hub on %s', (kind) => {
  let city: DemoCity;
  let archivedId: string;
  beforeAll(async () => {
    city = await startDemoCity(kind);
    const created = await city.send('POST', '/api/admin/hubs', 'admin', {
      name: 'Hub Chiuso',
      address: 'Via Roma 1, Vigevano',
      area: 'Centro',
      targetGroups: [],
      focus: { assistance: '', promotion: '' },
      openingHours: [],
      closures: [],
      position: { lat: 45.317, lon: 8.857 },
      timezone: 'Europe/Rome',
      usesCheckout: false,
      repeatScanWindowMs: 600_000,
    });
    archivedId = created.body.hub.id;
    const archived = await city.send('POST', `/api/admin/hubs/${archivedId}/archive`, 'admin', {
      archived: true,
    });
    expect(archived.status).toBe(200);
  });
  afterAll(() => city.t.stop());

  const db = () => city.t.server.store.db;
  /** What a refusal must leave as it was: enrolment codes, audit entries, people, cards, kiosk credentials. */
  const written = async () => ({
    codes: (await db().selectFrom('enrolment_codes').select('code_hash').execute()).length,
    audit: (await db().selectFrom('audit_log').select('id').execute()).length,
    people: (await db().selectFrom('people').select('visitor_id').execute()).length,
    cards: (await db().selectFrom('documents').select('id').where('collection', '=', 'cards').execute())
      .length,
    revoked: (
      await db().selectFrom('device_credentials').select('device_id').where('revoked', '=', 1).execute()
    ).length,
  });
  const expectArchivedRefusal = (answer: Awaited<ReturnType<DemoCity['send']>>) => {
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      { path: '/hubId', code: 'archived_hub', message: answer.body.error.message },
    ]);
    expect(answer.body.error.message).toContain('Hub Chiuso');
    expect(answer.body.error.message).toContain('archiviat');
  };

  it('refuses an enrolment code for it, on the dashboard route and the older one, writing nothing', async () => {
    const before = await written();
    expectArchivedRefusal(
      await city.send('POST', '/api/dashboard/devices/enrolment-codes', 'admin', { hubId: archivedId }),
    );
    expectArchivedRefusal(await city.send('POST', `/api/hubs/${archivedId}/enrolment-codes`, 'coordinator'));
    expect(await written()).toEqual(before);
    // the same request for a hub in service works
    const ok = await city.send('POST', '/api/dashboard/devices/enrolment-codes', 'admin', {
      hubId: city.ownHub,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses to move a kiosk there: the kiosk stays in service', async () => {
    const list = await city.get('/api/dashboard/devices', 'admin');
    const kiosk = (list.body.devices as Array<{ id: string; state: string }>).find(
      (d) => d.state === 'active',
    );
    expect(kiosk).toBeDefined();
    const before = await written();
    expectArchivedRefusal(
      await city.send('POST', `/api/dashboard/devices/${kiosk?.id}/move`, 'admin', { hubId: archivedId }),
    );
    expect(await written()).toEqual(before);
    const after = await city.get('/api/dashboard/devices', 'admin');
    expect(after.body.devices.find((d: { id: string }) => d.id === kiosk?.id).state).toBe('active');
  });

  it('refuses a new person there, with or without personal data, writing nothing', async () => {
    const before = await written();
    expectArchivedRefusal(
      await city.send('POST', '/api/dashboard/people', 'admin', {
        hubId: archivedId,
        card: { alias: 'Nessuno', language: 'it' },
      }),
    );
    expect(await written()).toEqual(before);
  });

  it('is marked archived in the hub choices of the devices, content and people pages', async () => {
    const choices = [
      (await city.get('/api/dashboard/devices', 'admin')).body.hubs,
      (await city.get('/api/dashboard/content', 'admin')).body.hubs,
      (await city.get('/api/city/overview', 'admin')).body.hubs,
    ] as Array<Array<{ id: string; archived?: boolean }>>;
    for (const hubs of choices) {
      expect(hubs.find((h) => h.id === archivedId)?.archived).toBe(true);
      expect(hubs.find((h) => h.id === city.ownHub)?.archived).toBeUndefined();
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncPath } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';
import { call } from '../testing/test-server';

const hubInput = (name: string) => ({
  name,
  address: 'Via Roma 1, Vigevano',
  area: 'Centro',
  targetGroups: ['young_neet', 'elderly'],
  focus: { assistance: 'sportello', promotion: 'laboratori' },
  openingHours: [
    { day: 1, open: '09:00', close: '12:30' },
    { day: 1, open: '14:00', close: '18:00' },
  ],
  closures: [{ from: '2026-12-24', to: '2026-12-26', reason: 'Natale' }],
  position: { lat: 45.317, lon: 8.857 },
  timezone: 'Europe/Rome',
  usesCheckout: true,
  repeatScanWindowMs: 5 * 60_000,
});

describe.each(testStoreKinds())('hubs administered from the dashboard on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  const hubs = async () =>
    (await city.get('/api/dashboard/hubs', 'viewer')).body.hubs as Array<Record<string, unknown>>;
  const audit = async (action: string) =>
    city.t.server.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const kioskOf = (hubId: string) => {
    const dir = join(city.t.dataDir, 'kiosks');
    for (const d of readdirSync(dir)) {
      const identity = JSON.parse(readFileSync(join(dir, d, 'identity.json'), 'utf8'));
      if (identity.hubId === hubId) return identity as { token: string; deviceId: string };
    }
    throw new Error('no kiosk');
  };

  it('creates and edits a hub, with an audit entry each, and only the admin and coordinators may', async () => {
    for (const role of ['hub_lead', 'viewer'] as const)
      expect((await city.send('POST', '/api/admin/hubs', role, hubInput(`Sede ${role}`))).status).toBe(403);
    const created = await city.send('POST', '/api/admin/hubs', 'coordinator', hubInput('Hub Nuovo'));
    expect(created.status).toBe(200);
    expect(created.body.hub).toMatchObject({
      name: 'Hub Nuovo',
      archived: false,
      activeKiosks: 0,
      facilitators: [],
    });
    const id = created.body.hub.id as string;
    const edited = await city.send('PUT', `/api/admin/hubs/${id}`, 'admin', {
      ...hubInput('Hub Nuovo'),
      address: 'Via Cairoli 2',
      openingHours: [{ day: 2, open: '10:00', close: '13:00' }],
    });
    expect(edited.status).toBe(200);
    expect((await hubs()).find((h) => h.id === id)).toMatchObject({
      address: 'Via Cairoli 2',
      openingHours: [{ day: 2, open: '10:00', close: '13:00' }],
      closures: [{ from: '2026-12-24', to: '2026-12-26', reason: 'Natale' }],
      repeatScanWindowMs: 300_000,
    });
    const [create] = await audit('hub.create');
    expect(create).toMatchObject({ target_id: id, hub_id: id });
    const updates = (await audit('hub.update')).filter((a) => a.target_id === id);
    expect(updates).toHaveLength(1);
    expect(JSON.parse(updates[0]?.before_json ?? '{}').address).toBe('Via Roma 1, Vigevano');
  });

  it('refuses a duplicate name whatever its case, overlapping or inverted hours, an unknown zone or area, and writes nothing', async () => {
    const before = await hubs();
    const auditBefore = (await audit('hub.create')).length;
    const [existing] = before;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: String(existing?.name).toUpperCase() }, '/name', 'esiste già una sede'],
      [
        {
          openingHours: [
            { day: 1, open: '09:00', close: '13:00' },
            { day: 1, open: '12:00', close: '15:00' },
          ],
        },
        '/openingHours/1/open',
        'si sovrappongono',
      ],
      [
        { openingHours: [{ day: 5, open: '18:00', close: '08:00' }] },
        '/openingHours/0/close',
        'deve essere dopo',
      ],
      [
        { closures: [{ from: '2026-08-20', to: '2026-08-10', reason: '' }] },
        '/closures/0/to',
        'prima della data',
      ],
      [{ timezone: 'Europa/Vigevano' }, '/timezone', 'fuso orario sconosciuto'],
      [{ area: 'Marte' }, '/area', "non è nell'elenco"],
    ];
    for (const [change, field, words] of cases) {
      const answer = await city.send('POST', '/api/admin/hubs', 'admin', {
        ...hubInput('Hub Rifiutato'),
        ...change,
      });
      expect(answer.status, JSON.stringify(change)).toBe(400);
      expect(answer.body.error.message).toContain(words);
      expect(answer.body.error.details[0]).toMatchObject({ path: field, message: answer.body.error.message });
    }
    expect(await hubs()).toEqual(before);
    expect(await audit('hub.create')).toHaveLength(auditBefore);
  });

  it('refuses to archive a hub with active kiosks (409 naming them), archives it once they are retired', async () => {
    const kiosk = kioskOf(city.otherHub);
    const refused = await city.send('POST', `/api/admin/hubs/${city.otherHub}/archive`, 'coordinator', {
      archived: true,
    });
    expect(refused.status).toBe(409);
    const kiosks = refused.body.error.details.kiosks as Array<{ id: string; name: string }>;
    expect(kiosks.map((k) => k.id)).toContain(kiosk.deviceId);
    expect((await hubs()).find((h) => h.id === city.otherHub)?.archived).toBe(false);
    for (const k of kiosks)
      expect((await city.send('POST', `/api/devices/${k.id}/revoke`, 'coordinator')).status).toBe(200);
    const archived = await city.send('POST', `/api/admin/hubs/${city.otherHub}/archive`, 'coordinator', {
      archived: true,
    });
    expect(archived.status).toBe(200);
    expect(archived.body.hub).toMatchObject({ archived: true, activeKiosks: 0 });
    expect(await audit('hub.archive')).toHaveLength(1);
  });

  it("sends an edited hub to that hub's kiosk through replication", async () => {
    const kiosk = kioskOf(city.ownHub);
    const pull = async () => {
      const answer = await call(`${city.t.url}${syncPath('hubs', 'pull')}?limit=100`, {
        bearer: kiosk.token,
      });
      expect(answer.status).toBe(200);
      return (answer.body.documents as Array<Record<string, unknown>>).find((d) => d.id === city.ownHub);
    };
    const own = (await hubs()).find((h) => h.id === city.ownHub) as Record<string, unknown>;
    const { id: _id, archived: _a, updatedAt: _u, facilitators: _f, activeKiosks: _k, ...input } = own;
    const edited = await city.send('PUT', `/api/admin/hubs/${city.ownHub}`, 'coordinator', {
      ...input,
      repeatScanWindowMs: 2 * 60_000,
      closures: [{ from: '2027-01-01', to: '2027-01-06', reason: 'Epifania' }],
    });
    expect(edited.status).toBe(200);
    expect(await pull()).toMatchObject({
      repeatScanWindowMs: 120_000,
      closures: [{ from: '2027-01-01', to: '2027-01-06', reason: 'Epifania' }],
    });
  });

  it('keeps an editable list of areas: add, refuse a duplicate, refuse removing one in use', async () => {
    expect((await city.get('/api/dashboard/hubs', 'viewer')).body.areas).toEqual(
      expect.arrayContaining(['Centro', 'Ticino']),
    );
    expect((await city.send('POST', '/api/admin/hub-areas', 'viewer', { name: 'Brughiera' })).status).toBe(
      403,
    );
    expect(
      (await city.send('POST', '/api/admin/hub-areas', 'coordinator', { name: 'Brughiera' })).status,
    ).toBe(200);
    const again = await city.send('POST', '/api/admin/hub-areas', 'coordinator', { name: 'brughiera' });
    expect(again.body.error.message).toBe('la zona «Brughiera» esiste già');
    expect((await city.send('DELETE', '/api/admin/hub-areas/Centro', 'coordinator')).status).toBe(409);
    expect((await city.send('DELETE', '/api/admin/hub-areas/Brughiera', 'coordinator')).status).toBe(200);
    expect((await city.get('/api/dashboard/hubs', 'viewer')).body.areas).not.toContain('Brughiera');
  });
});

import { generateKeyPair, parseEnrolmentQrText } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';
import { call } from '../testing/test-server';

// Kiosk administration (issue 15, item 5) over real HTTP: rename, move (re-enrolment), retire, each audited;
// bad input refused in Italian with nothing written.

interface Row {
  id: string;
  name: string;
  place: string | null;
  hubId: string;
  state: string;
  revoked: boolean;
  movedToHubName: string | null;
}

describe.each(testStoreKinds())('kiosk administration on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  const devices = async (): Promise<Row[]> =>
    (await city.get('/api/dashboard/devices', 'coordinator')).body.devices;
  const kioskOf = async (hubId: string, state = 'active') => {
    const kiosk = (await devices()).find((d) => d.hubId === hubId && d.state === state);
    if (!kiosk) throw new Error(`no ${state} kiosk at ${hubId}`);
    return kiosk;
  };
  const auditCount = async () =>
    Number(
      (
        await city.t.server.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const entriesFor = (deviceId: string) =>
    city.t.server.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', deviceId)
      .orderBy('id')
      .execute();

  it('renames a kiosk and sets its place, audited with before and after', async () => {
    const kiosk = await kioskOf(city.ownHub);
    const res = await city.send('PUT', `/api/dashboard/devices/${kiosk.id}`, 'coordinator', {
      name: '  Totem ingresso ',
      place: 'Ingresso, piano terra',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: kiosk.id, name: 'Totem ingresso', place: 'Ingresso, piano terra' });
    const entries = (await entriesFor(kiosk.id)).filter((e) => e.action === 'device.update');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.before_json ?? '')).toEqual({ name: kiosk.name, place: null });
    expect(JSON.parse(entries[0]?.after_json ?? '')).toEqual({
      name: 'Totem ingresso',
      place: 'Ingresso, piano terra',
    });
    expect(entries[0]?.actor_label).toMatch(/@/);
    // the same again changes nothing and records nothing
    await city.send('PUT', `/api/dashboard/devices/${kiosk.id}`, 'coordinator', {
      name: 'Totem ingresso',
      place: 'Ingresso, piano terra',
    });
    expect((await entriesFor(kiosk.id)).filter((e) => e.action === 'device.update')).toHaveLength(1);
  });

  it('refuses an empty name or an unknown hub in Italian, and writes nothing', async () => {
    const kiosk = await kioskOf(city.otherHub);
    const before = await auditCount();
    const empty = await city.send('PUT', `/api/dashboard/devices/${kiosk.id}`, 'admin', {
      name: '   ',
      place: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('il nome del totem non può essere vuoto');
    const nowhere = await city.send('POST', `/api/dashboard/devices/${kiosk.id}/move`, 'admin', {
      hubId: '01JD0000000000000000000000',
    });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.message).toContain("l'hub 01JD0000000000000000000000 non esiste");
    const sameHub = await city.send('POST', `/api/dashboard/devices/${kiosk.id}/move`, 'admin', {
      hubId: city.otherHub,
    });
    expect(sameHub.status).toBe(409);
    const unknown = await city.send(
      'POST',
      '/api/dashboard/devices/01JD0000000000000000000000/retire',
      'admin',
    );
    expect(unknown.status).toBe(404);
    expect(await auditCount()).toBe(before);
    expect((await devices()).find((d) => d.id === kiosk.id)).toMatchObject({
      name: kiosk.name,
      state: 'active',
    });
  });

  it('lets only the admin and coordinators change kiosks', async () => {
    const kiosk = await kioskOf(city.ownHub);
    for (const role of ['hub_lead', 'viewer'] as const) {
      expect(
        (await city.send('PUT', `/api/dashboard/devices/${kiosk.id}`, role, { name: 'x', place: '' })).status,
      ).toBe(403);
      expect((await city.send('POST', `/api/dashboard/devices/${kiosk.id}/retire`, role)).status).toBe(403);
      expect(
        (await city.send('POST', `/api/dashboard/devices/${kiosk.id}/move`, role, { hubId: city.otherHub }))
          .status,
      ).toBe(403);
    }
    expect((await devices()).find((d) => d.id === kiosk.id)?.state).toBe('active');
  });

  it('moves a kiosk: old identity revoked and marked moved, a code for the new hub that enrols it there', async () => {
    const kiosk = await kioskOf(city.ownHub);
    const moved = await city.send('POST', `/api/dashboard/devices/${kiosk.id}/move`, 'coordinator', {
      hubId: city.otherHub,
      place: 'Sala studio',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.hubId).toBe(city.otherHub);
    expect(parseEnrolmentQrText(moved.body.qrText)?.code).toBe(moved.body.code);
    const old = (await devices()).find((d) => d.id === kiosk.id);
    expect(old).toMatchObject({ state: 'moved', revoked: true });
    expect(old?.movedToHubName).toBeTruthy();
    const entries = (await entriesFor(kiosk.id)).filter((e) => e.action === 'device.move');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.after_json ?? '')).toMatchObject({ hubId: city.otherHub, revoked: true });
    // the kiosk comes back with the code: a new identity at the new hub, with the place the move gave it
    const enrolled = await call(`${city.t.url}/api/devices/enrol`, {
      body: { code: moved.body.code, name: kiosk.name, publicKey: generateKeyPair().publicKey },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.hubId).toBe(city.otherHub);
    const fresh = (await devices()).find((d) => d.id === enrolled.body.deviceId);
    expect(fresh).toMatchObject({ state: 'active', hubId: city.otherHub, place: 'Sala studio' });
    expect((await entriesFor(enrolled.body.deviceId)).map((e) => e.action)).toEqual(['device.enrol']);
    // a moved kiosk cannot be moved or retired again
    expect((await city.send('POST', `/api/dashboard/devices/${kiosk.id}/retire`, 'coordinator')).status).toBe(
      409,
    );
  });

  it('retires a kiosk for good: revoked, kept in the list as retired, its token refused', async () => {
    const kiosk = await kioskOf(city.otherHub);
    const res = await city.send('POST', `/api/dashboard/devices/${kiosk.id}/retire`, 'admin');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: kiosk.id, state: 'retired', revoked: true });
    expect(res.body.endedAt).toEqual(expect.any(Number));
    expect((await devices()).find((d) => d.id === kiosk.id)?.state).toBe('retired');
    const again = await city.send('POST', `/api/dashboard/devices/${kiosk.id}/retire`, 'admin');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('già ritirato');
    const rename = await city.send('PUT', `/api/dashboard/devices/${kiosk.id}`, 'admin', {
      name: 'Nuovo',
      place: '',
    });
    expect(rename.status).toBe(409);
    const entries = (await entriesFor(kiosk.id)).filter((e) => e.action === 'device.retire');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.after_json ?? '')).toMatchObject({ revoked: true, retired: true });
  });
});

import { type Card, type Enrolment, ERASED_ALIAS } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGGREGATE_TABLES } from '../reports/rebuild';
import { getDocument, putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { type DemoCity, startDemoCity } from './test-support';

const person = {
  firstName: 'Lucia',
  lastName: 'Verdi',
  email: 'lucia@example.it',
  birthYear: 1961,
  gender: 'female',
  employment: 'unemployed',
  education: 'isced_3_4',
  disadvantaged: ['foreign_origin'],
  consent: true,
};

describe.each(testStoreKinds())('people on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());
  const year = new Date().getFullYear();

  it('registers a visitor with consent, finds, exports and erases them; erasure revokes every card', async () => {
    const created = await city.send('POST', '/api/dashboard/people', 'hub_lead', {
      hubId: city.ownHub,
      card: { alias: 'Lucia', language: 'it' },
      person,
    });
    expect(created.status).toBe(200);
    expect(created.body.token.length).toBeGreaterThan(40);
    const visitorId = created.body.visitorId;
    const found = await city.get('/api/dashboard/people?q=verdi', 'hub_lead');
    expect(found.body.results.map((r: { visitorId: string }) => r.visitorId)).toEqual([visitorId]);
    expect((await city.get('/api/dashboard/people?q=verdi', 'admin')).body.results).toHaveLength(1);

    const second = await city.send('POST', `/api/dashboard/people/${visitorId}/cards`, 'hub_lead', {
      alias: 'Lucy',
      language: 'en',
    });
    expect(second.status).toBe(200);
    const exported = await city.get(`/api/dashboard/people/${visitorId}/export`, 'hub_lead');
    expect(exported.body.personalData).toMatchObject({
      firstName: 'Lucia',
      lastName: 'Verdi',
      consentTextVersion: expect.any(String),
    });
    expect(exported.body.cards).toHaveLength(2);
    expect(exported.body.history.map((h: { action: string }) => h.action)).toContain('consented');

    const erased = await city.send('DELETE', `/api/dashboard/people/${visitorId}`, 'hub_lead');
    expect(erased.body).toEqual({ erased: true });
    const after = await city.get(`/api/dashboard/people/${visitorId}`, 'admin');
    expect(after.body.person).toBeNull();
    expect(
      after.body.cards.map((c: { revoked: boolean; revokedReason: string }) => [c.revoked, c.revokedReason]),
    ).toEqual([
      [true, 'erased'],
      [true, 'erased'],
    ]);
    // Kiosks learn revocations from the cards collection; the document says so.
    const card = await city.t.server.store.db
      .selectFrom('documents')
      .select('body')
      .where('collection', '=', 'cards')
      .where('id', '=', created.body.card.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(card.body)).toMatchObject({ revoked: true, revokedReason: 'erased' });
    expect((await city.get('/api/dashboard/people?q=verdi', 'admin')).body.results).toEqual([]);
  });

  it('moves ESF+ counts when personal data are recorded, and refuses data without consent', async () => {
    const found = await city.get('/api/dashboard/people?q=', 'admin');
    const without = found.body.results.find(
      (r: { hasPersonalData: boolean; lastVisit: string | null }) =>
        !r.hasPersonalData && r.lastVisit?.startsWith(String(year)),
    );
    expect(without).toBeTruthy();
    const esf = async () => (await city.get(`/api/dashboard/esf?year=${year}`, 'admin')).body;
    const count = (
      report: { rows: Array<{ indicator: string; value: string; participants: number }> },
      indicator: string,
      value: string,
    ) => report.rows.find((r) => r.indicator === indicator && r.value === value)?.participants ?? 0;
    const before = await esf();
    const refused = await city.send('PUT', `/api/dashboard/people/${without.visitorId}`, 'admin', {
      ...person,
      consent: false,
    });
    expect(refused.status).toBe(400);
    const saved = await city.send('PUT', `/api/dashboard/people/${without.visitorId}`, 'admin', {
      ...person,
      gender: 'male',
    });
    expect(saved.body.person.gender).toBe('male');
    const after = await esf();
    expect(after.participants).toBe(before.participants);
    expect(count(after, 'gender', 'male')).toBe(count(before, 'gender', 'male') + 1);
    expect(count(after, 'gender', 'not_recorded')).toBe(count(before, 'gender', 'not_recorded') - 1);
    expect(count(after, 'disadvantaged', 'foreign_origin')).toBe(
      count(before, 'disadvantaged', 'foreign_origin') + 1,
    );
  });

  it("keeps a hub lead out of other hubs' people", async () => {
    const all = await city.get('/api/dashboard/people?q=', 'admin');
    const elsewhere = all.body.results.find((r: { hubId: string }) => r.hubId === city.otherHub);
    expect(elsewhere).toBeTruthy();
    const lead = await city.get('/api/dashboard/people?q=', 'hub_lead');
    expect(lead.body.results.every((r: { hubId: string }) => r.hubId === city.ownHub)).toBe(true);
    expect((await city.get(`/api/dashboard/people/${elsewhere.visitorId}`, 'hub_lead')).status).toBe(403);
    expect(
      (await city.send('DELETE', `/api/dashboard/people/${elsewhere.visitorId}`, 'hub_lead')).status,
    ).toBe(403);
    const other = await city.send('POST', '/api/dashboard/people', 'hub_lead', {
      hubId: city.otherHub,
      card: { alias: 'X', language: 'it' },
    });
    expect(other.status).toBe(403);
  });

  it('erasure takes the aliases out of every report table and out of the cards and rosters kiosks replicate', async () => {
    const db = city.t.server.store.db;
    const created = await city.send('POST', '/api/dashboard/people', 'hub_lead', {
      hubId: city.ownHub,
      card: { alias: 'Zefirina', language: 'it' },
      person,
    });
    const visitorId = created.body.visitorId as string;
    const cardId = created.body.card.id as string;
    const second = await city.send('POST', `/api/dashboard/people/${visitorId}/cards`, 'hub_lead', {
      alias: 'Zefi',
      language: 'en',
    });
    expect(second.status).toBe(200);
    // She is on a session's roster (a walk-in a kiosk added), so the alias is in report_enrolments too.
    const session = await db
      .selectFrom('report_sessions')
      .select('id')
      .where('hub_id', '=', city.ownHub)
      .executeTakeFirstOrThrow();
    const enrolment: Enrolment = {
      id: `${session.id}:${cardId}`,
      sessionId: session.id,
      hubId: city.ownHub,
      cardId,
      alias: 'Zefirina',
      walkIn: true,
      attendance: 'present',
      updatedAt: Date.now(),
    };
    await putDocuments(db, [{ collection: 'enrolments', hubId: city.ownHub, at: null, body: enrolment }]);
    city.t.server.store.changes.announce({ collection: 'enrolments', hubIds: [city.ownHub], count: 1 });

    const tables = [
      'report_cards',
      'report_checkins',
      'report_sessions',
      'report_enrolments',
      ...AGGREGATE_TABLES,
    ] as const;
    /** every report table row that mentions either alias, once the reports have caught up */
    const mentions = async () => {
      expect((await city.get('/api/dashboard/people?q=', 'admin')).status).toBe(200);
      const found: string[] = [];
      for (const table of tables)
        for (const row of await db.selectFrom(table).selectAll().execute())
          if (/zefi/i.test(JSON.stringify(row))) found.push(table);
      return [...new Set(found)].sort();
    };
    expect(await mentions()).toEqual(['report_cards', 'report_enrolments']);

    const erased = await city.send('DELETE', `/api/dashboard/people/${visitorId}`, 'hub_lead');
    expect(erased.body).toEqual({ erased: true });
    expect(await mentions()).toEqual([]);
    expect((await city.get('/api/dashboard/people?q=zefi', 'admin')).body.results).toEqual([]);
    // What kiosks receive: both cards revoked and naming nobody, the roster entry without the alias.
    for (const id of [cardId, second.body.card.id as string])
      expect(await getDocument<Card>(db, 'cards', id)).toMatchObject({
        alias: ERASED_ALIAS,
        revoked: true,
        revokedReason: 'erased',
      });
    expect(await getDocument<Enrolment>(db, 'enrolments', enrolment.id)).toMatchObject({ alias: '' });
  });
});

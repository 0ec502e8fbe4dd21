import { type Enrolment, syncPath } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';
import { call } from '../testing/test-server';
import { kioskToken, operationAtOwnHub } from './test-support';

describe.each(testStoreKinds())('participants of an operation on %s', (kind) => {
  let city: DemoCity;
  let operationId: string;
  let sessionIds: string[];
  beforeAll(async () => {
    city = await startDemoCity(kind);
    operationId = await operationAtOwnHub(city, {
      code: 'FSE-PART-1',
      name: 'Orientamento al lavoro',
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      targetGroup: 'young_neet',
    });
    await city.send('POST', '/api/dashboard/planning/series', 'coordinator', {
      hubId: city.ownHub,
      operationId,
      kind: 'lesson',
      activity: 'Orientamento',
      title: 'Orientamento al lavoro',
      targetGroup: 'young_neet',
      capacity: 0,
      facilitator: 'Luca Bianchi',
      room: '',
      startTime: '09:30',
      durationMinutes: 120,
      startsOn: '2027-02-01',
      rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=2',
    });
    const planning = await city.get('/api/dashboard/planning', 'coordinator');
    sessionIds = (planning.body.sessions as Array<{ id: string; operationId: string }>)
      .filter((s) => s.operationId === operationId)
      .map((s) => s.id);
  });
  afterAll(() => city.t.stop());

  const person = (firstName: string, over: Record<string, unknown> = {}) => ({
    firstName,
    lastName: 'Prova',
    email: null,
    phone: null,
    birthYear: 2001,
    gender: 'female',
    employment: 'unemployed',
    education: 'isced_3_4',
    disadvantaged: [],
    consent: true,
    ...over,
  });
  const register = async (firstName: string, over: Record<string, unknown> = {}) => {
    const res = await city.send('POST', '/api/dashboard/people', 'hub_lead', {
      hubId: city.ownHub,
      card: { alias: firstName.slice(0, 10), language: 'it' },
      person: person(firstName, over),
    });
    expect(res.status).toBe(200);
    return res.body.visitorId as string;
  };
  const participantRows = async () =>
    Number(
      (
        await city.t.server.store.db
          .selectFrom('participants')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  it('enrols with a snapshot later edits never change, fills the rosters the kiosk receives, and lists what is due', async () => {
    const anna = await register('Anna');
    const bruno = await register('Bruno', { gender: 'male', education: null });
    const enrolAnna = await city.send('POST', '/api/dashboard/participants', 'coordinator', {
      operationId,
      visitorId: anna,
      entryDate: '2026-02-02',
    });
    expect(enrolAnna.status).toBe(200);
    expect(enrolAnna.body.rosterEntries).toBe(2);
    expect(enrolAnna.body.participant.snapshot).toEqual({
      birthYear: 2001,
      gender: 'female',
      employment: 'unemployed',
      education: 'isced_3_4',
      disadvantaged: [],
    });
    const enrolBruno = await city.send('POST', '/api/dashboard/participants', 'hub_lead', {
      operationId,
      visitorId: bruno,
      entryDate: '2026-03-01',
    });
    expect(enrolBruno.status).toBe(200);

    // the kiosk of the hub receives the roster entries, filled in advance
    const pull = await call(`${city.t.url}${syncPath('enrolments', 'pull')}?limit=1000`, {
      bearer: kioskToken(city, city.ownHub),
    });
    const entries = (pull.body.documents as Enrolment[]).filter((e) => sessionIds.includes(e.sessionId));
    expect(entries).toHaveLength(4);
    expect(entries.every((e) => e.walkIn === false && e.attendance === 'unknown')).toBe(true);
    expect(new Set(entries.map((e) => e.cardId)).size).toBe(2);

    // editing Anna's record afterwards does not change her snapshot at entry
    const edit = await city.send(
      'PUT',
      `/api/dashboard/people/${anna}`,
      'hub_lead',
      person('Anna', { employment: 'employed', gender: 'non_binary' }),
    );
    expect(edit.status).toBe(200);
    const list = await city.get(`/api/dashboard/participants?operationId=${operationId}`, 'coordinator');
    const annaNow = list.body.participants.find((p: { visitorId: string }) => p.visitorId === anna);
    expect(annaNow.snapshot.employment).toBe('unemployed');
    expect(annaNow.snapshot.gender).toBe('female');
    expect(annaNow.name).toBe('Anna Prova');

    // Anna left in May 2026: results at exit are due, and six months later (November) those too
    const outcome = await city.send('PUT', `/api/dashboard/participants/${annaNow.id}`, 'coordinator', {
      exitDate: '2026-05-04',
      exitReason: 'found_job',
      resultAtExit: null,
      resultAfterSixMonths: null,
    });
    expect(outcome.status).toBe(200);
    const worklist = await city.get('/api/dashboard/participants/worklist', 'coordinator');
    const mine = (
      worklist.body.items as Array<{ name: string; kind: string; fields: string[]; dueOn: string | null }>
    ).map((i) => [i.name, i.kind, i.fields, i.dueOn]);
    expect(mine).toEqual([
      ['Anna Prova', 'exit_results_due', [], '2026-05-04'],
      ['Anna Prova', 'six_month_results_due', [], '2026-11-04'],
      ['Bruno Prova', 'snapshot_missing', ['education'], null],
    ]);
    const results = await city.send('PUT', `/api/dashboard/participants/${annaNow.id}`, 'coordinator', {
      exitDate: '2026-05-04',
      exitReason: 'found_job',
      resultAtExit: { jobSearching: false, inEducation: false, qualification: true, employed: true },
      resultAfterSixMonths: { employed: true, betterSituation: true },
    });
    expect(results.body.participant.resultAtExit.employed).toBe(true);
    expect((await city.get('/api/dashboard/participants/worklist', 'coordinator')).body.items).toHaveLength(
      1,
    );

    // erasing Bruno erases his participation (GDPR art. 17 over the funder's record: people/store.ts)
    expect((await city.send('DELETE', `/api/dashboard/people/${bruno}`, 'hub_lead')).status).toBe(200);
    const afterErase = await city.get(
      `/api/dashboard/participants?operationId=${operationId}`,
      'coordinator',
    );
    expect(afterErase.body.participants.map((p: { visitorId: string }) => p.visitorId)).toEqual([anna]);
  });

  it('refuses bad input clearly and writes nothing', async () => {
    const carla = await register('Carla');
    const before = await participantRows();
    const refusal = async (body: unknown) => {
      const res = await city.send('POST', '/api/dashboard/participants', 'coordinator', body);
      return {
        status: res.status,
        path: res.body.error?.details?.[0]?.path,
        message: res.body.error?.message as string,
      };
    };
    expect(
      await refusal({ operationId: '01J00000000000000000000000', visitorId: carla, entryDate: '2026-03-01' }),
    ).toMatchObject({
      status: 404,
      path: '/operationId',
    });
    expect(await refusal({ operationId, visitorId: carla, entryDate: '2028-01-10' })).toMatchObject({
      status: 400,
      path: '/entryDate',
    });
    expect(await refusal({ operationId, visitorId: carla, entryDate: '10/03/2026' })).toMatchObject({
      status: 400,
    });
    expect(await participantRows()).toBe(before);
    const ok = await city.send('POST', '/api/dashboard/participants', 'coordinator', {
      operationId,
      visitorId: carla,
      entryDate: '2026-03-01',
    });
    expect(ok.status).toBe(200);
    expect(await refusal({ operationId, visitorId: carla, entryDate: '2026-03-02' })).toMatchObject({
      status: 409,
      path: '/visitorId',
    });
    const exitBeforeEntry = await city.send(
      'PUT',
      `/api/dashboard/participants/${ok.body.participant.id}`,
      'coordinator',
      {
        exitDate: '2026-02-01',
        exitReason: 'withdrew',
        resultAtExit: null,
        resultAfterSixMonths: null,
      },
    );
    expect(exitBeforeEntry.status).toBe(400);
    expect(exitBeforeEntry.body.error.details[0].path).toBe('/exitDate');
    // nothing written: the participant has no exit
    const after = await city.get(`/api/dashboard/participants?operationId=${operationId}`, 'coordinator');
    expect(
      (after.body.participants as Array<{ id: string; exitDate: string | null }>).find(
        (p) => p.id === ok.body.participant.id,
      )?.exitDate,
    ).toBeNull();
    // a viewer never sees participants
    expect((await city.get(`/api/dashboard/participants?operationId=${operationId}`, 'viewer')).status).toBe(
      403,
    );
  });
});

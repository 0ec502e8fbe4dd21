import { type Checkin, enrolmentId, syncPath } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpReports } from '../reports/feed';
import { testStoreKinds } from '../store/test-stores';
import { checkinDoc, enrolTestDevice, newRows, sessionDoc, type TestDevice } from '../sync/test-support';
import { call } from '../testing/test-server';
import { type DemoCity, recentRange, startDemoCity } from './test-support';

type Doc = Record<string, unknown>;
const MINUTE = 60_000;

describe.each(testStoreKinds())('attendance and corrections on %s', (kind) => {
  let city: DemoCity;
  let kiosk: TestDevice;
  let otherKiosk: TestDevice;
  beforeAll(async () => {
    city = await startDemoCity(kind);
    kiosk = await enrolTestDevice(city.t.server.store.db, city.ownHub, 'Ingresso prova');
    otherKiosk = await enrolTestDevice(city.t.server.store.db, city.otherHub, 'Ingresso altro');
  }, 120_000);
  afterAll(() => city.t.stop());

  const push = (device: TestDevice, collection: string, docs: object[]) =>
    call(`${city.t.url}${syncPath(collection, 'push')}`, { bearer: device.token, body: newRows(docs) });
  const today = () => recentRange(0).to;
  const annulment = (checkin: Checkin, device: TestDevice, at = Date.now()) => ({
    id: checkin.id,
    hubId: device.hubId,
    checkinId: checkin.id,
    deviceId: device.deviceId,
    annulledBy: 'Giulia',
    reason: 'tessera del fratello',
    annulledAt: at,
    updatedAt: at,
  });
  const stored = async (collection: string, id: string) =>
    city.t.server.store.db
      .selectFrom('documents')
      .select('body')
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
  const audited = async (action: string) =>
    (await city.t.server.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute())
      .length;

  /** A session of the hub lead's hub from two hours ago to now, with `cards` on its roster, pushed by the kiosk. */
  async function sessionWithRoster(cards: string[]) {
    const endsAt = Date.now();
    const session = sessionDoc(city.ownHub, { startsAt: endsAt - 120 * MINUTE, endsAt, status: 'open' });
    expect((await push(kiosk, 'sessions', [session])).status).toBe(200);
    const entries = cards.map((cardId, i) => ({
      id: enrolmentId(session.id, cardId),
      sessionId: session.id,
      hubId: city.ownHub,
      cardId,
      alias: `Persona ${i + 1}`,
      walkIn: false,
      attendance: 'unknown',
      updatedAt: endsAt - 150 * MINUTE,
    }));
    expect((await push(kiosk, 'enrolments', entries)).status).toBe(200);
    return session;
  }

  it("lets a kiosk annul today's check-in of its hub once, and refuses another day's, another hub's, a change", async () => {
    const now = Date.now();
    const todays = checkinDoc(kiosk, { deviceTime: now - 1000 });
    const old = checkinDoc(kiosk, { deviceTime: now - 3 * 86_400_000 });
    const theirs = checkinDoc(otherKiosk, { deviceTime: now - 1000 });
    expect((await push(kiosk, 'checkins', [todays, old])).status).toBe(200);
    expect((await push(otherKiosk, 'checkins', [theirs])).status).toBe(200);

    const ok = await push(kiosk, 'annulments', [annulment(todays, kiosk, now)]);
    expect(ok).toMatchObject({ status: 200, body: { conflicts: [] } });
    const olderDay = await push(kiosk, 'annulments', [annulment(old, kiosk, now)]);
    expect(olderDay.status).toBe(403);
    expect(olderDay.body.error.message).toContain('of the day');
    const foreign = await push(kiosk, 'annulments', [{ ...annulment(theirs, kiosk, now) }]);
    expect(foreign.status).toBe(403);
    const notHeld = await push(kiosk, 'annulments', [annulment(checkinDoc(kiosk), kiosk, now)]);
    expect(notHeld.status).toBe(403);
    expect(await stored('annulments', old.id)).toBeUndefined();
    expect(await stored('annulments', theirs.id)).toBeUndefined();

    const first = annulment(todays, kiosk, now);
    const changed = await call(`${city.t.url}${syncPath('annulments', 'push')}`, {
      bearer: kiosk.token,
      body: [
        {
          newDocumentState: { ...first, reason: 'altro', updatedAt: now + 1, _deleted: false },
          assumedMasterState: { ...first, _deleted: false },
        },
      ],
    });
    expect(changed.body.conflicts).toEqual([{ ...first, _deleted: false }]);
    expect(JSON.parse((await stored('annulments', todays.id))?.body ?? '{}').reason).toBe(
      'tessera del fratello',
    );
    // the check-in itself is untouched
    expect(JSON.parse((await stored('checkins', todays.id))?.body ?? '{}')).toEqual(todays);
  });

  it('stops counting an annulled check-in on the dashboard and shows who annulled it, when and why', async () => {
    const [card1, card2] = [ulid(), ulid()];
    const session = await sessionWithRoster([card1, card2]);
    const [in1, in2] = [card1, card2].map((cardId) =>
      checkinDoc(kiosk, { cardId, sessionId: session.id, deviceTime: session.startsAt + MINUTE }),
    ) as [Checkin, Checkin];
    expect((await push(kiosk, 'checkins', [in1, in2])).status).toBe(200);
    // the session started two hours ago: yesterday too, just after midnight
    const { from, to } = recentRange(1);
    const counted = async () => {
      // the dashboard answers with what the reports hold after waiting up to 5 s for a catch-up: under a loaded
      // machine that can be short of the last push, so the test catches up first
      await catchUpReports(city.t.server.store.db);
      const res = await city.get(
        `/api/dashboard/attendance?from=${from}&to=${to}&granularity=day&hub=${city.ownHub}`,
        'admin',
      );
      return (res.body.series as Array<{ checkins: number }>).reduce((n, p) => n + p.checkins, 0);
    };
    const before = await counted();
    expect(before).toBeGreaterThanOrEqual(2);
    const auditedBefore = await audited('checkin.annul');

    expect(
      (await city.send('POST', `/api/dashboard/checkins/${in2.id}/annul`, 'viewer', { reason: 'sbaglio' }))
        .status,
    ).toBe(403);
    expect(
      (await city.send('POST', `/api/dashboard/checkins/${in2.id}/annul`, 'admin', { reason: '' })).status,
    ).toBe(400);
    expect(await counted()).toBe(before);
    const annulled = await city.send('POST', `/api/dashboard/checkins/${in2.id}/annul`, 'admin', {
      reason: 'tessera passata due volte',
    });
    expect(annulled.status).toBe(200);
    const again = await city.send('POST', `/api/dashboard/checkins/${in2.id}/annul`, 'hub_lead', {
      reason: 'di nuovo',
    });
    expect(again.status).toBe(409);

    expect(await counted()).toBe(before - 1);
    expect(await audited('checkin.annul')).toBe(auditedBefore + 1);
    const roster = await city.get(`/api/dashboard/sessions/${session.id}/roster`, 'hub_lead');
    expect(roster.status).toBe(200);
    expect(roster.body.session.checkins).toBe(1);
    const byCard = new Map(roster.body.roster.map((r: Doc) => [r.cardId, r]));
    expect(byCard.get(card1)).toMatchObject({ checkedIn: true });
    expect(byCard.get(card2)).toMatchObject({ checkedIn: false, minutes: 0 });
    const annulledRow = roster.body.checkins.find((c: Doc) => c.id === in2.id);
    expect(annulledRow).toMatchObject({
      cardId: card2,
      alias: 'Persona 2',
      annulment: { annulledBy: annulled.body.annulledBy, reason: 'tessera passata due volte' },
    });
    expect(roster.body.checkins.find((c: Doc) => c.id === in1.id).annulment).toBeNull();
    // the check-in document stays as it was, and the annulment reaches the hub's kiosks
    expect(JSON.parse((await stored('checkins', in2.id))?.body ?? '{}')).toEqual(in2);
    const pulled = await call(`${city.t.url}${syncPath('annulments', 'pull')}?limit=1000`, {
      bearer: kiosk.token,
    });
    expect(pulled.body.documents.map((d: Doc) => d.id)).toContain(in2.id);
  });

  it('marks one excused with a reason and several present at once, with hours, late arrival and who marked', async () => {
    const [late, byHand, excused] = [ulid(), ulid(), ulid()];
    const session = await sessionWithRoster([late, byHand, excused]);
    const lateIn = checkinDoc(kiosk, {
      cardId: late,
      sessionId: session.id,
      deviceTime: session.startsAt + 25 * MINUTE,
    });
    expect((await push(kiosk, 'checkins', [lateIn])).status).toBe(200);
    const path = `/api/dashboard/sessions/${session.id}/attendance`;
    const rosterOf = async () =>
      (await city.get(`/api/dashboard/sessions/${session.id}/roster`, 'admin')).body.roster as Doc[];
    const untouched = await rosterOf();
    const auditedBefore = await audited('attendance.mark');

    // bad input changes nothing, not even the good marks of the same request
    const noReason = await city.send('PUT', path, 'admin', {
      marks: [
        { cardId: late, attendance: 'present' },
        { cardId: excused, attendance: 'excused' },
      ],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('motivo');
    const stranger = await city.send('PUT', path, 'admin', {
      marks: [
        { cardId: late, attendance: 'present' },
        { cardId: ulid(), attendance: 'present' },
      ],
    });
    expect(stranger.status).toBe(404);
    expect(
      (await city.send('PUT', path, 'coordinator', { marks: [{ cardId: late, attendance: 'present' }] }))
        .status,
    ).toBe(403);
    expect(await rosterOf()).toEqual(untouched);

    const marked = await city.send('PUT', path, 'hub_lead', {
      marks: [
        { cardId: late, attendance: 'present' },
        { cardId: byHand, attendance: 'present' },
        { cardId: excused, attendance: 'excused', excuseReason: 'visita medica' },
      ],
    });
    expect(marked).toMatchObject({ status: 200, body: { changed: 3 } });
    expect(await audited('attendance.mark')).toBe(auditedBefore + 3);
    const roster = new Map((await rosterOf()).map((r) => [r.cardId, r]));
    expect(roster.get(late)).toMatchObject({
      attendance: 'present',
      minutes: 95,
      late: true,
      inAt: lateIn.deviceTime,
    });
    expect(roster.get(byHand)).toMatchObject({
      attendance: 'present',
      minutes: 120,
      late: false,
      inAt: null,
    });
    expect(roster.get(excused)).toMatchObject({
      attendance: 'excused',
      excuseReason: 'visita medica',
      minutes: 0,
      markedBy: expect.stringContaining('@'),
    });
    // the same marks again change nothing
    const same = await city.send('PUT', path, 'hub_lead', {
      marks: [{ cardId: excused, attendance: 'excused', excuseReason: 'visita medica' }],
    });
    expect(same.body.changed).toBe(0);
    // the kiosks receive the mark as a later enrolment, which their merge rule keeps
    const doc = JSON.parse((await stored('enrolments', enrolmentId(session.id, excused)))?.body ?? '{}');
    expect(doc).toMatchObject({ attendance: 'excused', excuseReason: 'visita medica' });
    expect(doc.updatedAt).toBeGreaterThan(session.startsAt);
  });

  it('counts refused scans by kiosk, hour and reason, with no personal data, and shows where they cluster', async () => {
    const day = today();
    const counter = (hour: number, reason: string, count: number) => ({
      id: `${kiosk.deviceId}:${day.replace(/-/g, '')}${String(hour).padStart(2, '0')}:${reason}`,
      hubId: kiosk.hubId,
      deviceId: kiosk.deviceId,
      day,
      hour,
      reason,
      count,
      updatedAt: Date.now(),
    });
    const first = counter(9, 'revoked', 3);
    expect((await push(kiosk, 'refusals', [first, counter(17, 'session_full', 2)])).status).toBe(200);
    const grown = await call(`${city.t.url}${syncPath('refusals', 'push')}`, {
      bearer: kiosk.token,
      body: [
        {
          newDocumentState: { ...first, count: 5, updatedAt: first.updatedAt + 1, _deleted: false },
          assumedMasterState: { ...first, _deleted: false },
        },
      ],
    });
    expect(grown.body.conflicts).toEqual([]);
    // a card id where a reason belongs is refused by the schema
    expect((await push(kiosk, 'refusals', [{ ...counter(10, 'revoked', 1), cardId: ulid() }])).status).toBe(
      400,
    );

    const res = await city.get(`/api/dashboard/refusals?from=${day}&to=${day}&hub=${city.ownHub}`, 'viewer');
    expect(res.status).toBe(200);
    const mine = (res.body.rows as Doc[]).filter((r) => r.deviceId === kiosk.deviceId);
    expect(mine).toEqual([
      expect.objectContaining({ hour: 9, reason: 'revoked', count: 5, deviceName: 'Ingresso prova' }),
      expect.objectContaining({ hour: 17, reason: 'session_full', count: 2 }),
    ]);
    expect(res.body.byHour[9].count).toBeGreaterThanOrEqual(5);
    expect(
      res.body.byKiosk.find((k: Doc) => k.deviceId === kiosk.deviceId && k.reason === 'revoked').count,
    ).toBe(5);
    const bad = await city.get(`/api/dashboard/refusals?from=${day}&to=2020-01-01`, 'viewer');
    expect(bad.status).toBe(400);
  });
});

import { startOfLocalDay } from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { checkinServiceFor } from '../testing/checkin-service';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { SessionService } from './session-service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// The facilitator's roster on the kiosk (issue 18, items 4 and 5): excused with a reason, many marked in one write,
// a mistaken check-in of today annulled, and the hours with late arrivals. Real RxDB on a real SQLite file.
describe('the roster: excused, many at once, annulled check-ins, hours', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  /** A kiosk at 10:00 in Rome (today, or yesterday before 10:00) with a clock the test moves, and a session from 10 to 12. */
  async function setUp(capacity = 0) {
    const ten = startOfLocalDay('Europe/Rome', Date.now()) + 10 * HOUR;
    let now = ten <= Date.now() ? ten : ten - 24 * HOUR;
    f = await createKioskFixture({ now });
    const clock = () => now;
    const sessions = new SessionService(f.db, f.identity, clock);
    const session = await f.addSession({ startsAt: now, endsAt: now + 2 * HOUR, capacity, status: 'open' });
    const by = { name: 'Giulia', via: 'pin' as const };
    return { sessions, session, by, clock, at: (ms: number) => (now = ms), start: now };
  }

  it('marks someone excused only with a reason of 1 to 200 characters; another mark drops the reason', async () => {
    const { sessions, session, by } = await setUp();
    const maria = (await f.serverCard('Maria')).card;
    const row = { cardId: maria.id, alias: 'Maria' };
    await expect(sessions.mark(session.id, row, 'excused', by)).rejects.toThrow('richiede un motivo');
    await expect(sessions.mark(session.id, row, 'excused', by, '   ')).rejects.toThrow('richiede un motivo');
    await expect(sessions.mark(session.id, row, 'excused', by, 'x'.repeat(201))).rejects.toThrow(
      'da 1 a 200 caratteri',
    );
    expect(await f.db.enrolments.count().exec()).toBe(0);

    const excused = await sessions.mark(session.id, row, 'excused', by, '  visita medica ');
    expect(excused).toMatchObject({
      attendance: 'excused',
      excuseReason: 'visita medica',
      markedBy: 'Giulia',
    });
    expect((await sessions.roster(session.id)).map((e) => [e.alias, e.attendance, e.excuseReason])).toEqual([
      ['Maria', 'excused', 'visita medica'],
    ]);
    const present = await sessions.mark(session.id, row, 'present', by);
    expect(present.attendance).toBe('present');
    expect(present).not.toHaveProperty('excuseReason');
    expect((await f.db.enrolments.findOne(present.id).exec())?.toJSON()).not.toHaveProperty('excuseReason');
  });

  it('marks many at once in one storage write, or none: the refused row is named', async () => {
    const { sessions, session, by } = await setUp(2);
    const checkins = await checkinServiceFor(f);
    const maria = await f.serverCard('Maria');
    await checkins.scan(maria.token, 'camera', session.id);
    const [anna, bruno, carla] = await Promise.all(['Anna', 'Bruno', 'Carla'].map((a) => f.serverCard(a)));
    const rows = [anna, bruno, carla].map((c) => ({
      cardId: c?.card.id as string,
      alias: c?.card.alias as string,
    }));
    const before = (await f.db.enrolments.find().exec()).map((d) => d.toJSON());

    // Two seats: Maria holds one, Anna takes the other, Bruno finds none.
    await expect(sessions.markMany(session.id, rows, 'present', by)).rejects.toThrow(
      "riga 2 (Bruno): l'attività è al completo (2 posti); non è stato segnato nessuno",
    );
    await expect(
      sessions.markMany(session.id, [rows[0], rows[0]] as typeof rows, 'absent', by),
    ).rejects.toThrow('riga 2 (Anna): compare due volte');
    await expect(sessions.markMany(session.id, rows, 'excused', by)).rejects.toThrow('richiede un motivo');
    expect((await f.db.enrolments.find().exec()).map((d) => d.toJSON())).toEqual(before);

    const bulks: number[] = [];
    const sub = f.db.enrolments.storageInstance.changeStream().subscribe((b) => bulks.push(b.events.length));
    const excused = await sessions.markMany(
      session.id,
      [{ cardId: maria.card.id, alias: 'Maria' }, ...rows],
      'excused',
      by,
      'sciopero dei treni',
    );
    sub.unsubscribe();
    expect(bulks).toEqual([4]);
    expect(excused.map((e) => [e.alias, e.attendance, e.excuseReason, e.walkIn])).toEqual([
      ['Maria', 'excused', 'sciopero dei treni', true],
      ['Anna', 'excused', 'sciopero dei treni', true],
      ['Bruno', 'excused', 'sciopero dei treni', true],
      ['Carla', 'excused', 'sciopero dei treni', true],
    ]);
    // Excused people hold no seat: two of them can now be marked present together.
    const present = await sessions.markMany(session.id, rows.slice(0, 2), 'present', by);
    expect(present.map((e) => [e.alias, e.attendance, e.excuseReason])).toEqual([
      ['Anna', 'present', undefined],
      ['Bruno', 'present', undefined],
    ]);
  });

  it("refuses every mark on a closed session's roster, one or many, and changes nothing", async () => {
    const { sessions, session, by } = await setUp();
    const maria = (await f.serverCard('Maria')).card;
    const omar = (await f.serverCard('Omar')).card;
    await sessions.mark(session.id, { cardId: maria.id, alias: 'Maria' }, 'present', by);
    await sessions.setStatus(session.id, 'closed', 'Fine.');
    const before = await sessions.roster(session.id);
    const rows = [
      { cardId: maria.id, alias: 'Maria' },
      { cardId: omar.id, alias: 'Omar' },
    ];
    await expect(sessions.markMany(session.id, rows, 'absent', by)).rejects.toThrow("l'attività è chiusa");
    await expect(
      sessions.mark(session.id, rows[0] as (typeof rows)[0], 'excused', by, 'malattia'),
    ).rejects.toThrow("l'attività è chiusa");
    expect(await sessions.roster(session.id)).toEqual(before);
  });

  it("shows a late arrival and the hours; annuls today's check-in so it no longer counts; refuses an unknown one", async () => {
    const { sessions, session, by, at, start } = await setUp();
    const checkins = await checkinServiceFor(f, () => start + 12 * MINUTE);
    const luca = await f.serverCard('Luca');
    const answer = await checkins.scan(luca.token, 'camera', session.id);
    const [late] = await sessions.roster(session.id);
    expect(late).toMatchObject({
      alias: 'Luca',
      attendance: 'present',
      attended: { inAt: start + 12 * MINUTE, late: true, leftEarly: false, minutes: 108 },
    });
    expect(late?.events).toEqual([{ id: answer.checkinId, direction: 'in', at: start + 12 * MINUTE }]);

    at(start + 30 * MINUTE);
    await expect(sessions.annul('01JD0000000000000000000009', 'errore', by, 'Europe/Rome')).rejects.toThrow(
      'non è di questo hub',
    );
    await expect(sessions.annul(answer.checkinId as string, ' ', by, 'Europe/Rome')).rejects.toThrow(
      'serve un motivo',
    );
    expect(await f.db.annulments.count().exec()).toBe(0);
    const annulment = await sessions.annul(
      answer.checkinId as string,
      'tessera del fratello',
      by,
      'Europe/Rome',
    );
    expect(annulment).toMatchObject({
      checkinId: answer.checkinId,
      annulledBy: 'Giulia',
      reason: 'tessera del fratello',
    });
    const [annulled] = await sessions.roster(session.id);
    expect(annulled).toMatchObject({
      attendance: 'unknown',
      attended: { minutes: 0, inAt: null, late: false },
    });
    expect(annulled?.events).toEqual([
      {
        id: answer.checkinId,
        direction: 'in',
        at: start + 12 * MINUTE,
        annulled: { by: 'Giulia', reason: 'tessera del fratello', at: start + 30 * MINUTE },
      },
    ]);
    // The check-in itself stays, and the annulled card may check in again (it holds no seat).
    expect(await f.db.checkins.count().exec()).toBe(1);
    expect((await checkins.scan(luca.token, 'camera', session.id)).code).toBe('accepted');
  });
});

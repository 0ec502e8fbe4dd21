import { enrolmentId } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { sessionRegisterPdf } from './session-register';

const MINUTE = 60_000;

describe("a kiosk's session register", () => {
  let f: KioskFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('prints the hub, the session, each card holder by alias with in and hours, and the total, from local data', async () => {
    f = await createKioskFixture();
    // 15:00–17:00 in Rome on 2 March 2026
    const startsAt = Date.UTC(2026, 2, 2, 14);
    const session = await f.addSession({
      startsAt,
      endsAt: startsAt + 120 * MINUTE,
      facilitator: 'Giulia Bianchi',
    });
    const { card: late } = await f.serverCard('Volpe Blu');
    const { card: away } = await f.serverCard('Gufo Verde');
    const enrol = (cardId: string, alias: string, attendance: 'unknown' | 'excused') => ({
      id: enrolmentId(session.id, cardId),
      sessionId: session.id,
      hubId: f?.hub.id as string,
      cardId,
      alias,
      walkIn: false,
      attendance,
      updatedAt: startsAt,
    });
    await f.db.enrolments.bulkInsert([
      enrol(late.id, 'Volpe Blu', 'unknown'),
      enrol(away.id, 'Gufo Verde', 'excused'),
    ]);
    const at = startsAt + 30 * MINUTE;
    await f.db.checkins.insert({
      id: ulid(at),
      hubId: f.hub.id,
      deviceId: f.identity.deviceId,
      cardId: late.id,
      sessionId: session.id,
      direction: 'in',
      source: 'camera',
      deviceTime: at,
      hlc: `${at}-0000-x`,
      updatedAt: at,
    });
    const pdf = await sessionRegisterPdf(f.db, f.hub.id, session.id);
    if (!pdf) throw new Error('no register');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    for (const expected of [
      'Hub Cavallerizza',
      'lunedì 2 marzo 2026',
      '15:00 – 17:00',
      'Giulia Bianchi',
      // 30 minutes late: 90 minutes = 1,50 hours
      'Volpe Blu presente, in ritardo 15:30 1,50',
      'Gufo Verde giustificato',
      'Totale: 1 presenti su 2 iscritti, ore 1,50',
    ])
      expect(text).toContain(expected);
    expect(await sessionRegisterPdf(f.db, ulid(), session.id)).toBeUndefined();

    // The check-in annulled as a mistake: it counts no more, as on the roster and the server's register.
    const checkinId = (await f.db.checkins.findOne().exec())?.id as string;
    await f.db.annulments.insert({
      id: checkinId,
      hubId: f.hub.id,
      checkinId,
      deviceId: f.identity.deviceId,
      annulledBy: 'Giulia Bianchi',
      reason: 'tessera del fratello',
      annulledAt: at + MINUTE,
      updatedAt: at + MINUTE,
    });
    const corrected = await sessionRegisterPdf(f.db, f.hub.id, session.id);
    if (!corrected) throw new Error('no register');
    const after = (await extractText(await getDocumentProxy(new Uint8Array(corrected)), { mergePages: true }))
      .text;
    expect(after).toContain('Totale: 0 presenti su 2 iscritti');
    expect(after).not.toContain('15:30');
  });
});

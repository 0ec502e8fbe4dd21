import { createKioskRouter, hashFacilitatorPin, startOfLocalDay } from '@vigevano/protocol';
import { EMPTY } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CardIssuer } from '../cards/card-issuer';
import { ProofOfPlay } from '../content/proof-of-play';
import { FacilitatorGate } from '../sessions/facilitator-gate';
import { SessionService } from '../sessions/session-service';
import { checkinServiceFor } from '../testing/checkin-service';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { createHandlers } from './handlers';

const HOUR = 3_600_000;

// The roster calls of the kiosk API (issue 18, items 4 and 5) through the router the UI talks to: its input
// parsers, the facilitator's token, and the hub services on a real SQLite file.
describe('kiosk API: roster marks and annulled check-ins', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  async function setUp() {
    const ten = startOfLocalDay('Europe/Rome', Date.now()) + 10 * HOUR;
    const now = ten <= Date.now() ? ten : ten - 24 * HOUR;
    const anna = {
      id: '01JD00000000000000000ANNA0',
      name: 'Anna Rossi',
      pin: hashFacilitatorPin('246810', 1024),
    };
    f = await createKioskFixture({ now, hub: { facilitators: [anna] } });
    const clock = () => now;
    const checkins = await checkinServiceFor(f, clock);
    const gate = new FacilitatorGate(f.db, f.identity, clock);
    const timeZone = async () => 'Europe/Rome';
    const handlers = createHandlers({
      db: f.db,
      identity: f.identity,
      checkins,
      sessions: new SessionService(f.db, f.identity, clock),
      gate,
      cards: new CardIssuer(f.db, f.identity, clock),
      plays: new ProofOfPlay(f.db, f.identity, timeZone, clock),
      // the idle state is not what these calls read
      state: async () => {
        throw new Error('not used');
      },
      state$: EMPTY,
      timeZone,
    });
    const api = createKioskRouter(handlers).createCaller({ authorized: true });
    const login = await api.loginPin({ pin: '246810' });
    if (!login.ok) throw new Error('the PIN did not open facilitator mode');
    const session = await f.addSession({ startsAt: now, endsAt: now + 2 * HOUR, status: 'open' });
    return { api, token: login.token, session, checkins };
  }

  it('refuses excused without a reason (in Italian) and a reason over 200 characters; stores one with it', async () => {
    const { api, token, session } = await setUp();
    const maria = (await f.serverCard('Maria')).card;
    const mark = {
      token,
      sessionId: session.id,
      cardId: maria.id,
      alias: 'Maria',
      attendance: 'excused' as const,
    };
    await expect(api.mark(mark)).rejects.toThrow('«Giustificato» richiede un motivo');
    await expect(api.mark({ ...mark, excuseReason: 'x'.repeat(201) })).rejects.toThrow(/excuseReason/);
    expect(await f.db.enrolments.count().exec()).toBe(0);
    expect(await api.mark({ ...mark, excuseReason: 'malattia' })).toMatchObject({
      attendance: 'excused',
      excuseReason: 'malattia',
      markedBy: 'Anna Rossi',
    });
  });

  it('marks many in one call, all or nothing, and refuses them on a closed session', async () => {
    const { api, token, session } = await setUp();
    const people = await Promise.all(
      ['Omar', 'Lina'].map(async (a) => ({ cardId: (await f.serverCard(a)).card.id, alias: a })),
    );
    const marked = await api.markMany({ token, sessionId: session.id, people, attendance: 'absent' });
    expect(marked.map((e) => [e.alias, e.attendance])).toEqual([
      ['Omar', 'absent'],
      ['Lina', 'absent'],
    ]);
    await api.setStatus({ token, sessionId: session.id, status: 'closed' });
    await expect(
      api.markMany({ token, sessionId: session.id, people, attendance: 'present' }),
    ).rejects.toThrow("l'attività è chiusa");
    expect((await api.roster({ token, sessionId: session.id })).map((e) => e.attendance)).toEqual([
      'absent',
      'absent',
    ]);
    await expect(
      api.markMany({ token, sessionId: session.id, people: [], attendance: 'present' }),
    ).rejects.toThrow(/people/);
  });

  it("annuls today's check-in as the facilitator of the token; an unknown one is refused and nothing stored", async () => {
    const { api, token, session, checkins } = await setUp();
    const luca = await f.serverCard('Luca');
    const answer = await checkins.scan(luca.token, 'camera', session.id);
    await expect(
      api.annulCheckin({ token: 'x'.repeat(30), checkinId: answer.checkinId as string, reason: 'errore' }),
    ).rejects.toThrow('modalità facilitatore scaduta');
    await expect(
      api.annulCheckin({ token, checkinId: '01JD0000000000000000000009', reason: 'errore' }),
    ).rejects.toThrow('non è di questo hub');
    expect(await f.db.annulments.count().exec()).toBe(0);
    const annulment = await api.annulCheckin({
      token,
      checkinId: answer.checkinId as string,
      reason: 'doppio passaggio',
    });
    expect(annulment).toMatchObject({
      checkinId: answer.checkinId,
      annulledBy: 'Anna Rossi',
      reason: 'doppio passaggio',
    });
    const [row] = await api.roster({ token, sessionId: session.id });
    expect(row?.events[0]?.annulled).toMatchObject({ by: 'Anna Rossi', reason: 'doppio passaggio' });
    expect(row?.attendance).toBe('unknown');
  });
});

import { hashFacilitatorPin } from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { checkinServiceFor } from '../testing/checkin-service';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { FacilitatorGate } from './facilitator-gate';
import { type NewSession, SessionRuleError, SessionService } from './session-service';

/** A session that began a minute before `now` and lasts an hour; its activity is its title. */
function startedNow(
  now: number,
  session: Pick<NewSession, 'kind' | 'title' | 'targetGroup' | 'capacity'>,
): NewSession {
  return { ...session, activity: session.title, startsAt: now - 60_000, endsAt: now + 3_600_000 };
}

describe('facilitators and sessions', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  /** A fresh kiosk (in `f`) whose clock stands still, its session service, and Chiara, the facilitator. */
  async function sessionsNow(via: 'card' | 'pin') {
    const now = Date.now();
    f = await createKioskFixture({ now });
    return { now, sessions: new SessionService(f.db, f.identity, () => now), by: { name: 'Chiara', via } };
  }

  it("opens facilitator mode with a facilitator's PIN as that facilitator, or a facilitator card, offline, and locks after five wrong PINs", async () => {
    let now = Date.now();
    f = await createKioskFixture({ now });
    const anna = {
      id: '01JD00000000000000000ANNA0',
      name: 'Anna Rossi',
      pin: hashFacilitatorPin('246810', 1024),
    };
    const bruno = {
      id: '01JD0000000000000000BRVN00',
      name: 'Bruno Neri',
      pin: hashFacilitatorPin('583920', 1024),
    };
    await f.db.hubs
      .findOne(f.hub.id)
      .exec()
      .then((h) =>
        h?.incrementalPatch({
          facilitators: [anna, bruno, { id: '01JD0000000000000000N0P1N0', name: 'Senza PIN' }],
        }),
      );
    const gate = new FacilitatorGate(f.db, f.identity, () => now);
    const asBruno = await gate.withPin('583920');
    if (!asBruno.ok) throw new Error('the PIN of Bruno did not open the gate');
    expect(gate.check(asBruno.token)).toEqual({ name: 'Bruno Neri', via: 'pin', facilitatorId: bruno.id });
    const ok = await gate.withPin('246810');
    expect(ok.ok).toBe(true);
    if (ok.ok)
      expect(gate.check(ok.token)).toEqual({ name: 'Anna Rossi', via: 'pin', facilitatorId: anna.id });
    for (let i = 0; i < 4; i++) expect(await gate.withPin('000000')).toEqual({ ok: false, reason: 'wrong' });
    expect((await gate.withPin('000000')).ok).toBe(false);
    expect(await gate.withPin('246810')).toMatchObject({ ok: false, reason: 'locked' });
    now += 61_000;
    expect((await gate.withPin('246810')).ok).toBe(true);

    const facilitatorCard = await f.serverCard('Chiara', 'it', {
      role: 'facilitator',
      facilitatorHubs: [f.hub.id],
    });
    const visitorCard = await f.serverCard('Luca');
    expect(await gate.withCard(facilitatorCard.token)).toMatchObject({
      ok: true,
      facilitator: { name: 'Chiara', via: 'card' },
    });
    expect(await gate.withCard(visitorCard.token)).toBeUndefined();
  });

  it("opens facilitator mode only with a card the server granted this kiosk's hub", async () => {
    const now = Date.now();
    f = await createKioskFixture({ now });
    const gate = new FacilitatorGate(f.db, f.identity, () => now);
    const otherHub = '01JD0000000000000000000XYZ';
    // a facilitator of another hub, and a card that says "facilitator" with no grant (made by a kiosk, say)
    const elsewhere = await f.serverCard('Marco', 'it', { role: 'facilitator', facilitatorHubs: [otherHub] });
    const ungranted = await f.serverCard('Ugo', 'it', { role: 'facilitator' });
    const here = await f.serverCard('Chiara', 'it', {
      role: 'facilitator',
      facilitatorHubs: [otherHub, f.hub.id],
    });
    const revoked = await f.serverCard('Rita', 'it', {
      role: 'facilitator',
      facilitatorHubs: [f.hub.id],
      revoked: true,
      revokedAt: now,
      revokedReason: 'lost',
    });
    expect(await gate.withCard(elsewhere.token)).toBeUndefined();
    expect(await gate.withCard(ungranted.token)).toBeUndefined();
    expect(await gate.withCard(revoked.token)).toBeUndefined();
    expect(await gate.withCard(here.token)).toMatchObject({ ok: true, facilitator: { name: 'Chiara' } });
  });

  it('ends facilitator mode after five idle minutes', async () => {
    let now = Date.now();
    f = await createKioskFixture({ now });
    const card = await f.serverCard('Chiara', 'it', { role: 'facilitator', facilitatorHubs: [f.hub.id] });
    const gate = new FacilitatorGate(f.db, f.identity, () => now);
    const result = await gate.withCard(card.token);
    if (!result?.ok) throw new Error('gate did not open');
    now += 4 * 60_000;
    expect(gate.check(result.token)).toBeDefined();
    now += 5 * 60_000 + 1;
    expect(gate.check(result.token)).toBeUndefined();
  });

  it('runs a session from plan to close: check-ins fill the roster, marks by hand, notes kept', async () => {
    const { now, sessions, by } = await sessionsNow('card');
    const session = await sessions.create(
      startedNow(now, {
        kind: 'workshop',
        title: 'Il mio primo CV',
        targetGroup: 'young_neet',
        capacity: 10,
      }),
      by,
    );
    expect((await sessions.today('Europe/Rome')).map((s) => s.id)).toContain(session.id);
    await sessions.setStatus(session.id, 'open');
    const checkins = await checkinServiceFor(f);
    const maria = await f.serverCard('Maria');
    const omar = await f.serverCard('Omar', 'ar');
    await checkins.scan(maria.token, 'camera', session.id);
    await sessions.mark(session.id, { cardId: omar.card.id, alias: 'Omar' }, 'absent', by);
    await sessions.mark(session.id, { cardId: maria.card.id, alias: 'Maria' }, 'absent', by);
    const roster = await sessions.roster(session.id);
    expect(roster.map((e) => [e.alias, e.attendance, e.markedBy])).toEqual([
      ['Maria', 'absent', 'Chiara'],
      ['Omar', 'absent', 'Chiara'],
    ]);
    const closed = await sessions.setStatus(session.id, 'closed', '  Buona partecipazione.  ');
    expect(closed).toMatchObject({ status: 'closed', notes: 'Buona partecipazione.' });
    await expect(sessions.setStatus(session.id, 'open')).rejects.toBeInstanceOf(SessionRuleError);
    await expect(sessions.roster('01JD0000000000000000000009')).rejects.toThrow('non trovata');
  });

  it("refuses a mark on a closed session's roster, and changes nothing", async () => {
    const { now, sessions, by } = await sessionsNow('pin');
    const session = await sessions.create(
      startedNow(now, { kind: 'lesson', title: 'Italiano A1', targetGroup: 'everyone', capacity: 0 }),
      by,
    );
    await sessions.setStatus(session.id, 'open');
    const maria = await f.serverCard('Maria');
    const omar = await f.serverCard('Omar', 'ar');
    await sessions.mark(session.id, { cardId: maria.card.id, alias: 'Maria' }, 'present', by);
    await sessions.setStatus(session.id, 'closed', 'Fine.');
    const before = await sessions.roster(session.id);

    // a change to someone on the roster, and a walk-in added after the close: both refused
    await expect(
      sessions.mark(session.id, { cardId: maria.card.id, alias: 'Maria' }, 'absent', by),
    ).rejects.toThrow("l'attività è chiusa");
    await expect(
      sessions.mark(session.id, { cardId: omar.card.id, alias: 'Omar' }, 'present', by),
    ).rejects.toBeInstanceOf(SessionRuleError);
    expect(await sessions.roster(session.id)).toEqual(before);
    expect(before.map((e) => [e.alias, e.attendance])).toEqual([['Maria', 'present']]);
  });

  it('refuses a session that ends before it starts, and stores nothing', async () => {
    f = await createKioskFixture();
    const sessions = new SessionService(f.db, f.identity);
    await expect(
      sessions.create(
        {
          kind: 'lesson',
          activity: 'a',
          title: 't',
          targetGroup: 'everyone',
          startsAt: 10,
          endsAt: 5,
          capacity: 0,
        },
        { name: 'x', via: 'pin' },
      ),
    ).rejects.toThrow("finire dopo l'inizio");
    expect(await f.db.sessions.count().exec()).toBe(0);
  });
});

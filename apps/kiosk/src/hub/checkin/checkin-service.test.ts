import {
  base45Decode,
  base45Encode,
  CARD_TOKEN_PREFIX,
  encodeCardToken,
  formatShortCode,
  generateKeyPair,
  shortCodeOf,
  startOfLocalDay,
} from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { isolate } from '../i18n/messages';
import { SessionRuleError, SessionService } from '../sessions/session-service';
import { checkinServiceFor } from '../testing/checkin-service';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';

const MIN = 60_000;

describe('check-in', () => {
  let f: KioskFixture;
  let clock = Date.now();
  afterEach(() => f?.close());

  async function setUp(options: { usesCheckout?: boolean; repeatScanWindowMs?: number } = {}) {
    // The last noon in Rome (the fixture hub's zone) before now: a test that moves the clock on by an hour or two
    // stays within one local day, whatever the hour the suite runs at (from 22:30 on, it used to cross midnight).
    const noon = startOfLocalDay('Europe/Rome', Date.now()) + 12 * 3_600_000;
    clock = noon <= Date.now() ? noon : noon - 86_400_000;
    const { repeatScanWindowMs, ...rest } = options;
    f = await createKioskFixture({
      ...rest,
      now: clock,
      ...(repeatScanWindowMs === undefined ? {} : { hub: { repeatScanWindowMs } }),
    });
    return checkinServiceFor(f, () => clock);
  }

  it('accepts a card, greets in its language, and stores one immutable event with device, hub, source and clock', async () => {
    const service = await setUp();
    const { card, token } = await f.serverCard('Fatima', 'ar');
    const answer = await service.scan(token, 'camera');
    expect(answer).toMatchObject({
      code: 'accepted',
      language: 'ar',
      alias: 'Fatima',
      cardId: card.id,
      direction: 'in',
    });
    expect(answer.message).toBe(`مرحبًا ${isolate('Fatima')}، أهلًا بك!`);
    const stored = await f.db.checkins.find().exec();
    expect(stored.map((c) => c.toJSON())).toEqual([
      expect.objectContaining({
        id: answer.checkinId,
        cardId: card.id,
        hubId: f.hub.id,
        deviceId: f.identity.deviceId,
        direction: 'in',
        source: 'camera',
        deviceTime: clock,
        hlc: expect.stringContaining(f.identity.deviceId),
      }),
    ]);
  });

  it('calls a second scan within the window "already checked in", and stores nothing more, even for two scans at once', async () => {
    const service = await setUp();
    const { token } = await f.serverCard('Luca');
    const [first, second] = await Promise.all([
      service.scan(token, 'camera'),
      service.scan(token, 'scanner'),
    ]);
    expect([first?.code, second?.code]).toEqual(['accepted', 'already_checked_in']);
    clock += 5 * MIN;
    expect((await service.scan(token, 'camera')).code).toBe('already_checked_in');
    expect(await f.db.checkins.count().exec()).toBe(1);
  });

  it("uses the hub's own repeat-scan window, as the server set it in the hub document", async () => {
    const service = await setUp({ repeatScanWindowMs: 2 * MIN });
    const { token } = await f.serverCard('Luca');
    expect((await service.scan(token, 'camera')).code).toBe('accepted');
    clock += 1 * MIN;
    expect((await service.scan(token, 'camera')).code).toBe('already_checked_in');
    clock += 2 * MIN;
    // 3 minutes on: past this hub's window (the city's default of 10 minutes would still call it a repeat)
    expect((await service.scan(token, 'camera')).code).toBe('accepted');
    expect(await f.db.checkins.count().exec()).toBe(2);
  });

  it('checks out on a later scan where the hub uses check-out, then in again', async () => {
    const service = await setUp({ usesCheckout: true });
    const { token } = await f.serverCard('Olena', 'uk');
    expect((await service.scan(token, 'camera')).code).toBe('accepted');
    clock += 45 * MIN;
    const out = await service.scan(token, 'camera');
    expect(out).toMatchObject({ code: 'checked_out', direction: 'out', language: 'uk' });
    clock += MIN;
    expect((await service.scan(token, 'camera')).code).toBe('accepted');
    const directions = (await f.db.checkins.find({ sort: [{ hlc: 'asc' }] }).exec()).map((c) => c.direction);
    expect(directions).toEqual(['in', 'out', 'in']);
  });

  it('accepts a card issued by another kiosk of the city once its key has synced', async () => {
    const service = await setUp();
    const token = encodeCardToken(
      { cardId: '01JDCARD000000000000000077', alias: 'Wei', language: 'zh', issuedAt: clock },
      f.otherKiosk,
    );
    expect(await service.scan(token, 'scanner')).toMatchObject({ code: 'accepted', language: 'zh' });
  });

  it('refuses forged, mutated, foreign and revoked cards, storing nothing', async () => {
    const service = await setUp();
    const stranger = generateKeyPair();
    const foreign = encodeCardToken(
      { cardId: '01JDCARD000000000000000078', alias: 'Mallory', language: 'en', issuedAt: clock },
      stranger,
    );
    expect(await service.scan(foreign, 'camera')).toMatchObject({ code: 'unknown_issuer', language: 'en' });

    const { token } = await f.serverCard('Giulia');
    const bytes = base45Decode(token.slice(CARD_TOKEN_PREFIX.length));
    // A letter of the alias changed (bytes 29 on): the key id still names the server, the signature fails.
    bytes[30] = (bytes[30] as number) ^ 1;
    const mutated = CARD_TOKEN_PREFIX + base45Encode(bytes);
    expect((await service.scan(mutated, 'camera')).code).toBe('bad_signature');
    expect((await service.scan(token.slice(0, -5), 'camera')).code).toBe('invalid');
    expect((await service.scan('https://example.com', 'camera')).message).toBe(
      'Questo codice non è una tessera valida. Riprova o chiedi aiuto al personale.',
    );

    const revoked = await f.serverCard('Paolo', 'it', { revoked: true, revokedReason: 'lost' });
    expect((await service.scan(revoked.token, 'camera')).code).toBe('revoked');
    expect(await f.db.checkins.count().exec()).toBe(0);
  });

  it('checks into a session: on the roster as a walk-in, refused when full or closed', async () => {
    const service = await setUp();
    const session = await f.addSession({ capacity: 2, title: 'Italiano A2' });
    const cards = await Promise.all(['Ahmed', 'Ioana', 'Dritan'].map((a) => f.serverCard(a)));
    const first = await service.scan(cards[0]?.token as string, 'camera', session.id);
    expect(first).toMatchObject({ code: 'accepted', session: { id: session.id, title: 'Italiano A2' } });
    expect(first.message).toContain(isolate('Italiano A2'));
    expect((await service.scan(cards[0]?.token as string, 'camera', session.id)).code).toBe(
      'already_checked_in',
    );
    await service.scan(cards[1]?.token as string, 'camera', session.id);
    expect((await service.scan(cards[2]?.token as string, 'camera', session.id)).code).toBe('session_full');
    const roster = await f.db.enrolments.find({ selector: { sessionId: session.id } }).exec();
    expect(roster.map((e) => [e.alias, e.attendance, e.walkIn]).sort()).toEqual([
      ['Ahmed', 'present', true],
      ['Ioana', 'present', true],
    ]);
    const closed = await f.addSession({ status: 'closed', title: 'Ieri' });
    expect((await service.scan(cards[2]?.token as string, 'camera', closed.id)).code).toBe('session_closed');
  });

  it('accepts the id typed from under the QR (any case, with spaces) only for a card it holds', async () => {
    const service = await setUp();
    const { card } = await f.serverCard('Bruna');
    const typed = `${card.id.slice(0, 10).toLowerCase()} ${card.id.slice(10)}`;
    expect(await service.scan(typed, 'manual')).toMatchObject({ code: 'accepted', alias: 'Bruna' });
    expect((await f.db.checkins.find().exec())[0]?.source).toBe('manual');
    expect((await service.scan('01JD0000000000000000000099', 'manual')).code).toBe('invalid');
    const lost = await f.serverCard('Teresa', 'it', { revoked: true });
    expect((await service.scan(lost.card.id, 'manual')).code).toBe('revoked');
  });

  it('accepts the short code printed under the QR, typed any way, and refuses one typed wrong or naming two cards', async () => {
    const service = await setUp();
    const { card } = await f.serverCard('Bruna', 'uk');
    const printed = formatShortCode(shortCodeOf(card.id));
    expect(await service.scan(printed.toLowerCase().replace(/-/g, ' '), 'manual')).toMatchObject({
      code: 'accepted',
      alias: 'Bruna',
      cardId: card.id,
      language: 'uk',
    });
    // One symbol wrong: the check symbol catches it, and nothing is stored.
    const wrong = `${printed[0] === '2' ? '3' : '2'}${printed.slice(1)}`;
    expect((await service.scan(wrong, 'manual')).code).toBe('invalid');
    expect(await f.db.checkins.count().exec()).toBe(1);
    // Two cards whose random parts differ by 29^9 share a code: the code names neither.
    const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const twin = (id: string, add: bigint) => {
      let n = [...id].reduce((acc, c) => acc * 32n + BigInt(CROCKFORD.indexOf(c)), 0n) + add;
      let out = '';
      for (let i = 0; i < 26; i++, n /= 32n) out = CROCKFORD[Number(n % 32n)] + out;
      return out;
    };
    const first = await f.serverCard('Uno', 'it', { id: twin('01JD0000000000000000000000', 0n) });
    await f.serverCard('Due', 'it', { id: twin(first.card.id, 29n ** 9n) });
    expect((await service.scan(shortCodeOf(first.card.id), 'manual')).code).toBe('invalid');
    expect(await f.db.checkins.count().exec()).toBe(1);
  });

  it('checks a card out on "I am leaving" even right after its check-in, and records nothing for a card not inside', async () => {
    const service = await setUp({ usesCheckout: true });
    const { card, token } = await f.serverCard('Ahmed', 'ar');
    const session = await f.addSession();
    expect((await service.scan(token, 'camera', undefined, 'out')).code).toBe('not_checked_in');
    expect(await f.db.checkins.count().exec()).toBe(0);
    await service.scan(token, 'camera');
    clock += MIN;
    // Within the repeat window a plain scan is a repeat; "I am leaving" is an exit, not a session check-in.
    expect((await service.scan(token, 'camera')).code).toBe('already_checked_in');
    const out = await service.scan(token, 'camera', session.id, 'out');
    expect(out).toMatchObject({ code: 'checked_out', direction: 'out', language: 'ar', cardId: card.id });
    const stored = await f.db.checkins.findOne(out.checkinId as string).exec();
    expect([stored?.direction, stored?.sessionId]).toEqual(['out', undefined]);
    expect((await service.scan(token, 'camera', undefined, 'out')).code).toBe('not_checked_in');
  });

  it('puts a check-out in the session its check-in was for, so the hours attended end at the exit', async () => {
    const service = await setUp({ usesCheckout: true });
    const { token } = await f.serverCard('Bruno', 'it');
    const course = await f.addSession();
    const other = await f.addSession();
    await service.scan(token, 'camera', course.id);
    clock += 30 * MIN;
    // "I am leaving" while the kiosk checks into another session: the exit is still from the course
    const out = await service.scan(token, 'camera', other.id, 'out');
    expect((await f.db.checkins.findOne(out.checkinId as string).exec())?.sessionId).toBe(course.id);
    clock += 30 * MIN;
    // back in without a session, then out by a second scan: an exit from no session
    await service.scan(token, 'camera');
    clock += 30 * MIN;
    const again = await service.scan(token, 'camera');
    expect(again.direction).toBe('out');
    expect((await f.db.checkins.findOne(again.checkinId as string).exec())?.sessionId).toBeUndefined();
  });

  it('refuses "I am leaving" at a hub that does not record check-outs, storing nothing', async () => {
    const service = await setUp();
    const { token } = await f.serverCard('Wei');
    await service.scan(token, 'camera');
    await expect(service.scan(token, 'camera', undefined, 'out')).rejects.toThrow(
      /does not record check-outs/,
    );
    expect(await f.db.checkins.count().exec()).toBe(1);
  });

  it('checks everyone still inside out at closing time, once, marked automatic', async () => {
    const service = await setUp({ usesCheckout: true });
    const [a, b, c] = await Promise.all(['Ahmed', 'Ioana', 'Wei'].map((n) => f.serverCard(n)));
    for (const card of [a, b, c]) await service.scan(card?.token as string, 'camera');
    clock += 30 * MIN;
    expect((await service.scan(b?.token as string, 'camera')).code).toBe('checked_out');
    const closing = clock + 60 * MIN;
    expect(await service.checkoutEveryoneInside(closing)).toBe(2);
    expect(await service.checkoutEveryoneInside(closing)).toBe(0);
    const automatic = await f.db.checkins.find({ selector: { automatic: true } }).exec();
    expect(automatic.map((e) => [e.cardId, e.direction, e.deviceTime]).sort()).toEqual(
      [
        [a?.card.id, 'out', closing],
        [c?.card.id, 'out', closing],
      ].sort(),
    );
  });

  it("answers in the language the visitor tapped, whatever the card's; the card's only when nothing was tapped", async () => {
    const service = await setUp();
    const { token } = await f.serverCard('Amélie', 'fr');
    const tapped = await service.scan(token, 'camera', undefined, undefined, 'en');
    expect(tapped).toMatchObject({ code: 'accepted', language: 'en' });
    expect(tapped.message).toBe(`Hello ${isolate('Amélie')}, welcome!`);
    expect(await service.scan(token, 'camera')).toMatchObject({ code: 'already_checked_in', language: 'fr' });
    // A wrong code and an unreadable text have no card language: the tapped one, else Italian.
    const wrong = await service.scan('XYZ', 'manual', undefined, undefined, 'ar');
    expect(wrong).toMatchObject({ code: 'invalid', language: 'ar' });
    expect(wrong.message).toMatch(/[\u0600-\u06FF]/);
    expect(await service.scan('XYZ', 'manual')).toMatchObject({ code: 'invalid', language: 'it' });
    const guest = await service.guest('18_29', true, undefined, 'uk');
    expect(guest).toMatchObject({ code: 'accepted', language: 'uk' });
    expect(guest.message).toMatch(/[\u0400-\u04FF]/);
    expect(await service.guest('30_54', false)).toMatchObject({ code: 'accepted', language: 'it' });
  });

  it('counts a guest by category only', async () => {
    const service = await setUp();
    const answer = await service.guest('18_29', true);
    expect(answer.code).toBe('accepted');
    const [stored] = await f.db.checkins.find().exec();
    expect(stored?.toJSON()).toMatchObject({
      guest: { ageBand: '18_29', firstVisit: true },
      source: 'guest',
    });
    expect(stored?.cardId).toBeUndefined();
  });

  it('refuses a guest in a full or closed session like a card, and stores nothing for the refusal', async () => {
    const service = await setUp();
    const session = await f.addSession({ capacity: 2, title: 'Italiano A2' });
    const card = await f.serverCard('Ahmed');
    expect((await service.scan(card.token, 'camera', session.id)).code).toBe('accepted');
    expect((await service.guest('18_29', true, session.id)).code).toBe('accepted');
    const full = await service.guest('30_54', false, session.id);
    expect(full.code).toBe('session_full');
    expect(full.checkinId).toBeUndefined();
    const closed = await f.addSession({ status: 'closed', title: 'Ieri' });
    expect((await service.guest('18_29', true, closed.id)).code).toBe('session_closed');
    const stored = await f.db.checkins.find().exec();
    expect(stored.map((e) => [e.sessionId, e.cardId ?? e.guest?.ageBand]).sort()).toEqual(
      [
        [session.id, card.card.id],
        [session.id, '18_29'],
      ].sort(),
    );
  });

  it("counts the facilitator's marks like check-ins: a hand-marked seat is taken, a mark by hand into a full session is refused", async () => {
    const service = await setUp();
    const sessions = new SessionService(f.db, f.identity, () => clock);
    const by = { name: 'Chiara', via: 'pin' as const };
    const session = await f.addSession({ capacity: 2, title: 'Italiano A2' });
    const [ahmed, ioana, dritan] = await Promise.all(
      ['Ahmed', 'Ioana', 'Dritan'].map((a) => f.serverCard(a)),
    );
    if (!ahmed || !ioana || !dritan) throw new Error('cards not made');
    const person = (c: typeof ahmed) => ({ cardId: c.card.id, alias: c.card.alias });
    expect((await service.scan(ahmed.token, 'camera', session.id)).code).toBe('accepted');
    await sessions.mark(session.id, person(ioana), 'present', by);
    // Two seats taken (one scanned, one by hand): the third person is refused, by scan and by hand alike.
    expect((await service.scan(dritan.token, 'camera', session.id)).code).toBe('session_full');
    await expect(sessions.mark(session.id, person(dritan), 'present', by)).rejects.toThrow(
      new SessionRuleError("l'attività è al completo (2 posti)"),
    );
    // Ioana, seated by hand, still gets in with her card (her check-in is recorded, no second seat).
    expect((await service.scan(ioana.token, 'camera', session.id)).code).toBe('accepted');
    // Ahmed marked absent frees his seat: Dritan may now be marked present.
    await sessions.mark(session.id, person(ahmed), 'absent', by);
    await sessions.mark(session.id, person(dritan), 'present', by);
    const roster = await f.db.enrolments.find({ selector: { sessionId: session.id } }).exec();
    expect(roster.map((e) => [e.alias, e.attendance]).sort()).toEqual([
      ['Ahmed', 'absent'],
      ['Dritan', 'present'],
      ['Ioana', 'present'],
    ]);
  });

  it('keeps every accepted check-in across a restart, and its clock keeps moving forward', async () => {
    const service = await setUp();
    const { token } = await f.serverCard('Elena');
    const answer = await service.scan(token, 'camera');
    const hlcBefore = (await f.db.checkins.findOne(answer.checkinId).exec())?.hlc as string;
    await f.reopen();
    expect(await f.db.checkins.findOne(answer.checkinId).exec()).not.toBeNull();
    // The wall clock jumps back an hour: the next event still sorts after.
    clock -= 60 * MIN;
    const again = await checkinServiceFor(f, () => clock);
    const guest = await again.guest('55_plus', false);
    const hlcAfter = (await f.db.checkins.findOne(guest.checkinId).exec())?.hlc as string;
    expect(hlcAfter > hlcBefore).toBe(true);
  });
});

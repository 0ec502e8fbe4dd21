import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kioskAnnulmentFault } from '../collections/annulments';
import { COLLECTION_NAMES, collections } from '../collections/registry';
import { localClock } from '../time';
import { judgeDeviceWrite } from './authority';
import { type MergeRule, mergeRules } from './rules';
import { sameDocument } from './same-document';

const id = (tag: string) => `01JD${'0'.repeat(22 - tag.length)}${tag}`;
const HUB_A = id('HA');
const HUB_B = id('HB');
const KIOSK_A = { deviceId: id('DA'), hubId: HUB_A };
const KIOSK_B = { deviceId: id('DB'), hubId: HUB_B };

const card = {
  id: id('C1'),
  hubId: HUB_A,
  visitorId: id('V1'),
  alias: 'Maria',
  language: 'it',
  issuer: KIOSK_A.deviceId,
  issuedAt: 1,
  revoked: false,
  role: 'visitor',
  updatedAt: 1,
  _deleted: false,
};

describe('write authority as written in the registry', () => {
  it.each(COLLECTION_NAMES)('%s: names only fields of its schema, consistently', (name) => {
    const def = collections[name];
    const a = def.authority;
    const fields = Object.keys(def.schema.properties);
    expect(a.create === 'device', 'devices push exactly the collections they may create').toBe(
      def.devicesPush,
    );
    const named = [
      ...a.deviceMayChange,
      ...Object.keys(a.serverOnly),
      ...Object.keys(a.oneWay),
      ...Object.values(a.createdAs),
    ];
    expect(named.filter((f) => !fields.includes(f))).toEqual([]);
    expect(Object.keys(a.oneWay).filter((f) => !a.deviceMayChange.includes(f))).toEqual([]);
    expect(Object.keys(a.serverOnly).filter((f) => a.deviceMayChange.includes(f))).toEqual([]);
    // the id and the hub a document belongs to never change once stored
    expect(a.deviceMayChange).not.toContain(def.schema.primaryKey);
    expect(a.deviceMayChange).not.toContain('hubId');
  });
});

describe('judgeDeviceWrite', () => {
  const cards = collections.cards.authority;

  it('judges a row the server holds no document for as a create, whatever the kiosk believed', () => {
    expect(judgeDeviceWrite(cards, KIOSK_A, undefined, card)).toEqual({ ok: true });
    expect(judgeDeviceWrite(cards, KIOSK_B, undefined, card)).toMatchObject({ ok: false, field: 'hubId' });
    expect(judgeDeviceWrite(cards, KIOSK_A, undefined, { ...card, issuer: 'server' })).toMatchObject({
      ok: false,
      field: 'issuer',
    });
    expect(judgeDeviceWrite(cards, KIOSK_A, undefined, { ...card, role: 'facilitator' })).toMatchObject({
      ok: false,
      field: 'role',
    });
    expect(
      judgeDeviceWrite(collections.hubs.authority, KIOSK_A, undefined, { id: HUB_A, _deleted: false }),
    ).toMatchObject({ ok: false, field: '*' });
  });

  it('refuses any device write of a card-signing key: creating one, or changing a published one', () => {
    const key = { id: 'B'.repeat(11), publicKey: 'A'.repeat(43), updatedAt: 1, _deleted: false };
    const authority = collections.card_keys.authority;
    expect(judgeDeviceWrite(authority, KIOSK_A, undefined, key)).toMatchObject({ ok: false, field: '*' });
    for (const change of [{ publicKey: 'C'.repeat(43) }, { validUntil: 1 }, { _deleted: true }])
      expect(
        judgeDeviceWrite(authority, KIOSK_A, key, { ...key, ...change, updatedAt: 2 }),
        JSON.stringify(change),
      ).toMatchObject({ ok: false });
  });

  it('reads ownership and fields from the stored document, not the pushed one', () => {
    const session = {
      id: id('S1'),
      hubId: HUB_B,
      title: 'Lezione',
      status: 'open',
      updatedAt: 1,
      _deleted: false,
    };
    const sessions = collections.sessions.authority;
    // the pushed copy claims hub A: the stored one is hub B's
    expect(
      judgeDeviceWrite(sessions, KIOSK_A, session, { ...session, hubId: HUB_A, updatedAt: 2 }),
    ).toMatchObject({
      ok: false,
      field: '*',
    });
    expect(
      judgeDeviceWrite(sessions, KIOSK_B, session, { ...session, title: 'Nuova', updatedAt: 2 }),
    ).toEqual({
      ok: true,
    });
    expect(judgeDeviceWrite(sessions, KIOSK_B, session, { ...session, status: 'planned' })).toMatchObject({
      ok: false,
      field: 'status',
    });
  });

  it("lets the card's hub revoke it, once, and nobody un-revoke it or touch what the server sets", () => {
    const revoked = { ...card, revoked: true, revokedAt: 5, revokedReason: 'lost', updatedAt: 5 };
    expect(judgeDeviceWrite(cards, KIOSK_A, card, revoked)).toEqual({ ok: true });
    // the stored card is hub A's, whatever the pushed copy says
    expect(judgeDeviceWrite(cards, KIOSK_B, card, revoked)).toMatchObject({ ok: false, field: '*' });
    expect(judgeDeviceWrite(cards, KIOSK_B, card, { ...revoked, hubId: HUB_B })).toMatchObject({ ok: false });
    expect(judgeDeviceWrite(cards, KIOSK_A, revoked, { ...card, updatedAt: 6 })).toMatchObject({ ok: false });
    expect(judgeDeviceWrite(cards, KIOSK_A, revoked, { ...revoked, revokedAt: 6 })).toMatchObject({
      ok: false,
      field: 'revokedAt',
    });
    expect(judgeDeviceWrite(cards, KIOSK_A, card, { ...card, facilitatorHubs: [HUB_A] })).toMatchObject({
      ok: false,
      field: 'facilitatorHubs',
    });
    expect(judgeDeviceWrite(cards, KIOSK_A, card, { ...card, _deleted: true })).toMatchObject({
      ok: false,
      field: '_deleted',
    });
    // a retried push of exactly what is stored is always fine
    expect(judgeDeviceWrite(cards, KIOSK_B, revoked, { ...revoked })).toEqual({ ok: true });
  });
});

// The kiosk settles a refused or merged push with the same merge rule (apps/kiosk replication/conflict-handlers.ts)
// and pushes the result over the server's state. If the authority refused that result, the kiosk would push it
// forever: so every resolution of two honest states must be the server's state or a write the authority allows.
describe('annulments: a kiosk corrects a check-in of its own hub, of today, once', () => {
  const annulments = collections.annulments.authority;
  const checkin = { id: id('K1'), hubId: HUB_A, deviceTime: Date.UTC(2026, 5, 1, 8, 0) };
  const annulment = {
    id: checkin.id,
    hubId: HUB_A,
    checkinId: checkin.id,
    deviceId: KIOSK_A.deviceId,
    annulledBy: 'Giulia',
    reason: 'tessera del fratello',
    annulledAt: Date.UTC(2026, 5, 1, 9, 30),
    updatedAt: Date.UTC(2026, 5, 1, 9, 30),
    _deleted: false,
  };
  const romeDay = (ms: number) => localClock('Europe/Rome', ms).date;

  it('lets a kiosk create one in its own name, for its own hub, with the check-in as id', () => {
    expect(judgeDeviceWrite(annulments, KIOSK_A, undefined, annulment)).toEqual({ ok: true });
    expect(judgeDeviceWrite(annulments, KIOSK_B, undefined, annulment)).toMatchObject({ field: 'hubId' });
    expect(
      judgeDeviceWrite(annulments, KIOSK_A, undefined, { ...annulment, deviceId: id('D9') }),
    ).toMatchObject({ field: 'deviceId' });
    // a second annulment of the same check-in under another id would count it out twice
    expect(judgeDeviceWrite(annulments, KIOSK_A, undefined, { ...annulment, id: id('Z9') })).toMatchObject({
      field: 'id',
    });
  });

  it('never lets a kiosk change or delete a stored one', () => {
    for (const change of [
      { reason: 'altro' },
      { annulledBy: 'Marco' },
      { annulledAt: annulment.annulledAt + 1 },
      { updatedAt: annulment.updatedAt + 1 },
      { _deleted: true },
    ])
      expect(judgeDeviceWrite(annulments, KIOSK_A, annulment, { ...annulment, ...change }).ok).toBe(false);
  });

  it("refuses another hub's check-in, and one of another day, by the hub's calendar", () => {
    expect(kioskAnnulmentFault(annulment, checkin, romeDay)).toBeUndefined();
    expect(kioskAnnulmentFault(annulment, { ...checkin, hubId: HUB_B }, romeDay)).toContain('own hub');
    const yesterday = { ...checkin, deviceTime: checkin.deviceTime - 86_400_000 };
    expect(kioskAnnulmentFault(annulment, yesterday, romeDay)).toContain('of the day');
    // 23:30 UTC on 1 June is already 2 June in Rome: the local day counts, not the UTC one
    const lateEvening = { ...annulment, annulledAt: Date.UTC(2026, 5, 1, 23, 30) };
    expect(kioskAnnulmentFault(lateEvening, checkin, romeDay)).toContain('of the day');
    expect(kioskAnnulmentFault(annulment, { ...checkin, id: id('K2') }, romeDay)).toBeDefined();
  });
});

describe('merge rules and write authority agree (no push loops)', () => {
  const base = { id: id('X1'), hubId: HUB_A, _deleted: false };
  const revocation = fc.option(
    fc.record({
      revokedAt: fc.integer({ min: 1, max: 9 }),
      revokedReason: fc.constantFrom('lost', 'erased'),
    }),
  );
  const states = {
    cards: fc.tuple(revocation, fc.integer({ min: 1, max: 9 })).map(([revoked, updatedAt]) => ({
      ...card,
      ...base,
      revoked: revoked !== null,
      ...(revoked ?? {}),
      updatedAt,
    })),
    sessions: fc
      .record({
        title: fc.constantFrom('Lezione 1', 'Lezione 2'),
        status: fc.constantFrom('planned', 'open', 'closed', 'cancelled'),
        notes: fc.constantFrom('', 'a', 'b', 'a\nb'),
        capacity: fc.integer({ min: 0, max: 3 }),
        updatedAt: fc.integer({ min: 1, max: 9 }),
      })
      .map((s) => ({
        ...base,
        kind: 'lesson',
        activity: 'Italiano',
        targetGroup: 'everyone',
        startsAt: 1,
        endsAt: 2,
        facilitator: 'Giulia',
        ...s,
      })),
    enrolments: fc
      .record({
        walkIn: fc.boolean(),
        attendance: fc.constantFrom('unknown', 'present', 'absent'),
        markedBy: fc.constantFrom('Giulia', 'Marco'),
        updatedAt: fc.integer({ min: 1, max: 9 }),
      })
      .map((e) => ({ ...base, sessionId: id('S1'), cardId: id('C1'), alias: 'Maria', ...e })),
    plays: fc
      .record({
        shows: fc.integer({ min: 0, max: 9 }),
        seconds: fc.integer({ min: 0, max: 90 }),
        updatedAt: fc.integer({ min: 1, max: 9 }),
      })
      .map((p) => ({ ...base, deviceId: KIOSK_A.deviceId, contentId: id('K1'), day: '2026-06-01', ...p })),
    refusals: fc
      .record({ count: fc.integer({ min: 1, max: 9 }), updatedAt: fc.integer({ min: 1, max: 9 }) })
      .map((r) => ({
        ...base,
        id: `${KIOSK_A.deviceId}:2026060109:revoked`,
        deviceId: KIOSK_A.deviceId,
        day: '2026-06-01',
        hour: 9,
        reason: 'revoked',
        ...r,
      })),
  };

  it.each(Object.keys(states) as Array<keyof typeof states>)('%s', (name) => {
    const rule = mergeRules[name] as unknown as MergeRule<Record<string, unknown>>;
    const authority = collections[name].authority;
    fc.assert(
      fc.property(
        states[name] as fc.Arbitrary<Record<string, unknown> & { _deleted: boolean }>,
        states[name] as fc.Arbitrary<Record<string, unknown> & { _deleted: boolean }>,
        (master, mine) => {
          const resolved = rule(master, mine);
          if (!sameDocument(resolved, master))
            expect(judgeDeviceWrite(authority, KIOSK_A, master, resolved)).toEqual({ ok: true });
        },
      ),
    );
  });
});

import { startOfLocalDay } from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessages } from '../i18n/messages';
import { annulCheckin } from '../sessions/annul-checkin';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { CheckinService } from './checkin-service';
import { RefusalCounter } from './refusal-counter';

const HOUR = 3_600_000;

describe('kiosk corrections: refused scans counted, check-ins annulled', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  async function setUp() {
    // 10:00 in Rome on the last day before now, so moving the clock by hours stays within one local day
    const ten = startOfLocalDay('Europe/Rome', Date.now()) + 10 * HOUR;
    let now = ten <= Date.now() ? ten : ten - 24 * HOUR;
    f = await createKioskFixture({ now });
    const clock = { now: () => now, set: (ms: number) => (now = ms) };
    const refusals = new RefusalCounter(f.db, f.identity, async () => 'Europe/Rome', clock.now);
    const service = new CheckinService({
      db: f.db,
      identity: f.identity,
      clock: f.clock,
      messages: await createMessages(),
      now: clock.now,
      refusals,
    });
    return { service, clock, start: now };
  }

  it('counts refused scans per local hour and reason, with no card, and not the accepted ones', async () => {
    const { service, clock, start } = await setUp();
    const { token } = await f.serverCard('Maria');
    const { token: revoked } = await f.serverCard('Luca', 'it', { revoked: true });
    expect((await service.scan(token, 'camera')).code).toBe('accepted');
    expect((await service.scan(revoked, 'camera')).code).toBe('revoked');
    expect((await service.scan(revoked, 'camera')).code).toBe('revoked');
    expect((await service.scan(token, 'camera')).code).toBe('already_checked_in');
    clock.set(start + 2 * HOUR);
    expect((await service.scan(revoked, 'camera')).code).toBe('revoked');
    const docs = (await f.db.refusals.find().exec()).map((d) => d.toJSON());
    expect(docs.map((d) => [d.hour, d.reason, d.count]).sort()).toEqual(
      [
        [10, 'revoked', 2],
        [10, 'already_checked_in', 1],
        [12, 'revoked', 1],
      ].sort(),
    );
    for (const d of docs) {
      expect(d.deviceId).toBe(f.identity.deviceId);
      expect(JSON.stringify(d)).not.toMatch(/Luca|Maria/);
      expect(Object.keys(d).sort()).toEqual(
        ['count', 'day', 'deviceId', 'hour', 'hubId', 'id', 'reason', 'updatedAt'].sort(),
      );
    }
  });

  it("annuls today's check-in once, keeps the check-in, and refuses yesterday's and an empty reason", async () => {
    const { service, start } = await setUp();
    const { token } = await f.serverCard('Maria');
    const answer = await service.scan(token, 'camera');
    const checkinId = answer.checkinId as string;
    const before = (await f.db.checkins.findOne(checkinId).exec())?.toJSON();
    const request = { checkinId, reason: 'tessera del fratello', facilitator: 'Giulia' };
    await expect(
      annulCheckin(f.db, f.identity, { ...request, reason: ' ' }, 'Europe/Rome', start + HOUR),
    ).rejects.toThrow(RangeError);
    const annulled = await annulCheckin(f.db, f.identity, request, 'Europe/Rome', start + HOUR);
    expect(annulled).toMatchObject({
      id: checkinId,
      checkinId,
      annulledBy: 'Giulia',
      deviceId: f.identity.deviceId,
    });
    const again = await annulCheckin(
      f.db,
      f.identity,
      { ...request, reason: 'altro' },
      'Europe/Rome',
      start + 2 * HOUR,
    );
    expect(again).toEqual(annulled);
    expect(await f.db.annulments.count().exec()).toBe(1);
    expect((await f.db.checkins.findOne(checkinId).exec())?.toJSON()).toEqual(before);

    const yesterday = await service.scan((await f.serverCard('Anna')).token, 'camera');
    await expect(
      annulCheckin(
        f.db,
        f.identity,
        { ...request, checkinId: yesterday.checkinId as string },
        'Europe/Rome',
        start + 24 * HOUR,
      ),
    ).rejects.toThrow(/solo gli ingressi di oggi/);
  });
});

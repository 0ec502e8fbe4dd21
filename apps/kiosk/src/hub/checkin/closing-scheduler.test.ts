import { ROME_2026_CLOCK_CHANGE_DAYS } from '@vigevano/testkit/clock-changes';
import { afterEach, describe, expect, it } from 'vitest';
import { checkinServiceFor } from '../testing/checkin-service';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { scheduleClosingCheckout } from './closing-scheduler';

describe('automatic check-out at closing time', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  it('runs once after closing, not before, and not again after a restart the same day', async () => {
    // Thursday 26 November 2026, 17:00 in Rome; the fixture hub closes at 19:00.
    let now = Date.parse('2026-11-26T16:00:00Z');
    f = await createKioskFixture({ usesCheckout: true, now });
    const service = await checkinServiceFor(f, () => now);
    await service.scan((await f.serverCard('Elira')).token, 'camera');
    const scheduler = scheduleClosingCheckout(f.db, f.hub.id, service, () => now);
    expect(await scheduler.runDue()).toBe(0);
    now = Date.parse('2026-11-26T18:05:00Z');
    expect(await scheduler.runDue()).toBe(1);
    scheduler.stop();
    await f.reopen();
    const again = scheduleClosingCheckout(f.db, f.hub.id, service, () => now);
    expect(await again.runDue()).toBe(0);
    again.stop();
    const out = await f.db.checkins.findOne({ selector: { automatic: true } }).exec();
    expect(out?.deviceTime).toBe(Date.parse('2026-11-26T18:00:00Z'));
  });

  // Found in the field: a hub open on Sundays until 19:00 checked a visitor out at 18:30 on 25 October 2026,
  // stamped 18:00, because closing was computed as local midnight + 19 hours on a 25-hour day.
  const sundayToo = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '19:00' }));

  async function visitorInsideAt(zone: string, at: number) {
    let now = at;
    f = await createKioskFixture({
      usesCheckout: true,
      now,
      hub: { openingHours: sundayToo, timezone: zone },
    });
    const service = await checkinServiceFor(f, () => now);
    await service.scan((await f.serverCard('Elira')).token, 'camera');
    const scheduler = scheduleClosingCheckout(f.db, f.hub.id, service, () => now);
    const automatic = async () =>
      (await f.db.checkins.find({ selector: { automatic: true } }).exec()).map((c) => c.deviceTime);
    return {
      scheduler,
      automatic,
      setNow: (ms: number) => {
        now = ms;
      },
    };
  }

  // Each day with its UTC offset in the evening: Rome's changes (Sundays) and the days either side, and New York's
  // changes, where the hub's own zone counts, not Rome's.
  const closingDays: Array<readonly [zone: string, day: string, eveningOffset: string]> = [
    ...ROME_2026_CLOCK_CHANGE_DAYS.map(([day, , offset]) => ['Europe/Rome', day, offset] as const),
    ['America/New_York', '2026-03-08', '-04:00'],
    ['America/New_York', '2026-11-01', '-05:00'],
  ];
  it.each(closingDays)(
    'in %s on %s checks nobody out at 18:30 or 18:59:59 and stamps 19:00 local at 19:00',
    async (zone, day, offset) => {
      const visit = await visitorInsideAt(zone, Date.parse(`${day}T17:00:00${offset}`));
      visit.setNow(Date.parse(`${day}T18:30:00${offset}`));
      expect(await visit.scheduler.runDue()).toBe(0);
      visit.setNow(Date.parse(`${day}T18:59:59${offset}`));
      expect(await visit.scheduler.runDue()).toBe(0);
      expect(await visit.automatic()).toEqual([]);
      visit.setNow(Date.parse(`${day}T19:00:00${offset}`));
      expect(await visit.scheduler.runDue()).toBe(1);
      visit.scheduler.stop();
      expect(await visit.automatic()).toEqual([Date.parse(`${day}T19:00:00${offset}`)]);
    },
  );
});

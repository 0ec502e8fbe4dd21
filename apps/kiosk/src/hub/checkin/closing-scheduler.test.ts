import { afterEach, describe, expect, it } from 'vitest';
import { createMessages } from '../i18n/messages';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { CheckinService } from './checkin-service';
import { scheduleClosingCheckout } from './closing-scheduler';

describe('automatic check-out at closing time', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  it('runs once after closing, not before, and not again after a restart the same day', async () => {
    // Thursday 26 November 2026, 17:00 in Rome; the fixture hub closes at 19:00.
    let now = Date.parse('2026-11-26T16:00:00Z');
    f = await createKioskFixture({ usesCheckout: true, now });
    const service = new CheckinService({
      db: f.db,
      identity: f.identity,
      clock: f.clock,
      messages: await createMessages(),
      now: () => now,
    });
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
});

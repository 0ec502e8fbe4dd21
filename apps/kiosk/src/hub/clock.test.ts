import { formatHlc } from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskClock } from './clock';
import { createKioskFixture, type KioskFixture } from './testing/kiosk-fixture';

describe('kiosk clock', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  it("orders this kiosk's next event after another kiosk's, even when that kiosk's clock is days ahead", async () => {
    f = await createKioskFixture();
    const clock = await KioskClock.open(f.db, f.identity.deviceId);
    const now = Date.parse('2026-11-26T10:00:00Z');
    const ahead = formatHlc({ wallMs: now + 3 * 86_400_000, counter: 4, node: '01JDOTHERKIOSK000000000000' });
    clock.observe(ahead, now);
    expect((await clock.tick(now + 1000)) > ahead).toBe(true);
  });

  it('ignores its own events and unreadable stamps', async () => {
    f = await createKioskFixture();
    const clock = await KioskClock.open(f.db, f.identity.deviceId);
    const now = Date.parse('2026-11-26T10:00:00Z');
    clock.observe(formatHlc({ wallMs: now + 86_400_000, counter: 0, node: f.identity.deviceId }), now);
    clock.observe('garbage', now);
    expect(await clock.tick(now)).toBe(formatHlc({ wallMs: now, counter: 0, node: f.identity.deviceId }));
  });

  it('starts after the latest stored check-in when reopened with the wall clock set back', async () => {
    f = await createKioskFixture();
    const clock = await KioskClock.open(f.db, f.identity.deviceId);
    const now = Date.parse('2026-11-26T10:00:00Z');
    const stamped = await clock.tick(now);
    await f.db.checkins.insert({
      id: '01JDCHECK00000000000000001',
      hubId: f.hub.id,
      deviceId: f.identity.deviceId,
      direction: 'in',
      source: 'manual',
      deviceTime: now,
      hlc: stamped,
      updatedAt: now,
    });
    const reopened = await KioskClock.open(f.db, f.identity.deviceId);
    expect((await reopened.tick(now - 3_600_000)) > stamped).toBe(true);
  });
});

import { ROME_2026_CLOCK_CHANGE_DAYS } from '@vigevano/testkit/clock-changes';
import { afterEach, describe, expect, it } from 'vitest';
import { checkinServiceFor } from '../testing/checkin-service';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { SessionService } from './session-service';

describe("session times in the hub's time zone", () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  it("lists as today's the sessions from local midnight to the next, on the change days and around them", async () => {
    f = await createKioskFixture({ now: Date.parse('2026-03-27T12:00:00Z') });
    const titles = new Map<string, string>();
    for (const [day, midnight, evening] of ROME_2026_CLOCK_CHANGE_DAYS)
      for (const [time, offset] of [
        ['00:00', midnight],
        ['19:00', evening],
        ['23:59', evening],
      ] as const) {
        const startsAt = Date.parse(`${day}T${time}:00${offset}`);
        const session = await f.addSession({ title: `${day} ${time}`, startsAt, endsAt: startsAt + 60_000 });
        titles.set(session.id, session.title);
      }
    for (const [day, , evening] of ROME_2026_CLOCK_CHANGE_DAYS) {
      const sessions = new SessionService(f.db, f.identity, () => Date.parse(`${day}T12:00:00${evening}`));
      const today = await sessions.today('Europe/Rome');
      expect(today.map((s) => titles.get(s.id))).toEqual([`${day} 00:00`, `${day} 19:00`, `${day} 23:59`]);
    }
  });

  it("counts who is in a session from the hub's own local day, not Rome's", async () => {
    // New York, 8 March 2026 (its spring change): Rome's midnight is 19:00 there. A session at 19:30 with one
    // seat; a visitor takes the seat at 18:50, another comes at 19:10.
    let now = Date.parse('2026-03-08T18:50:00-04:00');
    f = await createKioskFixture({ now, hub: { timezone: 'America/New_York' } });
    const session = await f.addSession({
      capacity: 1,
      startsAt: Date.parse('2026-03-08T19:30:00-04:00'),
      endsAt: Date.parse('2026-03-08T21:00:00-04:00'),
    });
    const service = await checkinServiceFor(f, () => now);
    const [early, late] = await Promise.all([f.serverCard('Ahmed'), f.serverCard('Ioana')]);
    expect((await service.scan(early.token, 'camera', session.id)).code).toBe('accepted');
    now = Date.parse('2026-03-08T19:10:00-04:00');
    expect((await service.scan(late.token, 'camera', session.id)).code).toBe('session_full');
    expect((await service.scan(early.token, 'camera', session.id)).code).toBe('already_checked_in');
  });
});

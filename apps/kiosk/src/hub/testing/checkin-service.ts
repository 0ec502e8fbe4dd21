import { CheckinService } from '../checkin/checkin-service';
import { createMessages } from '../i18n/messages';
import type { KioskFixture } from './kiosk-fixture';

/**
 * The kiosk's check-in service on a fixture's database, identity and clock, with the real messages, reading the
 * time from `now` (ms since the epoch; the wall clock when omitted). It reads `f.db` when called, so a test that
 * reopens the fixture calls it again for a service on the reopened database.
 */
export async function checkinServiceFor(f: KioskFixture, now?: () => number): Promise<CheckinService> {
  return new CheckinService({
    db: f.db,
    identity: f.identity,
    clock: f.clock,
    messages: await createMessages(),
    ...(now ? { now } : {}),
  });
}

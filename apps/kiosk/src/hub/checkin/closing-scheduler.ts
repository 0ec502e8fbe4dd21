import { localDate } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { CheckinService } from './checkin-service';
import { closingTimeOn } from './closing-time';

const DONE_DOC = 'auto-checkout';

/**
 * Once a minute: if today's closing time has passed and today's automatic check-out has not run on this kiosk,
 * run it. The date it ran is kept in a local document, so a restart after closing does not run it twice (and a
 * kiosk switched on late still runs it).
 */
export function scheduleClosingCheckout(
  db: KioskDatabase,
  hubId: string,
  checkins: CheckinService,
  now: () => number = Date.now,
): { stop(): void; runDue(): Promise<number> } {
  const runDue = async (): Promise<number> => {
    const hub = await db.hubs.findOne(hubId).exec();
    if (!hub?.usesCheckout) return 0;
    const at = now();
    const closing = closingTimeOn(hub, at);
    if (closing === undefined || at < closing) return 0;
    const today = localDate(hub.timezone, at).date;
    if ((await db.getLocal<{ date: string }>(DONE_DOC))?.get('date') === today) return 0;
    const count = await checkins.checkoutEveryoneInside(closing);
    await db.upsertLocal(DONE_DOC, { date: today });
    return count;
  };
  const timer = setInterval(() => void runDue().catch(() => undefined), 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer), runDue };
}

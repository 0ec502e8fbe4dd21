import { isRefusalReason, localClock, type Refusal, refusalId } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';

/**
 * Counts refused scans (issue 18, item 5): one `refusals` document per local hour and reason, counted up in place
 * by this kiosk alone (its id names the kiosk), synced for the dashboard's view of where refusals cluster. Only
 * the reason, the kiosk and the hour are kept: never the card, the alias or the session.
 */
export class RefusalCounter {
  constructor(
    private readonly db: KioskDatabase,
    private readonly identity: KioskIdentity,
    private readonly timeZone: () => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one scan answered with `code`; codes that are no refusal (accepted, checked out, error) count nothing. */
  async refused(code: string): Promise<void> {
    if (!isRefusalReason(code)) return;
    const now = this.now();
    const { date: day, hour } = localClock(await this.timeZone(), now);
    const id = refusalId(this.identity.deviceId, day, hour, code);
    const existing = await this.db.refusals.findOne(id).exec();
    if (existing) {
      await existing.incrementalModify((doc) => ({
        ...doc,
        count: Math.min(1_000_000, doc.count + 1),
        updatedAt: Math.max(now, doc.updatedAt),
      }));
      return;
    }
    const refusal: Refusal = {
      id,
      hubId: this.identity.hubId,
      deviceId: this.identity.deviceId,
      day,
      hour,
      reason: code,
      count: 1,
      updatedAt: now,
    };
    await this.db.refusals.insert(refusal);
  }
}

import { localDate, type Play, playId } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';

/**
 * Counts what the attract loop showed: one `plays` document per item and local day, counted up in place, synced
 * to the server for the dashboard's content page. Only this kiosk writes its documents, so counts never race.
 */
export class ProofOfPlay {
  constructor(
    private readonly db: KioskDatabase,
    private readonly identity: KioskIdentity,
    private readonly timeZone: () => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  async played(contentId: string, seconds: number): Promise<void> {
    if (!(await this.db.content.findOne(contentId).exec())) return; // an item the kiosk does not hold: ignore
    const now = this.now();
    const day = localDate(await this.timeZone(), now).date;
    const id = playId(this.identity.deviceId, contentId, day);
    const existing = await this.db.plays.findOne(id).exec();
    if (existing) {
      await existing.incrementalModify((doc) => ({
        ...doc,
        shows: doc.shows + 1,
        seconds: Math.min(86_400, doc.seconds + seconds),
        updatedAt: now,
      }));
      return;
    }
    const play: Play = {
      id,
      hubId: this.identity.hubId,
      deviceId: this.identity.deviceId,
      contentId,
      day,
      shows: 1,
      seconds,
      updatedAt: now,
    };
    await this.db.plays.insert(play);
  }
}

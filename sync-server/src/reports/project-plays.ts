import type { Play } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';

/**
 * Proof-of-play counters → report_plays (one row per kiosk, item and local day). A counter only grows and a later
 * push carries its whole state, so the row takes the document as it is: a push repeated after a lost answer
 * leaves the same row, never a doubled count.
 */
export async function projectPlays(tx: Transaction<Database>, docs: WrittenDocument[]): Promise<void> {
  for (const doc of docs) {
    if (doc.deleted) {
      await tx.deleteFrom('report_plays').where('id', '=', doc.id).execute();
      continue;
    }
    const p = doc.body as Play;
    const row = {
      hub_id: p.hubId,
      device_id: p.deviceId,
      content_id: p.contentId,
      day: p.day,
      shows: p.shows,
      seconds: p.seconds,
    };
    await tx
      .insertInto('report_plays')
      .values({ id: p.id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }
}

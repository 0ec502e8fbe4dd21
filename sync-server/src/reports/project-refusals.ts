import type { Refusal } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';

/** Refused-scan counters → report_refusals (one row per kiosk, local hour and reason; the count as last synced). */
export async function projectRefusals(tx: Transaction<Database>, docs: WrittenDocument[]): Promise<void> {
  for (const doc of docs) {
    if (doc.deleted) {
      await tx.deleteFrom('report_refusals').where('id', '=', doc.id).execute();
      continue;
    }
    const r = doc.body as Refusal;
    const row = {
      hub_id: r.hubId,
      device_id: r.deviceId,
      day: r.day,
      hour: r.hour,
      reason: r.reason,
      count: r.count,
    };
    await tx
      .insertInto('report_refusals')
      .values({ id: r.id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }
}

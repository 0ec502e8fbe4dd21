import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/** Per hub, the last time any of its kiosks made an authenticated sync request (device_status), in ms. */
export async function hubLastContact(
  db: Kysely<Database>,
): Promise<Array<{ hubId: string; lastSeenAt: number }>> {
  const rows = await db
    .selectFrom('device_status as s')
    .innerJoin('documents as d', (join) =>
      join.onRef('d.id', '=', 's.device_id').on('d.collection', '=', 'devices'),
    )
    .select((eb) => ['d.hub_id', eb.fn.max('s.last_seen_at').as('last_seen_at')])
    .where('d.hub_id', 'is not', null)
    .groupBy('d.hub_id')
    .execute();
  return rows.map((r) => ({ hubId: String(r.hub_id), lastSeenAt: Number(r.last_seen_at) }));
}

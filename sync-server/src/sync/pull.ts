import type { PullResponse, ReplicatedDocument, SyncCheckpoint } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { AuthenticatedDevice } from '../devices/enrolment';
import type { Database } from '../store/schema';
import type { SyncCollection } from './collections';

/**
 * The changes of a collection after a checkpoint that a device may see, oldest first, at most `limit`:
 * `hub` scope its own hub's documents, `hub-list` those listing its hub or the whole city, `city` all.
 * Rows not yet in the feed (no change order) are not returned; see change-order.ts for why none is skipped.
 */
export async function pullChanges(
  db: Kysely<Database>,
  collection: SyncCollection,
  device: AuthenticatedDevice,
  checkpoint: SyncCheckpoint | null,
  limit: number,
): Promise<PullResponse> {
  const after = checkpoint?.order ?? 0;
  let query = db
    .selectFrom('documents')
    .select(['body', 'deleted', 'change_order'])
    .where('collection', '=', collection.name)
    .where('change_order', '>', after);
  if (collection.scope === 'hub') query = query.where('hub_id', '=', device.hubId);
  if (collection.scope === 'hub-list')
    query = query.where((eb) =>
      eb.or([eb('visible_to', 'is', null), eb('visible_to', 'like', `%|${device.hubId}|%`)]),
    );
  const rows = await query.orderBy('change_order').limit(limit).execute();
  const documents = rows.map(
    (r) => ({ ...JSON.parse(r.body), _deleted: r.deleted === 1 }) as ReplicatedDocument,
  );
  const last = rows.at(-1);
  return {
    documents,
    checkpoint: last ? { order: Number(last.change_order) } : checkpoint,
  };
}

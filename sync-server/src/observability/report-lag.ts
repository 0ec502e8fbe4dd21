import type { Kysely } from 'kysely';
import { PROJECTED_COLLECTIONS, type ReportFeed } from '../reports/feed';
import type { Database } from '../store/schema';
import type { ReportLag } from './metrics';

/**
 * How far the report tables are behind the documents: the documents of projected collections changed after their
 * collection's report cursor (one index range count per collection, on documents_change_order), and the age of the
 * oldest change the feed knows is waiting. Documents behind are read from the store, so they hold whoever wrote
 * the changes; the age is this process's own knowledge (0 when nothing is behind).
 */
export async function reportLag(
  db: Kysely<Database>,
  feed: ReportFeed,
  now = Date.now(),
): Promise<ReportLag> {
  const cursors = await db.selectFrom('report_cursors').select(['collection', 'last_order']).execute();
  const cursorOf = new Map(cursors.map((c) => [c.collection, Number(c.last_order)]));
  let documents = 0;
  for (const collection of PROJECTED_COLLECTIONS) {
    const row = await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('collection', '=', collection)
      .where('change_order', '>', cursorOf.get(collection) ?? 0)
      .executeTakeFirst();
    documents += Number(row?.n ?? 0);
  }
  const since = feed.pendingSince();
  const seconds = documents > 0 && since !== undefined ? Math.max(0, (now - since) / 1000) : 0;
  return { documents, seconds };
}

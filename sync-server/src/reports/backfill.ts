import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { projectCards } from './project-cards';
import { projectCheckins } from './project-checkins';
import { projectEnrolments } from './project-enrolments';
import { projectSessions } from './project-sessions';

const DONE_KEY = 'reports_projected_at';
const PAGE = 1000;

/**
 * A database that had documents before the report tables existed (migration 0004) gets them projected once, at
 * start, page by page; afterwards the projectors keep them exact on every write. Returns how many documents it read.
 */
export async function ensureReportsProjected(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const done = await db.selectFrom('settings').select('value').where('key', '=', DONE_KEY).executeTakeFirst();
  if (done) return 0;
  let total = 0;
  for (const [collection, projector] of [
    ['cards', projectCards],
    ['sessions', projectSessions],
    ['enrolments', projectEnrolments],
    ['checkins', projectCheckins],
  ] as const) {
    let after = '';
    for (;;) {
      const rows = await db
        .selectFrom('documents')
        .select(['id', 'hub_id', 'body'])
        .where('collection', '=', collection)
        .where('deleted', '=', 0)
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      await db.transaction().execute((tx) =>
        projector(
          tx,
          rows.map((r) => ({
            id: r.id,
            hubId: r.hub_id,
            body: JSON.parse(r.body) as Record<string, unknown>,
            deleted: false,
          })),
        ),
      );
      total += rows.length;
      after = rows[rows.length - 1]?.id as string;
    }
  }
  await db
    .insertInto('settings')
    .values({ key: DONE_KEY, value: String(now) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return total;
}

import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';

/**
 * How many check-ins of these local days (`YYYY-MM-DD`, both included), at this hub (null: every hub) and of this
 * target group or activity (null: any) are marked duplicate (reports/duplicates.ts): stored, counted nowhere.
 */
export async function countDuplicates(
  db: Kysely<Database>,
  q: { from: string; to: string; hub: string | null; targetGroup: string | null; activity: string | null },
): Promise<number> {
  let query = db
    .selectFrom('report_checkins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('duplicate', '=', 1)
    .where('day', '>=', q.from)
    .where('day', '<=', q.to);
  if (q.hub !== null) query = query.where('hub_id', '=', q.hub);
  if (q.targetGroup !== null) query = query.where('target_group', '=', q.targetGroup);
  if (q.activity !== null) query = query.where('activity', '=', q.activity);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

import { CITY_TIME_ZONE, type Session, startOfLocalDay } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { addDays } from '../calendar';

/**
 * The instant local day `day` (YYYY-MM-DD) starts in the city. Noon UTC lies within that local day in any zone
 * less than 12 hours from UTC (the city's is Europe/Rome).
 */
const localMidnight = (day: string) => startOfLocalDay(CITY_TIME_ZONE, Date.parse(`${day}T12:00:00Z`));

/**
 * The sessions (not deleted) of `operations`, at their hubs, that start on a local day within [from, to]. Sessions are replicated
 * documents; their operation is in the body (sessions v1), so the period bounds the scan by the indexed start time.
 */
export async function operationSessions(
  db: Kysely<Database>,
  operations: ReadonlyArray<{ id: string; hubIds: readonly string[] }>,
  from: string,
  to: string,
): Promise<Session[]> {
  const wanted = new Set(operations.map((o) => o.id));
  const hubIds = [...new Set(operations.flatMap((o) => o.hubIds))];
  if (wanted.size === 0 || hubIds.length === 0) return [];
  // the period's local days as instants, computed twice rather than once per session (time zone rules are slow)
  const starts = localMidnight(from);
  const ends = localMidnight(addDays(to, 1));
  const rows = await db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', 'sessions')
    .where('deleted', '=', 0)
    .where('hub_id', 'in', hubIds)
    // most sessions (drop-in desk shifts) belong to no operation: skip them before parsing any JSON
    .where('body', 'like', '%"operationId"%')
    // a session document's `at` is its start (store/schema.ts)
    .where('at', '>=', starts)
    .where('at', '<', ends)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows
    .map((r) => JSON.parse(r.body) as Session)
    .filter(
      (s) =>
        s.operationId !== undefined && wanted.has(s.operationId) && s.startsAt >= starts && s.startsAt < ends,
    );
}

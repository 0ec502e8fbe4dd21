import { CITY_TIME_ZONE, localDate, type Session } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';

const DAY_MS = 86_400_000;

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
  // a day either side of the UTC bounds covers any time zone offset; the local day is checked below
  const rows = await db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', 'sessions')
    .where('deleted', '=', 0)
    .where('hub_id', 'in', hubIds)
    // most sessions (drop-in desk shifts) belong to no operation: skip them before parsing any JSON
    .where('body', 'like', '%"operationId"%')
    .where('at', '>=', Date.parse(`${from}T00:00:00Z`) - DAY_MS)
    .where('at', '<', Date.parse(`${to}T00:00:00Z`) + 2 * DAY_MS)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows
    .map((r) => JSON.parse(r.body) as Session)
    .filter((s) => s.operationId !== undefined && wanted.has(s.operationId))
    .filter((s) => {
      const day = localDate(CITY_TIME_ZONE, s.startsAt).date;
      return day >= from && day <= to;
    });
}

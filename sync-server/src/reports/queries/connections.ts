import type { ConnectionsQuery, ConnectionsReport, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { monthOf, periodsBetween } from '../calendar';
import { checkHubExists, hubKey, hubOptions, reportHub, visibleHubs } from '../scope';
import { checkRange, wholePeriods } from './range';

/** Visitors who use more than one hub, month by month and all time, and the moves between hubs. */
export async function connectionsReport(
  db: Kysely<Database>,
  user: SessionUser,
  q: ConnectionsQuery,
): Promise<ConnectionsReport> {
  checkRange(q.from, q.to);
  const hubs = await visibleHubs(db, user);
  const hub = reportHub(user, q.hub);
  checkHubExists(hubs, hub);
  const { from, to } = wholePeriods('m', q.from, q.to);
  const months = periodsBetween('m', from, to);

  let flows = db
    .selectFrom('report_flows')
    .select((eb) => ['from_hub', 'to_hub', eb.fn.sum<number>('moves').as('moves')])
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (hub) flows = flows.where((eb) => eb.or([eb('from_hub', '=', hub), eb('to_hub', '=', hub)]));
  const [monthly, allTime, flowRows, allHubs] = await Promise.all([
    db
      .selectFrom('report_visitor_counts')
      .select(['period', 'facet', 'visitors'])
      .where('kind', '=', 'm')
      .where('hub_id', '=', hubKey(hub))
      .where('facet', 'in', ['all', 'multi'])
      .where('period', '>=', monthOf(from))
      .where('period', '<=', monthOf(to))
      .execute(),
    db
      .selectFrom('report_visitor_counts')
      .select('visitors')
      .where('kind', '=', 'a')
      .where('hub_id', '=', hubKey(hub))
      .where('facet', '=', 'multi')
      .where('period', '=', '')
      .executeTakeFirst(),
    flows.groupBy(['from_hub', 'to_hub']).execute(),
    // a hub lead sees moves to and from other hubs too: their names are public, their people are not involved
    db
      .selectFrom('documents')
      .select(['id', 'body'])
      .where('collection', '=', 'hubs')
      .where('deleted', '=', 0)
      .execute(),
  ]);
  const name = new Map(allHubs.map((h) => [h.id, (JSON.parse(h.body) as { name: string }).name]));
  const value = (period: string, facet: string) =>
    Number(monthly.find((r) => r.period === period && r.facet === facet)?.visitors ?? 0);
  return {
    query: { from, to, hub },
    months: months.map((month) => ({
      month,
      visitors: value(month, 'all'),
      multiHubVisitors: value(month, 'multi'),
    })),
    multiHubAllTime: Number(allTime?.visitors ?? 0),
    flows: flowRows
      .map((f) => ({
        fromHubId: f.from_hub,
        fromHubName: name.get(f.from_hub) ?? f.from_hub,
        toHubId: f.to_hub,
        toHubName: name.get(f.to_hub) ?? f.to_hub,
        moves: Number(f.moves),
      }))
      .filter((f) => f.moves > 0)
      // ties broken down to the destination: the same data gives the same order on every store and instance
      .sort(
        (a, b) =>
          b.moves - a.moves ||
          a.fromHubName.localeCompare(b.fromHubName, 'it') ||
          a.toHubName.localeCompare(b.toHubName, 'it') ||
          a.toHubId.localeCompare(b.toHubId),
      ),
    hubs: hubOptions(hubs),
  };
}
